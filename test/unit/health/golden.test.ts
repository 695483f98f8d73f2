import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_FILE, renderGolden } from '../../../scripts/golden';

describe('health golden file', () => {
  it('matches test/golden/health.md (regenerate with npx tsx scripts/golden.ts and review the diff)', () => {
    expect(renderGolden()).toBe(readFileSync(GOLDEN_FILE, 'utf8'));
  }, 60_000);
});

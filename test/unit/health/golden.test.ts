import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN, renderGolden } from '../../../scripts/golden';

describe('health golden files', () => {
  it.each(GOLDEN.map((c) => [c.file, c] as const))('matches %s (regenerate with npx tsx scripts/golden.ts and review the diff)', (file, corpus) => {
    expect(renderGolden(corpus)).toBe(readFileSync(file, 'utf8'));
  }, 120_000);
});

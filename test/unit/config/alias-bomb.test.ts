import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/lib/config/friendly-errors';

describe('a YAML alias bomb', () => {
  it('is one line naming the file, not a thrown resource-exhaustion error', () => {
    const bomb = ['a: &a [x, x]', ...Array.from({ length: 30 }, (_, i) => `b${i}: &l${i} [${i === 0 ? '*a, *a' : `*l${i - 1}, *l${i - 1}`}]`)].join('\n');
    const r = parseYaml(bomb, 'data/status.yaml');
    expect(r).toEqual({
      ok: false,
      errors: ['data/status.yaml:1:1: YAML cannot be read (Excessive alias count indicates a resource exhaustion attack) — write the values plainly, with fewer anchors (&) and aliases (*).'],
    });
  });
});

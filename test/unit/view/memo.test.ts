import { describe, expect, it } from 'vitest';
import { memoize } from '../../../src/lib/view/memo';
import { formatDateTime, formatLocalDate } from '../../../src/lib/view/time';
import { formatValue } from '../../../src/lib/view/number';

describe('memoize', () => {
  it('computes a result once per key and answers the same afterwards', () => {
    let calls = 0;
    const twice = memoize((n: number) => (calls++, n * 2), (n) => String(n));
    expect([twice(2), twice(2), twice(3)]).toEqual([4, 4, 6]);
    expect(calls).toBe(2);
  });

  it('remembers undefined results too', () => {
    let calls = 0;
    const none = memoize((_: string) => void calls++, (s) => s);
    none('a');
    none('a');
    expect(calls).toBe(1);
  });

  it('empties its table past the bound and still answers right', () => {
    let calls = 0;
    const id = memoize((n: number) => (calls++, n), (n) => String(n), 2);
    expect([id(1), id(2), id(3), id(1)]).toEqual([1, 2, 3, 1]);
    expect(calls).toBe(4);
  });
});

describe('the remembered formatters', () => {
  it('answer as before for every language and instant, asked twice', () => {
    for (let k = 0; k < 2; k++) {
      expect(formatDateTime('2025-11-04T15:30:00+01:00', 'nl', 'Europe/Brussels')).toBe('4 nov. 2025 15:30 CET');
      expect(formatDateTime(1751380200, 'fr', 'Europe/Brussels')).toMatch(/^1 juil\.? 2025 16:30 CEST$/);
      expect(formatLocalDate('2025-11-04', 'fr')).toBe('mardi 4 novembre 2025');
      expect(formatValue(1234.5, 'calls/min', 'fr')).toBe('1\u202f235\u00a0calls/min');
    }
  });
});

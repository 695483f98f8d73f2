import { describe, expect, it } from 'vitest';
import { nextAlignedTick, planAfterCycle } from '../../../src/lib/cycle/schedule';

const MIN = 60_000;
const t0 = Date.UTC(2025, 10, 4, 14, 30, 0); // 15:30 CET, on a minute boundary

describe('nextAlignedTick', () => {
  it.each([
    ['just after a boundary', t0 + 1, t0 + MIN],
    ['exactly on a boundary (strictly after it)', t0, t0 + MIN],
    ['one millisecond before a boundary', t0 + MIN - 1, t0 + MIN],
  ])('returns the next whole minute %s', (_name, after, expected) => {
    expect(nextAlignedTick(after, MIN)).toBe(expected);
  });

  it('ticks on whole local minutes across the CEST to CET change, because offsets are whole minutes', () => {
    const beforeChange = Date.UTC(2025, 9, 26, 0, 59, 30); // 02:59:30 CEST
    const tick = nextAlignedTick(beforeChange, MIN);
    expect(new Date(tick).getUTCSeconds()).toBe(0);
    expect(tick - beforeChange).toBe(30_000);
  });
});

describe('planAfterCycle', () => {
  it('runs the following tick when the cycle ended before it', () => {
    expect(planAfterCycle(t0, t0 + 40_000, MIN)).toEqual({ nextTickMs: t0 + MIN, skippedTicksMs: [] });
  });

  it('skips the next tick, and says which, when the cycle overran it', () => {
    expect(planAfterCycle(t0, t0 + MIN + 5_000, MIN)).toEqual({ nextTickMs: t0 + 2 * MIN, skippedTicksMs: [t0 + MIN] });
  });

  it('skips a tick the cycle ended exactly on, so two cycles never start back to back late', () => {
    expect(planAfterCycle(t0, t0 + MIN, MIN)).toEqual({ nextTickMs: t0 + 2 * MIN, skippedTicksMs: [t0 + MIN] });
  });

  it('skips every tick a long cycle ran over', () => {
    expect(planAfterCycle(t0, t0 + 3 * MIN + 1, MIN).skippedTicksMs).toEqual([t0 + MIN, t0 + 2 * MIN, t0 + 3 * MIN]);
  });
});

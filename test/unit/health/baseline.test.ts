import { describe, expect, it } from 'vitest';
import { computeBaseline, slidingMin } from '../../../src/lib/health/baseline';
import { gridBetween, rowTime, wallClock } from '../../../src/lib/health/grid';
import { holidayCalendar } from '../../../src/lib/health/holidays';
import { localParts, zonedEpoch } from '../../../src/lib/time/zone';

const TZ = 'Europe/Brussels';

/** Four weeks of a synthetic pharmacy rhythm: 1,000/min from 09:00 to 18:00 on weekdays, 50 on Sundays, 10 at night. */
function rhythm(from: number, to: number, holiday: (t: number) => boolean = () => false) {
  const grid = gridBetween(from, to);
  const values = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    const t = rowTime(grid, i) - 60;
    const p = localParts(t, TZ);
    const open = p.hour >= 9 && p.hour < 18;
    values[i] = !open ? 10 : p.weekday === 0 || holiday(t) ? 50 : p.weekday === 6 ? 300 : 1000;
  }
  return { grid, values };
}

describe('baseline', { timeout: 30_000 }, () => {
  it('expects the same local hour of the same weekday across the DST change (09:30 stays 09:30)', () => {
    const { grid, values } = rhythm(zonedEpoch('2025-10-06', 0, 0, TZ), zonedEpoch('2025-11-04', 12, 0, TZ));
    const clock = wallClock(grid, TZ, holidayCalendar('none', []));
    const b = computeBaseline(values, clock, { weeks: 4, halfWindow: 2, quantile: 0.5 });
    const at = (date: string, h: number, m: number): number => b.expected[Math.round((zonedEpoch(date, h, m, TZ) + 60 - grid.start) / 60)]!;
    // Monday 3 Nov (CET) learns from Mondays in CEST: 09:30 is open, 08:30 closed, in local time.
    expect(at('2025-11-03', 9, 30)).toBe(1000);
    expect(at('2025-11-03', 8, 30)).toBe(10);
    expect(at('2025-11-02', 10, 0)).toBe(50);
  });

  it('expects a public holiday to look like a Sunday', () => {
    const holiday = (t: number): boolean => localParts(t, TZ).day === 11 && localParts(t, TZ).month === 11;
    const { grid, values } = rhythm(zonedEpoch('2025-10-13', 0, 0, TZ), zonedEpoch('2025-11-11', 12, 0, TZ), holiday);
    const clock = wallClock(grid, TZ, holidayCalendar('BE', []));
    const b = computeBaseline(values, clock, { weeks: 4, halfWindow: 2, quantile: 0.5 });
    const i = Math.round((zonedEpoch('2025-11-11', 10, 0, TZ) + 60 - grid.start) / 60);
    expect(b.expected[i]).toBe(50);
  });

  it('is not moved by one past outage (median over weeks)', () => {
    const { grid, values } = rhythm(zonedEpoch('2025-10-06', 0, 0, TZ), zonedEpoch('2025-11-04', 12, 0, TZ));
    const outage = Math.round((zonedEpoch('2025-10-27', 10, 0, TZ) - grid.start) / 60);
    for (let k = 0; k < 30; k++) values[outage + k] = 0;
    const b = computeBaseline(values, wallClock(grid, TZ, holidayCalendar('none', [])), { weeks: 4, halfWindow: 2, quantile: 0.6 });
    expect(b.expected[outage + 7 * 1440 + 10]).toBe(1000);
  });

  it('has no expectation without history (NaN, not zero)', () => {
    const { grid, values } = rhythm(zonedEpoch('2025-11-03', 0, 0, TZ), zonedEpoch('2025-11-03', 12, 0, TZ));
    const b = computeBaseline(values, wallClock(grid, TZ, holidayCalendar('none', [])), { weeks: 4, halfWindow: 2, quantile: 0.5 });
    expect(Number.isNaN(b.expected[100]!)).toBe(true);
  });

  it('takes the lowest expectation in the tolerance window, skipping NaN', () => {
    expect(Array.from(slidingMin(Float64Array.from([5, Number.NaN, 3, 9, 9, 9]), 1))).toEqual([5, 3, 3, 3, 9, 9]);
  });
});

describe('holidays in the Sunday sample', { timeout: 30_000 }, () => {
  it('drops a holiday with weekday traffic from the next Sunday\'s sample, so its band is not inflated', () => {
    // Tuesday 2025-10-28 is declared a holiday but the pharmacies worked normally (1,000/min).
    const { grid, values } = rhythm(zonedEpoch('2025-10-06', 0, 0, TZ), zonedEpoch('2025-11-03', 0, 0, TZ));
    const clock = wallClock(grid, TZ, holidayCalendar('none', ['2025-10-28']));
    const b = computeBaseline(values, clock, { weeks: 4, halfWindow: 2, quantile: 0.6 });
    const at = (date: string, h: number, m: number): number => Math.round((zonedEpoch(date, h, m, TZ) + 60 - grid.start) / 60);
    expect(b.expected[at('2025-11-02', 10, 30)]).toBe(50);
    expect(b.upper[at('2025-11-02', 10, 30)]).toBe(50);
  });

  it('keeps a Sunday-like holiday in the sample', () => {
    const holiday = (t: number): boolean => localParts(t, TZ).day === 28 && localParts(t, TZ).month === 10;
    const { grid, values } = rhythm(zonedEpoch('2025-10-06', 0, 0, TZ), zonedEpoch('2025-11-03', 0, 0, TZ), holiday);
    const clock = wallClock(grid, TZ, holidayCalendar('none', ['2025-10-28']));
    const b = computeBaseline(values, clock, { weeks: 4, halfWindow: 2, quantile: 0.6 });
    const at = (date: string, h: number, m: number): number => Math.round((zonedEpoch(date, h, m, TZ) + 60 - grid.start) / 60);
    expect(b.expected[at('2025-11-02', 10, 30)]).toBe(50);
    // The holiday itself is predicted from the Sundays before it.
    expect(b.expected[at('2025-10-28', 10, 30)]).toBe(50);
  });
});

/** The baseline skips unknown values among the neighbouring minutes of a past day (a gap is no value). */
import { describe, expect, it } from 'vitest';
import { computeBaseline } from '../../../src/lib/health/baseline';
import { gridBetween, wallClock } from '../../../src/lib/health/grid';
import { holidayCalendar } from '../../../src/lib/health/holidays';
import { zonedEpoch } from '../../../src/lib/time/zone';

const TZ = 'Europe/Brussels';
// Eight days from Saturday 2025-11-01; every minute's value is its day number + minute of day / 10,000.
const from = zonedEpoch('2025-11-01', 0, 0, TZ);
const grid = gridBetween(from, from + 8 * 86_400);
const clock = wallClock(grid, TZ, holidayCalendar('none', []));
const at = (dayIndex: number, minute: number) => dayIndex * 1440 + minute;
const values = Float64Array.from({ length: grid.length }, (_, i) => clock.day[i]! - clock.firstDay + clock.minuteOfDay[i]! / 10_000);

describe('an unknown minute in a past day', () => {
  it('is skipped among the neighbouring minutes: the quantile is over the known ones', () => {
    const gap = Float64Array.from(values, (v, i) => (i === at(0, 721) ? Number.NaN : v));
    // Saturday 8 Nov 12:00 from Saturday 1 Nov 11:59 and 12:00 (12:01 unknown): the median of two values.
    expect(computeBaseline(gap, clock, { weeks: 1, halfWindow: 1, quantile: 0.5 }).expected[at(7, 720)]).toBeCloseTo(719.5 / 10_000, 12);
  });
});

/** The wall clock of a grid's first rows (clockPrefix): the same days and wall index, cut to the prefix. */
import { describe, expect, it } from 'vitest';
import { clockPrefix, gridBetween, wallClock } from '../../../src/lib/health/grid';
import { holidayCalendar } from '../../../src/lib/health/holidays';
import { zonedEpoch } from '../../../src/lib/time/zone';

const TZ = 'Europe/Brussels';
const from = zonedEpoch('2025-11-01', 0, 0, TZ);
const clock = wallClock(gridBetween(from, from + 2 * 86_400), TZ, holidayCalendar('none', []));

describe('the wall clock of a grid\'s first rows', () => {
  it('is the clock of a shorter grid from the same start, with the same days and wall index', () => {
    const p = clockPrefix(clock, 100);
    expect(p.grid).toEqual({ start: clock.grid.start, length: 100 });
    expect(Array.from(p.day)).toEqual(Array.from(clock.day.subarray(0, 100)));
    expect(Array.from(p.minuteOfDay)).toEqual(Array.from(clock.minuteOfDay.subarray(0, 100)));
    expect(p.classes).toBe(clock.classes);
    expect(p.wallIndex).toBe(clock.wallIndex);
    expect(clock.grid.length).toBe(2 * 1440);
  });

  it('is the clock itself when the prefix is the whole grid or longer', () => {
    expect(clockPrefix(clock, clock.grid.length)).toBe(clock);
    expect(clockPrefix(clock, clock.grid.length + 5)).toBe(clock);
    expect(clockPrefix(clock, clock.grid.length - 1)).not.toBe(clock);
    expect(clockPrefix(clock, clock.grid.length - 1).grid.length).toBe(clock.grid.length - 1);
  });
});

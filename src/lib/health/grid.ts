/**
 * The minute grid every health computation runs on, and its mapping to local wall-clock time.
 * Row i stamps the END of minute interval i (rrdtool convention): it covers (t - 60, t].
 */
import { localParts } from '../time/zone';
import { dayClass, type DayClass, type HolidayCalendar } from './holidays';

export const MINUTE = 60;

/** A run of whole minutes: `start` is the time stamp (end) of row 0. */
export interface Grid {
  start: number;
  length: number;
}

/** Row time stamp of grid index i. */
export function rowTime(grid: Grid, i: number): number {
  return grid.start + i * MINUTE;
}

/** The grid of whole minutes whose rows end in (from, to], `to` rounded down to the minute. */
export function gridBetween(from: number, to: number): Grid {
  const end = Math.floor(to / MINUTE) * MINUTE;
  const start = Math.floor(from / MINUTE) * MINUTE + MINUTE;
  return { start, length: Math.max(0, Math.round((end - start) / MINUTE) + 1) };
}

/**
 * Local wall-clock view of a grid: every row's local day and minute of day (of the interval's
 * start), DST-correct. Baselines compare "the same local time" across weeks through `wallIndex`,
 * so the CEST→CET change shifts nothing: 09:14 is 09:14 on either side of it.
 */
export interface WallClock {
  grid: Grid;
  /** Wall day number (days since 1970-01-01 in local time) of each row. */
  day: Int32Array;
  /** Local minute of day (0..1439) of each row. */
  minuteOfDay: Int16Array;
  /** First wall day of the grid. */
  firstDay: number;
  /** Per wall day from firstDay: its class (0 = Sunday/holiday, 1..6 = Mon..Sat) and local date. */
  classes: DayClass[];
  dates: string[];
  /** Grid index of a wall minute (day * 1440 + minute of day), -1 when none (spring-forward hour). */
  indexOfWall(wallMinute: number): number;
  /** The same as an array: wallIndex[wallMinute - wallStart] (for the hot loops). */
  wallIndex: Int32Array;
  wallStart: number;
}

/** Builds the wall clock of a grid in `timeZone`, with holidays classed as Sundays. */
export function wallClock(grid: Grid, timeZone: string, isHoliday: HolidayCalendar): WallClock {
  const day = new Int32Array(grid.length);
  const minuteOfDay = new Int16Array(grid.length);
  const offsetAt = offsetLookup(timeZone);
  for (let i = 0; i < grid.length; i++) {
    const intervalStart = rowTime(grid, i) - MINUTE;
    const wall = Math.floor((intervalStart + offsetAt(intervalStart)) / MINUTE);
    day[i] = Math.floor(wall / 1440);
    minuteOfDay[i] = wall - day[i]! * 1440;
  }
  const firstDay = grid.length > 0 ? day[0]! : 0;
  const lastDay = grid.length > 0 ? day[grid.length - 1]! : -1;
  const classes: DayClass[] = [];
  const dates: string[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    const date = new Date(d * 86_400_000);
    const iso = date.toISOString().slice(0, 10);
    dates.push(iso);
    classes.push(dayClass(iso, date.getUTCDay(), isHoliday));
  }
  const wallStart = firstDay * 1440;
  const index = new Int32Array(Math.max(0, (lastDay - firstDay + 1) * 1440)).fill(-1);
  // At the autumn change the repeated hour maps to its second occurrence (the later data).
  for (let i = 0; i < grid.length; i++) index[day[i]! * 1440 + minuteOfDay[i]! - wallStart] = i;
  return {
    grid,
    day,
    minuteOfDay,
    firstDay,
    classes,
    dates,
    wallIndex: index,
    wallStart,
    indexOfWall: (w) => {
      const k = w - wallStart;
      return k >= 0 && k < index.length ? index[k]! : -1;
    },
  };
}

/**
 * The wall clock of the first `length` rows of `clock`'s grid, without recomputing it: the same days,
 * classes and wall index (whose entries past the prefix read as unknown in baseline.ts), so each
 * service can be evaluated up to its own minute (reduce/evaluation-end.ts) on the clock of the run.
 */
export function clockPrefix(clock: WallClock, length: number): WallClock {
  if (length >= clock.grid.length) return clock;
  return { ...clock, grid: { start: clock.grid.start, length }, day: clock.day.subarray(0, length), minuteOfDay: clock.minuteOfDay.subarray(0, length) };
}

const SLOT = 900;
const DAY_SLOTS = 96;

/**
 * UTC offset (seconds) of an instant, for instants asked in ascending order. Offsets change only at
 * DST transitions, on a quarter hour: the zone is asked once per day, and when a day's two ends
 * differ, the transition is found by bisection over its quarter hours (time-zone lookups are slow).
 */
function offsetLookup(timeZone: string): (t: number) => number {
  const offsetOfSlot = (slot: number): number => localParts(slot * SLOT, timeZone).offsetMinutes * 60;
  let from = Number.NaN; // first slot of the known span
  let to = Number.NaN; // first slot after it
  let change = Number.NaN; // first slot with the second offset (to when none)
  let before = 0;
  let after = 0;
  return (t) => {
    const slot = Math.floor(t / SLOT);
    if (!(slot >= from && slot < to)) {
      from = slot;
      to = slot + DAY_SLOTS;
      before = offsetOfSlot(from);
      after = offsetOfSlot(to);
      change = to;
      if (after !== before) {
        let lo = from; // offset before
        let hi = to; // offset after
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (offsetOfSlot(mid) === before) lo = mid;
          else hi = mid;
        }
        change = hi;
      }
    }
    return slot < change ? before : after;
  };
}

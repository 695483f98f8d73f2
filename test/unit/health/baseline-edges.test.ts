/**
 * The baseline at its edges: which past days stand for a day, how a coarse row is reshaped, and
 * the quantiles over a few days of minutes (short grids: these run for every mutant).
 */
import { describe, expect, it } from 'vitest';
import { candidateDays, computeBaseline, isSunday, slidingMin, widened } from '../../../src/lib/health/baseline';
import { gridBetween, wallClock, type WallClock } from '../../../src/lib/health/grid';
import { holidayCalendar } from '../../../src/lib/health/holidays';
import { zonedEpoch } from '../../../src/lib/time/zone';

const TZ = 'Europe/Brussels';
/** A clock of day classes only (what candidateDays reads); day 0 of the epoch is a Thursday. */
const days = (classes: number[], firstDay = 0) => ({ classes, firstDay }) as unknown as WallClock;
const all = (): boolean => true;

describe('which past days stand for a day', () => {
  it('knows a real Sunday by its date, before and after 1970', () => {
    expect([0, 1, 2, 3, 4, 10].map((k) => isSunday(days([], 0), k))).toEqual([false, false, false, true, false, true]);
    expect([-4, -11, -1, -5].map((k) => isSunday(days([], 0), k))).toEqual([true, true, false, false]);
  });

  it('takes the same class, nearest first, up to the weeks asked and within them', () => {
    // Two weeks of Mon..Sun (1..6, 0), then a Monday.
    const week = [1, 2, 3, 4, 5, 6, 0];
    const c = candidateDays(days([...week, ...week, 1]), all, 2);
    expect(c[14]).toEqual([7, 14]);
    expect(candidateDays(days([...week, ...week, 1]), all, 1)[14]).toEqual([7, 3, 4]);
    expect(c[13]).toEqual([7]);
    expect(c[0]).toEqual([]);
  });

  it('skips days without data', () => {
    const week = [6, 0, 6, 0];
    expect(candidateDays(days(week), (k) => k !== 1, 4)[3]).toEqual([]);
    expect(candidateDays(days([6, 6, 6, 6]), (k) => k !== 2, 4)[3]).toEqual([2, 3]);
  });

  it('lets Monday..Friday stand in for each other, nearest first, when fewer than two days of the same weekday are known', () => {
    // Thu Fri Sat Sun Mon Tue Wed Thu: the last Thursday has one Thursday; Mon..Fri fill up to three days.
    const c = candidateDays(days([4, 5, 6, 0, 1, 2, 3, 4]), all, 4);
    expect(c[7]).toEqual([7, 1, 2]);
    expect(c[6]).toEqual([1, 2, 5]);
  });

  it('does not let weekdays stand in for Saturdays or Sundays, nor days more than two weeks back', () => {
    const c = candidateDays(days([1, 2, 3, 4, 5, 6, 0, 6]), all, 4);
    expect(c[7]).toEqual([2]);
    const old = candidateDays(days([1, ...new Array<number>(14).fill(6), 2]), all, 4);
    expect(old[15]).toEqual([]);
    const unknownStandIn = candidateDays(days([1, 2, 3]), (k) => k !== 1, 4);
    expect(unknownStandIn[2]).toEqual([2]);
  });

  it('drops a holiday whose day total is more than twice or less than half the real Sundays\' median, and keeps one in between', () => {
    // Days 3 and 10 are real Sundays (class 0, totals 40 and 60: the lower median is 40); day 6 is a
    // holiday classed 0; day 17 is the Sunday to predict.
    const classes = Array.from({ length: 18 }, (_, k) => (k === 3 || k === 10 || k === 17 || k === 6 ? 0 : 1));
    const c = (holidayTotal: number) => candidateDays(days(classes), all, 4, (k) => (k === 6 ? holidayTotal : k === 3 ? 40 : 60))[17];
    expect(c(81)).toEqual([7, 14]);
    expect(c(80)).toEqual([7, 11, 14]);
    expect(c(20)).toEqual([7, 11, 14]);
    expect(c(19)).toEqual([7, 14]);
  });
});

describe('a coarse row reshaped', () => {
  const spans = (n: number, s: number) => new Uint16Array(n).fill(s);
  const rows = [0, 0, 0, 0, 0, 50, 50, 50, 50, 50, 100, 100, 100, 100, 100];

  it('is left as it is when every row is a minute row (the same array)', () => {
    const v = Float64Array.from([1, 2, 3]);
    expect(widened(v, spans(3, 1), 'down')).toBe(v);
  });

  it('follows the line between row centres, never above its mean (down) or below it (up)', () => {
    const v = Float64Array.from(rows);
    expect(Array.from(widened(v, spans(15, 5), 'down'))).toEqual([0, 0, 0, 0, 0, 30, 40, 50, 50, 50, 80, 90, 100, 100, 100]);
    expect(Array.from(widened(v, spans(15, 5), 'up'))).toEqual([0, 0, 0, 10, 20, 50, 50, 50, 60, 70, 100, 100, 100, 100, 100]);
  });

  it('reads rows up to an hour along the line, and longer rows against their neighbours\' means', () => {
    const v = Float64Array.from([10, 10, 10, 40, 40, 40, 20, 20, 20]);
    const line = Array.from(widened(v, spans(9, 60), 'down'));
    expect(line.map((x) => Math.round(x * 100) / 100)).toEqual([10, 10, 10, 30, 40, 33.33, 20, 20, 20]);
    expect(Array.from(widened(v, spans(9, 61), 'down'))).toEqual([10, 10, 10, 10, 10, 10, 20, 20, 20]);
    expect(Array.from(widened(v, spans(9, 120), 'up'))).toEqual([40, 40, 40, 40, 40, 40, 40, 40, 40]);
  });

  it('leaves a row without a mean, and ignores a neighbour without one', () => {
    const v = Float64Array.from([Number.NaN, Number.NaN, Number.NaN, 40, 40, 40, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
    const out = Array.from(widened(v, spans(9, 120), 'down'));
    expect(out.slice(0, 6)).toEqual([Number.NaN, Number.NaN, Number.NaN, 40, 40, 40]);
    expect(Array.from(widened(v, spans(9, 5), 'down')).slice(3, 6)).toEqual([40, 40, 40]);
  });

  it('finds rows by span and mean: a minute row between coarse ones stays as it is', () => {
    const v = Float64Array.from([10, 10, 10, 7, 40, 40, 40]);
    const s = Uint16Array.from([120, 120, 120, 1, 120, 120, 120]);
    expect(Array.from(widened(v, s, 'down'))).toEqual([7, 7, 7, 7, 7, 7, 7]);
  });
});

describe('expected values over a few days', () => {
  // Eight days from Saturday 2025-11-01 (Saturdays have no stand-ins); every minute's value is its
  // day number (0..7) + minute of day / 10,000.
  const from = zonedEpoch('2025-11-01', 0, 0, TZ);
  const grid = gridBetween(from, from + 8 * 86_400);
  const clock = wallClock(grid, TZ, holidayCalendar('none', []));
  const at = (dayIndex: number, minute: number) => dayIndex * 1440 + minute;
  const values = Float64Array.from({ length: grid.length }, (_, i) => clock.day[i]! - clock.firstDay + clock.minuteOfDay[i]! / 10_000);

  it('takes the same minute of the same weekday a week earlier, and the neighbouring minutes too', () => {
    const b = computeBaseline(values, clock, { weeks: 1, halfWindow: 2, quantile: 0.5 });
    // Saturday 8 Nov 12:00 learns from Saturday 1 Nov 11:58..12:02.
    expect(b.expected[at(7, 720)]).toBeCloseTo(0 + 720 / 10_000, 12);
    expect(b.lower[at(7, 720)]).toBeCloseTo(0 + 718.4 / 10_000, 12);
    expect(b.upper[at(7, 720)]).toBeCloseTo(0 + 721.6 / 10_000, 12);
    expect(b.expected[at(0, 720)]).toBeNaN();
  });

  it('takes the quantile asked between the sorted values, whatever order they come in', () => {
    const b = computeBaseline(values, clock, { weeks: 1, halfWindow: 0, quantile: 0.6 });
    // Tuesday 4 Nov 12:00 has fewer than two Tuesdays: Monday 3 Nov stands in; Monday itself has none.
    expect(b.expected[at(3, 720)]).toBeCloseTo(2 + 720 / 10_000, 12);
    expect(b.expected[at(2, 720)]).toBeNaN();
    const wide = computeBaseline(values, clock, { weeks: 1, halfWindow: 3, quantile: 0.25 });
    expect(wide.expected[at(7, 720)]).toBeCloseTo(718.5 / 10_000, 12);
  });

  it('needs an hour of data for a day to count as history, and ignores infinite values', () => {
    const sparse = Float64Array.from(values, (v, i) => (clock.day[i] === clock.firstDay && clock.minuteOfDay[i]! >= 59 ? Number.NaN : v));
    expect(computeBaseline(sparse, clock, { weeks: 1, halfWindow: 0, quantile: 0.5 }).expected[at(7, 30)]).toBeNaN();
    const hour = Float64Array.from(values, (v, i) => (clock.day[i] === clock.firstDay && clock.minuteOfDay[i]! >= 60 ? Number.NaN : v));
    expect(computeBaseline(hour, clock, { weeks: 1, halfWindow: 0, quantile: 0.5 }).expected[at(7, 30)]).toBeCloseTo(30 / 10_000, 12);
    const inf = Float64Array.from(values, (v, i) => (i === at(0, 720) ? Number.POSITIVE_INFINITY : i === at(0, 721) ? Number.NEGATIVE_INFINITY : v));
    expect(computeBaseline(inf, clock, { weeks: 1, halfWindow: 0, quantile: 0.5 }).expected[at(7, 720)]).toBeNaN();
    expect(computeBaseline(inf, clock, { weeks: 1, halfWindow: 1, quantile: 0.5 }).expected[at(7, 720)]).toBeCloseTo(719 / 10_000, 12);
  });

  it('reads the reshaped coarse rows when spans are given', () => {
    const flat = Float64Array.from({ length: grid.length }, () => 100);
    const span = new Uint16Array(grid.length).fill(1);
    for (let i = at(0, 600); i < at(0, 605); i++) {
      flat[i] = 50;
      span[i] = 5;
    }
    const b = computeBaseline(flat, clock, { weeks: 1, halfWindow: 0, quantile: 0.5, span, widen: 'up' });
    expect([600, 601, 602, 603, 604, 605].map((m) => b.expected[at(7, m)])).toEqual([70, 60, 50, 60, 70, 100]);
    const down = computeBaseline(flat, clock, { weeks: 1, halfWindow: 0, quantile: 0.5, span });
    expect(down.expected[at(7, 604)]).toBe(50);
  });
});

describe('which past days stand for a day, at the limits', () => {
  it('looks back no further than the weeks asked, and takes no more days than that', () => {
    // A Saturday nine days after another: out of reach of one week (Saturdays have no stand-ins).
    expect(candidateDays(days([6, 1, 1, 1, 1, 1, 1, 1, 1, 6]), all, 1)[9]).toEqual([]);
    expect(candidateDays(days([6, 6, 6]), all, 1)[2]).toEqual([1]);
  });

  it('lets a Friday take stand-ins too, and a stand-in exactly two weeks back', () => {
    expect(candidateDays(days([4, 5, 6, 0, 1, 2, 3, 4, 5]), all, 4)[8]).toEqual([7, 1, 2]);
    expect(candidateDays(days([1, ...new Array<number>(13).fill(6), 2]), all, 4)[14]).toEqual([14]);
  });

  it('leaves a Sunday\'s sample as it is without day totals', () => {
    // Day 3 and day 10 are real Sundays (day 0 is a Thursday).
    expect(candidateDays(days([4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0]), all, 4)[10]).toEqual([7]);
  });

  it('keeps the holidays of a sample without any real Sunday to compare them with', () => {
    // Days 1 and 5 are holidays classed as Sundays (neither is a real Sunday).
    expect(candidateDays(days([1, 0, 1, 1, 1, 0]), all, 1, () => 10)[5]).toEqual([4]);
  });

  it('compares a holiday to be predicted with the real Sundays among its sample, found from its own date', () => {
    // Day 13 (a Wednesday) is a holiday; days 3 and 10 are real Sundays (totals 40 and 60), day 6 a holiday.
    const classes = Array.from({ length: 14 }, (_, k) => (k === 3 || k === 10 || k === 6 || k === 13 ? 0 : 1));
    const sample = (totals: Record<number, number>) => candidateDays(days(classes), all, 4, (k) => totals[k] ?? 1000)[13];
    expect(sample({ 3: 40, 10: 60, 6: 100 })).toEqual([3, 10]);
    // Real Sundays are always kept, however far from their median (40) their total is.
    expect(sample({ 3: 40, 10: 200, 6: 45 })).toEqual([3, 7, 10]);
  });
});

describe('a coarse row reshaped, at its edges', () => {
  it('never reshapes minute rows, not even two equal minutes in a row', () => {
    const v = Float64Array.from([1, 1, 10, 10, 1, 1]);
    const s = Uint16Array.from([1, 1, 1, 1, 1, 5]);
    expect(Array.from(widened(v, s, 'down'))).toEqual([1, 1, 10, 10, 1, 1]);
  });

  it('does not join a minute row to a coarse row of the same value', () => {
    const v = Float64Array.from([10, 10, 10, 10, 40, 40, 40]);
    const s = Uint16Array.from([1, 120, 120, 120, 120, 120, 120]);
    expect(Array.from(widened(v, s, 'up'))).toEqual([10, 40, 40, 40, 40, 40, 40]);
  });

  it('uses a neighbour in the first minute of the series, and none past its end', () => {
    expect(Array.from(widened(Float64Array.from([0, 50, 50, 100]), new Uint16Array(4).fill(5), 'down')).slice(0, 3)).toEqual([0, 37.5, 50]);
    expect(Array.from(widened(Float64Array.from([0, 0, 50]), new Uint16Array(3).fill(5), 'down'))).toEqual([0, 0, 50]);
    expect(Array.from(widened(Float64Array.from([10, 40, 40, 40]), new Uint16Array(4).fill(120), 'down'))).toEqual([10, 10, 10, 10]);
  });

  it('ignores a neighbour of minus infinity', () => {
    const v = Float64Array.from([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 40, 40, 40, 40]);
    expect(Array.from(widened(v, new Uint16Array(6).fill(120), 'down')).slice(2)).toEqual([40, 40, 40, 40]);
    expect(Array.from(widened(v, new Uint16Array(6).fill(5), 'down')).slice(2)).toEqual([40, 40, 40, 40]);
  });
});

describe('the sliding minimum, at its edges', () => {
  it('drops larger values from its window as smaller ones come', () => {
    expect(Array.from(slidingMin(Float64Array.from([1, 5, 4, 3, 8, 8, 8, 8]), 1))).toEqual([1, 1, 3, 3, 3, 8, 8, 8]);
  });

  it('is NaN where the whole window is NaN, also after known values', () => {
    expect(Array.from(slidingMin(Float64Array.from([5, Number.NaN, Number.NaN, Number.NaN, Number.NaN]), 1))).toEqual([5, 5, Number.NaN, Number.NaN, Number.NaN]);
  });
});

describe('expected values over a few days, at the edges', () => {
  // The same eight days from Saturday 2025-11-01, each minute's value its day number + minute of day / 10,000.
  const from = zonedEpoch('2025-11-01', 0, 0, TZ);
  const grid = gridBetween(from, from + 8 * 86_400);
  const clock = wallClock(grid, TZ, holidayCalendar('none', []));
  const at = (dayIndex: number, minute: number) => dayIndex * 1440 + minute;
  const values = Float64Array.from({ length: grid.length }, (_, i) => clock.day[i]! - clock.firstDay + clock.minuteOfDay[i]! / 10_000);

  it('sorts the values of three stand-in days, arriving nearest day first, and holds all fifteen of them', () => {
    // Thursday 6 Nov has no Thursday before it: Wednesday, Tuesday and Monday stand in, five minutes each.
    const min = computeBaseline(values, clock, { weeks: 1, halfWindow: 2, quantile: 0 });
    const max = computeBaseline(values, clock, { weeks: 1, halfWindow: 2, quantile: 1 });
    expect(min.expected[at(5, 720)]).toBeCloseTo(2 + 718 / 10_000, 12);
    expect(max.expected[at(5, 720)]).toBeCloseTo(4 + 722 / 10_000, 12);
    expect(min.lower[at(5, 720)]).toBeCloseTo(2 + 719.4 / 10_000, 12);
  });

  it('learns from the grid\'s very first minute', () => {
    expect(computeBaseline(values, clock, { weeks: 1, halfWindow: 0, quantile: 0.5 }).expected[at(7, 0)]).toBe(0);
  });

  it('computes no band when none is asked', () => {
    const b = computeBaseline(values, clock, { weeks: 1, halfWindow: 2, quantile: 0.5, band: false });
    expect(b.expected[at(7, 720)]).toBeCloseTo(720 / 10_000, 12);
    expect(b.lower[at(7, 720)]).toBeNaN();
    expect(b.upper[at(7, 720)]).toBeNaN();
  });

  it('does not count infinite values towards the hour a day needs to be history', () => {
    for (const inf of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const sparse = Float64Array.from(values, (v, i) => (clock.day[i] === clock.firstDay && clock.minuteOfDay[i]! >= 59 ? inf : v));
      expect(computeBaseline(sparse, clock, { weeks: 1, halfWindow: 0, quantile: 0.5 }).expected[at(7, 30)]).toBeNaN();
    }
  });
});

describe('a holiday in the sample of a Sunday', () => {
  // Ten days from Saturday 2025-11-01: Sunday 2 Nov (50 a minute), Wednesday 5 Nov a holiday with
  // Sunday-like traffic (55 a minute) but data for its first eight hours only, Sunday 9 Nov to predict.
  const from = zonedEpoch('2025-11-01', 0, 0, TZ);
  const grid = gridBetween(from, from + 10 * 86_400);
  const clock = wallClock(grid, TZ, holidayCalendar('none', ['2025-11-05']));
  const at = (dayIndex: number, minute: number) => dayIndex * 1440 + minute;
  const perDay = [300, 50, 1000, 1000, 55, 1000, 1000, 300, 50, 1000];
  const values = Float64Array.from({ length: grid.length }, (_, i) => {
    const d = clock.day[i]! - clock.firstDay;
    return d === 4 && clock.minuteOfDay[i]! >= 480 ? Number.NaN : perDay[d]!;
  });

  it('is kept when its mean per known minute is like the Sundays\', however few its known minutes', () => {
    // Two weeks back: the holiday (4 days before) and the real Sunday (7 days before) are the sample.
    const b = computeBaseline(values, clock, { weeks: 2, halfWindow: 0, quantile: 1 });
    expect(b.expected[at(8, 300)]).toBe(55);
    expect(computeBaseline(values, clock, { weeks: 2, halfWindow: 0, quantile: 0 }).expected[at(8, 300)]).toBe(50);
  });
});

/** A file's minutes at their edges: sub-minute rows with a unit scale, missing columns, calls without spans, ownMinutes' exact reach, what a file knows. */
import { describe, expect, it } from 'vitest';
import { combineFiles, fileMinutes, knownFacts, ownMinutes } from '../../../src/lib/health/assemble';
import { ROW_ENDS } from '../../../src/lib/health/row-span';
import { series } from './helpers';

const NaN_ = Number.NaN;

describe('sub-minute rows', () => {
  it('average into their minute and take the unit scale once (seconds to ms)', () => {
    // 10-s rows stamped 70 … 180 s: minute 120 takes 70 … 120, minute 180 takes 130 … 180.
    const s = series(10, 70, [0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const spans = new Uint16Array(2);
    const rows = new Uint8Array(2);
    const v = fileMinutes([s], [0], { start: 120, length: 2 }, 1000, spans, rows);
    expect(Array.from(v).map((x) => Math.round(x))).toEqual([200, 500]);
    expect(Array.from(spans)).toEqual([1, 1]);
    expect(Array.from(rows)).toEqual([ROW_ENDS, ROW_ENDS]);
  });

  it('count a row of 0 as known, and a negative or infinite row as unknown', () => {
    const zeros = series(10, 70, [0, 0, 0, 0, 0, 0]);
    expect(Array.from(fileMinutes([zeros], [0], { start: 120, length: 1 }, 1))).toEqual([0]);
    // Three of six rows known: still half, so the minute is their mean; four unknown of six: unknown.
    const half = series(10, 70, [4, 4, 4, -1, Number.POSITIVE_INFINITY, NaN_]);
    expect(Array.from(fileMinutes([half], [0], { start: 120, length: 1 }, 1))).toEqual([4]);
    const worse = series(10, 70, [4, 4, -1, -1, Number.POSITIVE_INFINITY, NaN_]);
    expect(Array.from(fileMinutes([worse], [0], { start: 120, length: 1 }, 1))).toEqual([NaN_]);
  });
});

describe('columns and optional outputs', () => {
  it('reads the column each resolution names, and skips one that lacks it (no column entry at all)', () => {
    const two = series(60, 60, [1, 2], ['calls', 'errors']);
    two.values[1] = Float64Array.from([7, 8]);
    expect(Array.from(fileMinutes([two], [1], { start: 60, length: 2 }, 1))).toEqual([7, 8]);
    expect(Array.from(fileMinutes([two], [], { start: 60, length: 2 }, 1))).toEqual([NaN_, NaN_]);
    expect(ownMinutes([two], [], { start: 60, length: 2 }, 1).values.length).toBe(0);
    expect(Array.from(ownMinutes([two], [1], { start: 60, length: 2 }, 1).values)).toEqual([7, 8]);
  });

  it('spreads short coarse rows without spans or row flags asked for', () => {
    const five = series(300, 300, [3, 4]);
    expect(Array.from(fileMinutes([five], [0], { start: 60, length: 10 }, 1))).toEqual([3, 3, 3, 3, 3, 4, 4, 4, 4, 4]);
    const tenSecond = series(10, 70, [1, 1, 1, 1, 1, 1]);
    expect(Array.from(fileMinutes([tenSecond], [0], { start: 120, length: 1 }, 2))).toEqual([2]);
  });
});

describe('ownMinutes reaches exactly the minutes the known rows write', () => {
  it('for minute rows not on the minute, from the first known row to the last', () => {
    // Rows of 60 s stamped 150, 210, 270, 330 (each covers (t − 60, t]); only the second and third are
    // known: minute 180 (index 3) lies in (150, 210], minute 240 in (210, 270].
    const s = series(60, 150, [NaN_, 2, 3, NaN_]);
    const own = ownMinutes([s], [0], { start: 0, length: 20 }, 1);
    expect(own.first).toBe(3);
    expect(Array.from(own.values)).toEqual([2, 3]);
  });

  it('for 10-s rows, from the minute of the first known row to the minute of the last', () => {
    const s = series(10, 130, [NaN_, 1, 1, 1, 1, 1, 1, 1, 1, 1, NaN_, NaN_]);
    // Known rows stamped 140 … 220: minutes 180 (rows 130 … 180) and 240 (rows 190 … 240).
    const own = ownMinutes([s], [0], { start: 0, length: 20 }, 1);
    expect(own.first).toBe(3);
    expect(own.values.length).toBe(2);
    expect(Array.from(own.values)).toEqual([1, 1]);
  });

  it('for 10-s rows stamped on a minute boundary, from that very minute (a row stamped t belongs to the minute ending at t)', () => {
    // Known rows stamped 660 … 780 on a grid from 600: the row at 660 alone makes minute 1 (too few rows: unknown), 670 … 720 minute 2, 730 … 780 minute 3.
    const s = series(10, 660, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    const own = ownMinutes([s], [0], { start: 600, length: 10 }, 1);
    expect(own.first).toBe(1);
    expect(own.values.length).toBe(3);
    expect(Array.from(own.values)).toEqual([NaN_, 2, 2]);
  });

  it('clips at both ends of the grid', () => {
    const s = series(60, 60, [1, 2, 3, 4, 5, 6]);
    const own = ownMinutes([s], [0], { start: 180, length: 2 }, 1);
    expect([own.first, ...own.values]).toEqual([0, 3, 4]);
  });
});

describe('what a file knows', () => {
  it('tells a known value, zeros only, infinities, and nothing apart', () => {
    const f = (xs: number[]) => knownFacts(Float64Array.from(xs));
    expect(f([NaN_, NaN_])).toEqual({ anyFinite: false, zerosOnly: false });
    expect(f([0, NaN_, 0])).toEqual({ anyFinite: true, zerosOnly: true });
    expect(f([0, NaN_, Number.POSITIVE_INFINITY])).toEqual({ anyFinite: true, zerosOnly: false });
    expect(f([Number.NEGATIVE_INFINITY, 0])).toEqual({ anyFinite: true, zerosOnly: false });
    expect(f([Number.POSITIVE_INFINITY])).toEqual({ anyFinite: false, zerosOnly: false });
    expect(f([Number.NEGATIVE_INFINITY, NaN_])).toEqual({ anyFinite: false, zerosOnly: false });
    expect(f([3, 0, NaN_])).toEqual({ anyFinite: true, zerosOnly: false });
    expect(f([0, 3])).toEqual({ anyFinite: true, zerosOnly: false });
    expect(f([5, Number.POSITIVE_INFINITY])).toEqual({ anyFinite: true, zerosOnly: false });
  });
});

describe('combining files by their largest', () => {
  it('keeps the largest known value whichever file holds it', () => {
    const first = Float64Array.from([9, 1]);
    const second = Float64Array.from([2, 1]);
    const third = Float64Array.from([4, 7]);
    expect(Array.from(combineFiles([first, second, third], 'max', 0, 2))).toEqual([9, 7]);
  });
});

import { describe, expect, it } from 'vitest';
import { addMinutes, combinedOnGrid, coverSpan, emptyAggregate } from '../../../src/lib/health/aggregate';
import { combineFiles } from '../../../src/lib/health/assemble';

const NaN_ = Number.NaN;

describe('running minute aggregates', () => {
  const files = [Float64Array.from([10, 10, NaN_, 0.1]), Float64Array.from([10, NaN_, NaN_, 0.2]), Float64Array.from([NaN_, 30, 5, 0.3])];

  it.each(['sum', 'mean', 'max'] as const)('gives exactly what combineFiles gives when files are added in file order (%s)', (how) => {
    const agg = emptyAggregate(60, 4);
    for (const f of files) addMinutes(agg, 60, f);
    const got = combinedOnGrid(agg, { start: 60, length: 4 }, how, files.length, 0.5);
    expect(Array.from(got)).toEqual(Array.from(combineFiles(files, how, 0.5, 4)));
  });

  it('adds a file known only from a later minute at the right rows', () => {
    const agg = emptyAggregate(60, 4);
    addMinutes(agg, 180, Float64Array.from([7, 8]));
    expect(Array.from(combinedOnGrid(agg, { start: 60, length: 4 }, 'sum', 1, 1))).toEqual([NaN_, NaN_, 7, 8]);
  });

  it('reports unknown, not a scaled-up guess, where fewer than the known fraction of the files report', () => {
    const agg = emptyAggregate(60, 1);
    addMinutes(agg, 60, Float64Array.from([5]));
    expect(Array.from(combinedOnGrid(agg, { start: 60, length: 1 }, 'sum', 3, 0.9))).toEqual([NaN_]);
    expect(Array.from(combinedOnGrid(agg, { start: 60, length: 1 }, 'sum', 3, 0.3))).toEqual([15]);
  });

  it('keeps the rows in common when re-based forward, and leaves new rows unknown', () => {
    const agg = emptyAggregate(60, 3);
    addMinutes(agg, 60, Float64Array.from([1, 2, 3]));
    const moved = coverSpan(agg, 120, 300, 0);
    expect(moved.start).toBe(120);
    expect(Array.from(combinedOnGrid(moved, { start: 120, length: 4 }, 'sum', 1, 1))).toEqual([2, 3, NaN_, NaN_]);
  });

  it('returns the same aggregate when it already covers the span', () => {
    const agg = emptyAggregate(60, 10);
    expect(coverSpan(agg, 120, 300, 5)).toBe(agg);
  });
});

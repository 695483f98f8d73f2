import { describe, expect, it } from 'vitest';
import { addMinutes, addRuns, combinedOnGrid, compacted, detailOnGrid, emptyAggregate, type MinuteAggregate } from '../../../src/lib/health/aggregate';
import { clampAbove, knownFacts, ownMinutes } from '../../../src/lib/health/assemble';
import { clampRuns, fileRuns, runsOfMinutes, runValues, type MinuteRuns } from '../../../src/lib/health/minute-runs';
import type { Series } from '../../../src/lib/rrd/series';
import { random, series } from './helpers';

const NaN_ = Number.NaN;

const asList = (r: MinuteRuns): [number, number, number, number][] => Array.from({ length: r.length }, (_, k) => [r.from[k]!, r.to[k]!, r.value[k]!, r.code[k]!]);

/** Rows of `step` seconds ending at `end`, back to `start`; values from a small set (repeats, zeros, unknowns, −1). */
function tier(rnd: () => number, step: number, start: number, end: number): Series {
  const values: number[] = [];
  for (let t = start; t <= end; t += step) {
    const x = rnd();
    values.push(x < 0.2 ? NaN_ : x < 0.3 ? 0 : x < 0.35 ? -1 : x < 0.4 ? -0 : Math.floor(x * 4));
  }
  return series(step, start, values);
}

/** A file as RRAs give it: finer resolutions for the newer part, sometimes overlapping the coarser ones. */
function file(rnd: () => number, gridEnd: number): Series[] {
  const steps = [3600, 300, 60, 500, 2230].filter(() => rnd() < 0.7);
  return steps.map((step) => {
    const end = Math.floor((gridEnd + 600 - rnd() * 1200) / step) * step;
    const rows = 1 + Math.floor(rnd() * (step >= 3600 ? 40 : step >= 300 ? 150 : 400));
    return tier(rnd, step, end - (rows - 1) * step, end);
  });
}

/** Every cell and block of two aggregates (they must be laid out alike, not only read alike). */
function layout(agg: MinuteAggregate): unknown {
  const c = compacted(agg);
  return { stride: [...c.stride], wide: [...c.wide], narrow: [...c.narrow.value.subarray(0, c.narrow.used)].map(String), nspan: [...c.narrow.span.subarray(0, c.narrow.used)], sum: [...c.wideCells.sum.subarray(0, c.wideCells.used)].map(String), known: [...c.wideCells.known.subarray(0, c.wideCells.used)], span: [...c.wideCells.span.subarray(0, c.wideCells.used)] };
}

describe('a file as runs of identical minutes (minute-runs.ts)', () => {
  it('builds per row exactly the runs of the per-minute spread, for random files of mixed resolutions', () => {
    const rnd = random(12);
    const grid = { start: 3600 * 10 + 60, length: 60 * 30 };
    const gridEnd = grid.start + (grid.length - 1) * 60;
    for (let n = 0; n < 300; n++) {
      const tiers = file(rnd, gridEnd);
      const cols = tiers.map(() => (rnd() < 0.1 ? -1 : 0));
      expect(asList(fileRuns(tiers, cols, grid, 60)), `file ${n}`).toEqual(asList(runsOfMinutes(ownMinutes(tiers, cols, grid, 60))));
    }
  });

  it('builds the same runs on grids cut at any offset, for files with 10-s, 2-min, 15-min and 1-day rows, irregular stamps and missing columns', () => {
    const rnd = random(29);
    for (let g = 0; g < 8; g++) {
      const grid = { start: 86_400 * 3 + 60 * Math.floor(rnd() * 1440), length: 60 + Math.floor(rnd() * 1500) };
      const gridEnd = grid.start + (grid.length - 1) * 60;
      for (let n = 0; n < 40; n++) {
        const steps = [86_400, 3600, 900, 300, 120, 60, 10].filter(() => rnd() < 0.5);
        const tiers = steps.map((step) => {
          const end = Math.floor((gridEnd + 900 - rnd() * 3600) / step) * step;
          const rows = 1 + Math.floor(rnd() * (step <= 10 ? 600 : step >= 3600 ? 30 : 200));
          const t = tier(rnd, step, end - (rows - 1) * step, end);
          // Now and then a hand-made export: one row stamped off its step.
          if (rows > 3 && rnd() < 0.15) t.timestamps[1] = t.timestamps[1]! + step / 2;
          return t;
        });
        const cols = tiers.map(() => (rnd() < 0.1 ? -1 : 0));
        const scale = rnd() < 0.5 ? 1 : 60;
        expect(asList(fileRuns(tiers, cols, grid, scale)), `grid ${g} file ${n}`).toEqual(asList(runsOfMinutes(ownMinutes(tiers, cols, grid, scale))));
      }
    }
  });

  it('falls back to the per-minute spread for sub-minute rows and for rows that are not one step apart', () => {
    const grid = { start: 60, length: 10 };
    const sub = [series(10, 70, [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2])];
    // Rows stamped 70 … 120 s make minute 1 (ending at 120 s), 130 … 180 s minute 2.
    expect(asList(fileRuns(sub, [0], grid, 1))).toEqual([[1, 2, 1, 1], [2, 3, 2, 1]]);
    const gappy: Series = { ...series(60, 120, [1, 2, 3]), timestamps: Float64Array.from([120, 180, 360]) };
    expect(asList(fileRuns([gappy], [0], grid, 1))).toEqual([[1, 2, 1, 1], [2, 3, 2, 1], [5, 6, 3, 1]]);
  });

  it('lets a finer resolution overwrite the coarse rows it reaches, its unknown rows included', () => {
    const grid = { start: 60, length: 10 };
    // One 10-min row of 5 (row 1: odd, code 10 × 2 + 1); minute rows ending at 240 … 420 s, the second one unknown.
    const runs = fileRuns([series(600, 600, [5]), series(60, 240, [1, NaN_, 1, 1])], [0, 0], grid, 1);
    expect(asList(runs)).toEqual([[0, 3, 5, 21], [3, 4, 1, 1], [5, 7, 1, 1], [7, 10, 5, 21]]);
  });

  it('adds runs to the aggregates exactly as the per-minute series they stand for, cell for cell', () => {
    const rnd = random(7);
    const grid = { start: 3600 * 10 + 60 * 17, length: 60 * 30 };
    const gridEnd = grid.start + (grid.length - 1) * 60;
    for (let trial = 0; trial < 40; trial++) {
      // The aggregate may start before or after the files' grid (a later window, a re-based one).
      const aggStart = grid.start + Math.floor((rnd() - 0.5) * 200) * 60;
      const a = emptyAggregate(aggStart, grid.length + 30);
      const b = emptyAggregate(aggStart, grid.length + 30);
      const files = 1 + Math.floor(rnd() * 5);
      for (let f = 0; f < files; f++) {
        const tiers = file(rnd, gridEnd);
        const cols = tiers.map(() => 0);
        const own = ownMinutes(tiers, cols, grid, 1);
        addMinutes(a, grid.start + own.first * 60, own.values, own.codes);
        addRuns(b, grid.start, fileRuns(tiers, cols, grid, 1));
      }
      expect(layout(b), `trial ${trial}`).toEqual(layout(a));
      const view = { start: aggStart, length: grid.length + 30 };
      expect([...combinedOnGrid(b, view, 'sum', files, 0.4)].map(String)).toEqual([...combinedOnGrid(a, view, 'sum', files, 0.4)].map(String));
      expect([...detailOnGrid(b, view).span]).toEqual([...detailOnGrid(a, view).span]);
    }
  });

  it('tells what a file knows and clamps it as the per-minute series does', () => {
    const grid = { start: 60, length: 200 };
    const tiers = [series(300, 300, [0, NaN_, 7e9, 0, 3]), series(60, 1800, [0, 9e9, 0, NaN_, 0])];
    const own = ownMinutes(tiers, [0, 0], grid, 1);
    const runs = fileRuns(tiers, [0, 0], grid, 1);
    expect(knownFacts(runValues(runs))).toEqual(knownFacts(own.values));
    expect(clampRuns(runs, 1e9)).toBe(clampAbove(own.values, 1e9));
    expect(asList(runs)).toEqual(asList(runsOfMinutes(own)));
    expect(clampRuns(runs, Number.POSITIVE_INFINITY)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { addMinutes, combinedOnGrid, detailOnGrid, emptyAggregate } from '../../../src/lib/health/aggregate';
import { fileMinutes, ownMinutes } from '../../../src/lib/health/assemble';
import type { Grid } from '../../../src/lib/health/grid';
import { encodeRows } from '../../../src/lib/health/row-span';
import type { Series } from '../../../src/lib/rrd/series';
import { series } from './helpers';

const NaN_ = Number.NaN;

/** fileMinutes over the whole grid with its row codes (what collect-metric spread before own ranges). */
function wholeGrid(tiers: Series[], grid: Grid): { values: Float64Array; codes: Uint16Array } {
  const spans = new Uint16Array(grid.length);
  const rows = new Uint8Array(grid.length);
  const values = fileMinutes(tiers, tiers.map(() => 0), grid, 60, spans, rows);
  return { values, codes: encodeRows(spans, rows) };
}

/** A file as a cold read gets it: 1-h rows unknown for most of the window, then 5-min rows, then minute rows. */
const history = (): Series[] => [
  series(3600, 3600, [NaN_, NaN_, NaN_, 4, 5, 6]),
  series(300, 21_900, [7, NaN_, 8, 9]),
  series(60, 23_100, [1, 2, NaN_, 3]),
];

describe('a file spread over its own minutes only (ownMinutes)', () => {
  it('gives the values and row codes of the whole-grid spread where its known rows reach, and nothing known elsewhere', () => {
    const grid = { start: 60, length: 420 };
    const tiers = history();
    const whole = wholeGrid(tiers, grid);
    const own = ownMinutes(tiers, [0, 0, 0], grid, 60);
    // The first known 1-h row ends at 14,400 s and covers (10,800, 14,400]: grid row 180 is its first minute.
    expect(own.first).toBe(180);
    expect(own.first + own.values.length - 1).toBe((23_280 - 60) / 60);
    expect(Array.from(own.values)).toEqual(Array.from(whole.values.subarray(own.first, own.first + own.values.length)));
    for (let i = 0; i < own.values.length; i++) if (!Number.isNaN(own.values[i])) expect(own.codes[i]).toBe(whole.codes[own.first + i]);
    const outside = [...whole.values.subarray(0, own.first), ...whole.values.subarray(own.first + own.values.length)];
    expect(outside.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('feeds the aggregates exactly as the whole-grid spread does', () => {
    const grid = { start: 60, length: 420 };
    const files = [history(), [series(300, 9000, [2, 3, NaN_, 1])], [series(60, 20_040, [0, 5, 5, 5])]];
    const a = emptyAggregate(grid.start, grid.length + 1);
    const b = emptyAggregate(grid.start, grid.length + 1);
    for (const tiers of files) {
      const whole = wholeGrid(tiers, grid);
      addMinutes(a, grid.start, whole.values, whole.codes);
      const own = ownMinutes(tiers, tiers.map(() => 0), grid, 60);
      addMinutes(b, grid.start + own.first * 60, own.values, own.codes);
    }
    expect(Array.from(b.stride)).toEqual(Array.from(a.stride));
    expect(Array.from(b.wide)).toEqual(Array.from(a.wide));
    for (const how of ['sum', 'mean', 'max'] as const) expect(Array.from(combinedOnGrid(b, grid, how, 3, 0.5))).toEqual(Array.from(combinedOnGrid(a, grid, how, 3, 0.5)));
    const detailA = detailOnGrid(a, grid);
    const detailB = detailOnGrid(b, grid);
    expect(Array.from(detailB.fileMin)).toEqual(Array.from(detailA.fileMin));
    expect(Array.from(detailB.span)).toEqual(Array.from(detailA.span));
  });

  it('cuts rows that reach before or past the grid at its edges', () => {
    const grid = { start: 600, length: 10 };
    const own = ownMinutes([series(300, 300, [1, 2, 3, 4])], [0], grid, 1);
    // Rows end at 300 … 1200 s: the grid's minutes 600 … 1140 s lie under the rows ending at 600, 900 and 1200 s.
    expect(own.first).toBe(0);
    expect(Array.from(own.values)).toEqual([2, 3, 3, 3, 3, 3, 4, 4, 4, 4]);
  });

  it('averages sub-minute rows into their minutes, as the whole-grid spread does', () => {
    const grid = { start: 60, length: 6 };
    const tiers = [series(10, 130, [1, 2, 3, 4, 5, 6, NaN_, NaN_, NaN_, NaN_, NaN_, NaN_, 7])];
    const own = ownMinutes(tiers, [0], grid, 1);
    const whole = fileMinutes(tiers, [0], grid, 1);
    expect(Array.from(own.values)).toEqual(Array.from(whole.subarray(own.first, own.first + own.values.length)));
    expect(own.first).toBe(2);
  });

  it('spreads nothing for a file without one known row, or without the column', () => {
    const grid = { start: 60, length: 100 };
    expect(ownMinutes([series(60, 600, [NaN_, -1, NaN_])], [0], grid, 1).values.length).toBe(0);
    expect(ownMinutes([series(60, 600, [1, 2])], [-1], grid, 1).values.length).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { addMinutes, detailOnGrid, emptyAggregate } from '../../../src/lib/health/aggregate';
import { fileMinutes } from '../../../src/lib/health/assemble';
import { decodeRows, encodeRows, MAX_ROW_SPAN, rowCode } from '../../../src/lib/health/row-span';
import { computeSignals, HOLD } from '../../../src/lib/health/signals';
import type { Series } from '../../../src/lib/rrd/series';
import { metric, rules } from './helpers';

const series = (step: number, start: number, values: number[]): Series => ({
  source: 'test',
  format: 'xport-xml',
  step,
  columns: ['v'],
  timestamps: Float64Array.from(values.map((_, i) => start + i * step)),
  values: [Float64Array.from(values)],
  meta: { quirks: [] },
});

const judgedAt = (severity: Int8Array): number[] => [...severity.keys()].filter((i) => severity[i] !== HOLD);

describe('the row-end flag of each minute (fileMinutes)', () => {
  it('marks the last minute of rows whose span is no whole minute (500 s)', () => {
    // Rows of 500 s end at 500, 1000 and 1500 s: their last minutes are stamped 480, 960 and 1500 s.
    const grid = { start: 60, length: 25 };
    const spans = new Uint16Array(grid.length);
    const ends = new Uint8Array(grid.length);
    fileMinutes([series(500, 500, [10, 20, 30])], [0], grid, 1, spans, ends);
    expect([...ends.keys()].filter((i) => ends[i] === 1).map((i) => grid.start + 60 * i)).toEqual([480, 960, 1500]);
    expect(spans[0]).toBe(9);
  });

  it('marks the last minute of 5-min rows that are not aligned to a multiple of 5 minutes', () => {
    // 5-min rows ending at 180 s and 480 s (a collector whose RRD started at 180 s).
    const grid = { start: 60, length: 8 };
    const ends = new Uint8Array(grid.length);
    fileMinutes([series(300, 180, [10, 20])], [0], grid, 1, new Uint16Array(grid.length), ends);
    expect(Array.from(ends)).toEqual([0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('lets finer rows written over a coarse one carry their own flags (every minute row ends at its minute)', () => {
    const grid = { start: 60, length: 10 };
    const ends = new Uint8Array(grid.length);
    fileMinutes([series(300, 300, [5, 7]), series(60, 540, [1, 1])], [0, 0], grid, 1, new Uint16Array(grid.length), ends);
    expect(Array.from(ends)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1, 1]);
  });

  it('does not mark the end of a row that reaches past the grid', () => {
    const grid = { start: 60, length: 3 };
    const ends = new Uint8Array(grid.length);
    fileMinutes([series(300, 300, [5])], [0], grid, 1, new Uint16Array(grid.length), ends);
    expect(Array.from(ends)).toEqual([0, 0, 0]);
  });
});

describe('row codes through the aggregates (row-span.ts)', () => {
  it('keeps the coarsest row of the files and, among rows of that span, one that ends at the minute', () => {
    const agg = emptyAggregate(60, 4);
    // File A: 5-min rows ending at minutes 1 and 4 (codes 11 at an end, 10 inside); file B: minute rows.
    addMinutes(agg, 60, Float64Array.from([1, 1, 1, 1]), encodeRows(Uint16Array.from([5, 5, 5, 5]), Uint8Array.from([1, 0, 0, 1])));
    addMinutes(agg, 60, Float64Array.from([2, 2, 2, 2]), encodeRows(Uint16Array.from([1, 1, 1, 1]), Uint8Array.from([1, 1, 1, 1])));
    // File C: 5-min rows ending at minute 2.
    addMinutes(agg, 60, Float64Array.from([3, 3, 3, 3]), encodeRows(Uint16Array.from([5, 5, 5, 5]), Uint8Array.from([0, 0, 1, 0])));
    const rows = decodeRows(detailOnGrid(agg, { start: 60, length: 4 }).span);
    expect(Array.from(rows.span)).toEqual([5, 5, 5, 5]);
    expect(Array.from(rows.ends)).toEqual([1, 0, 1, 1]);
  });

  it('reads a value added without a row as a minute row that ends at its minute', () => {
    const agg = emptyAggregate(60, 2);
    addMinutes(agg, 60, Float64Array.from([1, Number.NaN]));
    const rows = decodeRows(detailOnGrid(agg, { start: 60, length: 2 }).span);
    expect([Array.from(rows.span), Array.from(rows.ends)]).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it('caps a span longer than 22 days of minutes instead of overflowing', () => {
    expect(decodeRows(Uint16Array.from([rowCode(44_640, true)]))).toEqual({ span: Uint16Array.from([MAX_ROW_SPAN]), ends: Uint8Array.from([1]) });
  });
});

describe('a coarse live row judged exactly at its last minute (signals.ts)', () => {
  it('judges 500-s rows at the minutes their rows end, not at multiples of their span', () => {
    const n = 25;
    const m = { ...metric('traffic', 'calls', new Array<number>(n).fill(1000), 1000), span: new Uint16Array(n).fill(9) };
    const ends = new Uint8Array(n);
    for (const i of [7, 15, 24]) ends[i] = 1;
    expect(judgedAt(computeSignals([{ ...m, rowEnds: ends }], rules(), n, 60).severity)).toEqual([7, 15, 24]);
    // Without the flag, rows are taken as aligned: minutes whose stamp is a multiple of 9 minutes.
    expect(judgedAt(computeSignals([m], rules(), n, 60).severity)).toEqual([8, 17]);
  });

  it('judges a collapsed unaligned 5-min row at its own end, as 5 minutes of evidence', () => {
    const n = 8;
    const values = [1000, 1000, 1000, 0, 0, 0, 0, 0];
    const m = { ...metric('traffic', 'calls', values, 1000), span: new Uint16Array(n).fill(5), rowEnds: Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 1]) };
    const s = computeSignals([m], rules(), n, 60);
    expect(judgedAt(s.severity)).toEqual([2, 7]);
    expect(s.severity[7]).toBe(3);
    expect(s.weight[7]).toBe(5);
  });

  it('judges a minute where any metric\'s row of the coarsest span ends', () => {
    const n = 10;
    const calls = { ...metric('traffic', 'calls', new Array<number>(n).fill(1000), 1000), span: new Uint16Array(n).fill(5), rowEnds: Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 1, 0, 0]) };
    const errors = { ...metric('errors', 'errors', new Array<number>(n).fill(0), 0), span: new Uint16Array(n).fill(1), rowEnds: new Uint8Array(n).fill(1) };
    expect(judgedAt(computeSignals([calls, errors], rules(), n, 60).severity)).toEqual([2, 7]);
  });
});

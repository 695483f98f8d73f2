import { describe, expect, it } from 'vitest';
import { addMinutes, detailOnGrid, emptyAggregate } from '../../../src/lib/health/aggregate';
import { fileMinutes } from '../../../src/lib/health/assemble';
import { decodeRows, encodeRows, MAX_ROW_SPAN, ROW_ENDS, ROW_ODD, rowCode } from '../../../src/lib/health/row-span';
import { computeSignals, HOLD } from '../../../src/lib/health/signals';
import { metric, rules, series } from './helpers';

const endsOf = (rows: Uint8Array): number[] => Array.from(rows, (f) => f & ROW_ENDS);
const judgedAt = (severity: Int8Array): number[] => [...severity.keys()].filter((i) => severity[i] !== HOLD);

describe('the row-end flag of each minute (fileMinutes)', () => {
  it('marks the last minute of rows whose span is no whole minute (500 s)', () => {
    // Rows of 500 s end at 500, 1000 and 1500 s: their last minutes are stamped 480, 960 and 1500 s.
    const grid = { start: 60, length: 25 };
    const spans = new Uint16Array(grid.length);
    const ends = new Uint8Array(grid.length);
    fileMinutes([series(500, 500, [10, 20, 30])], [0], grid, 1, spans, ends);
    expect([...ends.keys()].filter((i) => (ends[i]! & ROW_ENDS) !== 0).map((i) => grid.start + 60 * i)).toEqual([480, 960, 1500]);
    expect(spans[0]).toBe(9);
    // Rows 1, 2 and 3 (stamp over step): odd, even, odd.
    expect([ends[0], ends[8], ends[16]].map((f) => f! & ROW_ODD)).toEqual([ROW_ODD, 0, ROW_ODD]);
  });

  it('marks the last minute of 5-min rows that are not aligned to a multiple of 5 minutes', () => {
    // 5-min rows ending at 180 s and 480 s (a collector whose RRD started at 180 s).
    const grid = { start: 60, length: 8 };
    const ends = new Uint8Array(grid.length);
    fileMinutes([series(300, 180, [10, 20])], [0], grid, 1, new Uint16Array(grid.length), ends);
    expect(endsOf(ends)).toEqual([0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('lets finer rows written over a coarse one carry their own flags (every minute row ends at its minute)', () => {
    const grid = { start: 60, length: 10 };
    const ends = new Uint8Array(grid.length);
    fileMinutes([series(300, 300, [5, 7]), series(60, 540, [1, 1])], [0, 0], grid, 1, new Uint16Array(grid.length), ends);
    expect(endsOf(ends)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1, 1]);
  });

  it('does not mark the end of a row that reaches past the grid', () => {
    const grid = { start: 60, length: 3 };
    const ends = new Uint8Array(grid.length);
    fileMinutes([series(300, 300, [5])], [0], grid, 1, new Uint16Array(grid.length), ends);
    expect(endsOf(ends)).toEqual([0, 0, 0]);
  });
});

describe('row codes through the aggregates (row-span.ts)', () => {
  it('finds the end of each row of one file from the codes the aggregates keep, whatever the alignment', () => {
    // 5-min rows ending at 180 s and 480 s, then nothing: their last minutes are rows 2 and 7 of the grid.
    const grid = { start: 60, length: 9 };
    const spans = new Uint16Array(grid.length);
    const rows = new Uint8Array(grid.length);
    const values = fileMinutes([series(300, 180, [10, 20])], [0], grid, 1, spans, rows);
    const agg = emptyAggregate(60, grid.length + 1);
    addMinutes(agg, 60, values, encodeRows(spans, rows));
    const codes = detailOnGrid(agg, { start: 60, length: grid.length + 1 }).span;
    const decoded = decodeRows(codes.subarray(0, grid.length), codes[grid.length]!, 1);
    expect(Array.from(decoded.span)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 0]);
    expect(Array.from(decoded.ends).slice(0, 8)).toEqual([0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('keeps the coarsest row of several files (the maximum of their codes)', () => {
    const agg = emptyAggregate(60, 2);
    addMinutes(agg, 60, Float64Array.from([1, 1]), Uint16Array.from([rowCode(5, false), rowCode(5, false)]));
    addMinutes(agg, 60, Float64Array.from([2, 2]), Uint16Array.from([rowCode(1, true), rowCode(1, true)]));
    expect(Array.from(decodeRows(detailOnGrid(agg, { start: 60, length: 2 }).span, 0, 1).span)).toEqual([5, 5]);
  });

  it('ends a row where the next minute is unknown or another row of its span, not where a finer RRA takes over off its stamp', () => {
    const c5 = rowCode(5, false);
    const o5 = rowCode(5, true);
    // Row A (minutes 0-1, cut off at minute 2 by minute rows), row B (3-4) then row C (5-6), then nothing.
    const codes = Uint16Array.from([c5, c5, 1, o5, o5, c5, c5]);
    expect(Array.from(decodeRows(codes, 0, 1).ends)).toEqual([0, 0, 1, 0, 1, 0, 1]);
    // The row cut by finer rows ends there only on a stamp that is a multiple of its span (an aligned row).
    expect(decodeRows(codes, 0, 4).ends[1]).toBe(1);
  });

  it('gives a minute row the code it has without a row span (1), and caps a span longer than 22 days', () => {
    expect(rowCode(1, true)).toBe(1);
    expect(decodeRows(Uint16Array.from([rowCode(44_640, true)]), 0, 0)).toEqual({ span: Uint16Array.from([MAX_ROW_SPAN]), ends: Uint8Array.from([1]) });
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

describe('decoding minute rows and unknown minutes', () => {
  it('gives a minute row span 1 and an unknown minute span 0, and ends each of them on its own minute, even when the next minute holds the same code', () => {
    const decoded = decodeRows(Uint16Array.from([1, 1, 0, 0]), 0, 0);
    expect(Array.from(decoded.span)).toEqual([1, 1, 0, 0]);
    expect(Array.from(decoded.ends)).toEqual([1, 1, 1, 1]);
  });
});

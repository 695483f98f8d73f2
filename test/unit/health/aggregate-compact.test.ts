import { describe, expect, it } from 'vitest';
import { addMinutes, addRuns, aggregateBytes, aggregateFromParts, cellAt, combinedOnGrid, compacted, coverSpan, detailOnGrid, emptyAggregate, type MinuteAggregate } from '../../../src/lib/health/aggregate';
import { runsOfMinutes } from '../../../src/lib/health/minute-runs';
import { random } from './helpers';

/** One minute past an hour (aggregate blocks start on the hour: the tests that use it cut into the first one). */
const HOUR_START = 1_762_000_000 - (1_762_000_000 % 3600) + 60;

/** The layout the compact one replaced: one array per aggregate per minute (the oracle). */
class Dense {
  sum: Float64Array;
  known: Int32Array;
  max: Float64Array;
  min: Float64Array;
  span: Uint16Array;
  constructor(
    public start: number,
    public length: number,
  ) {
    this.sum = new Float64Array(length);
    this.known = new Int32Array(length);
    this.max = new Float64Array(length).fill(Number.NEGATIVE_INFINITY);
    this.min = new Float64Array(length).fill(Number.POSITIVE_INFINITY);
    this.span = new Uint16Array(length);
  }
  add(t0: number, values: Float64Array, spans: Uint16Array): void {
    const offset = Math.round((t0 - this.start) / 60);
    for (let i = Math.max(0, -offset); i < Math.min(values.length, this.length - offset); i++) {
      const v = values[i]!;
      if (v !== v) continue;
      const k = i + offset;
      this.sum[k]! += v;
      this.known[k]! += 1;
      if (v > this.max[k]!) this.max[k] = v;
      if (v < this.min[k]!) this.min[k] = v;
      if (spans[i]! > this.span[k]!) this.span[k] = spans[i]!;
    }
  }
  cover(from: number, to: number, slack: number): Dense {
    const last = this.start + (this.length - 1) * 60;
    if (this.start <= from && to <= last) return this;
    const out = new Dense(from, Math.round((to - from) / 60) + 1 + slack);
    const shift = Math.round((this.start - from) / 60);
    for (let k = Math.max(0, -shift); k < this.length && k + shift < out.length; k++) {
      out.sum[k + shift] = this.sum[k]!;
      out.known[k + shift] = this.known[k]!;
      out.max[k + shift] = this.max[k]!;
      out.min[k + shift] = this.min[k]!;
      out.span[k + shift] = this.span[k]!;
    }
    return out;
  }
}

/** One file's minutes as fileMinutes makes them: runs of RRA rows of 1, 5, 60 or 37 minutes, gaps, zeros and −0. */
function fileSeries(rnd: () => number, t0: number, length: number): { values: Float64Array; spans: Uint16Array } {
  const values = new Float64Array(length).fill(Number.NaN);
  const spans = new Uint16Array(length);
  let i = 0;
  while (i < length) {
    const per = [1, 5, 60, 37][Math.floor(rnd() * 4)]!;
    // Rows end on multiples of their length (as RRA rows do), except the odd 37-minute ones.
    const minute = t0 / 60 + i;
    const rows = per === 37 ? 37 : per - (((minute % per) + per) % per);
    const r = rnd();
    const v = r < 0.15 ? Number.NaN : r < 0.2 ? 0 : r < 0.22 ? -0 : Math.round(rnd() * 1000) / 7;
    for (let k = i; k < Math.min(length, i + rows); k++) {
      values[k] = v;
      spans[k] = per;
    }
    i += rows;
  }
  return { values, spans };
}

function expectSame(agg: MinuteAggregate, dense: Dense, files: number): void {
  expect(agg.start).toBe(dense.start);
  expect(agg.length).toBe(dense.length);
  for (let k = 0; k < dense.length; k++) {
    const c = cellAt(agg, k);
    const want = { sum: dense.sum[k]!, known: dense.known[k]!, max: dense.max[k]!, min: dense.min[k]!, span: dense.span[k]! };
    if (!Object.is(c.sum, want.sum) || c.known !== want.known || !Object.is(c.max, want.max) || !Object.is(c.min, want.min) || c.span !== want.span) {
      expect({ row: k, ...c }).toEqual({ row: k, ...want });
    }
  }
  // The grid reads, over a grid that starts before and ends after the rows kept.
  const grid = { start: dense.start - 600, length: dense.length + 1200 };
  for (const how of ['sum', 'mean', 'max'] as const) {
    const got = combinedOnGrid(agg, grid, how, files, 0.5);
    const ref = new Float64Array(grid.length).fill(Number.NaN);
    const need = Math.max(1, Math.ceil(0.5 * files - 1e-9));
    for (let k = 0; k < dense.length; k++) {
      const n = dense.known[k]!;
      if (n >= need) ref[k + 10] = how === 'sum' ? (dense.sum[k]! * files) / n : how === 'mean' ? dense.sum[k]! / n : dense.max[k]!;
    }
    expect(Buffer.from(got.buffer).equals(Buffer.from(ref.buffer))).toBe(true);
  }
  const detail = detailOnGrid(agg, grid);
  const fileMin = new Float64Array(grid.length).fill(Number.NaN);
  const span = new Uint16Array(grid.length);
  for (let k = 0; k < dense.length; k++) {
    if (dense.known[k]! === 0) continue;
    fileMin[k + 10] = dense.min[k]!;
    span[k + 10] = dense.span[k]!;
  }
  expect(Buffer.from(detail.fileMin.buffer).equals(Buffer.from(fileMin.buffer))).toBe(true);
  expect(Array.from(detail.span)).toEqual(Array.from(span));
}

describe('compact minute aggregates', () => {
  it.each([1, 2, 3, 4, 5, 6])('hold, bit for bit, what one array per aggregate per minute held (seed %i: files, coarse rows, re-basing, a save and load)', (seed) => {
    const rnd = random(seed);
    const files = 1 + Math.floor(rnd() * 3);
    // Starts on no hour boundary, so blocks are cut at both ends.
    let start = 1_762_000_000 - (1_762_000_000 % 60) + 60 * Math.floor(rnd() * 60);
    let agg = emptyAggregate(start, 3 * 1440);
    let dense = new Dense(start, 3 * 1440);
    for (let round = 0; round < 4; round++) {
      for (let f = 0; f < files; f++) {
        // A new file's whole window, or a known file's newest minutes.
        const from = round === 0 ? start - 300 : start + 60 * Math.floor(rnd() * dense.length);
        const { values, spans } = fileSeries(rnd, from, round === 0 ? dense.length + 600 : 1 + Math.floor(rnd() * 200));
        addMinutes(agg, from, values, spans);
        dense.add(from, values, spans);
      }
      expectSame(agg, dense, files);
      // Move the window forward by a part of a day (about what the every-minute loop does once a day).
      const step = 60 * (1 + Math.floor(rnd() * 900));
      start += step;
      const to = start + (dense.length - 1) * 60 + step;
      agg = coverSpan(agg, start, to, 100);
      dense = dense.cover(start, to, 100);
      expectSame(agg, dense, files);
    }
    const c = compacted(agg);
    const again = aggregateFromParts(c.start, c.length, c.firstMinute, c.stride.slice(), c.wide.slice(), { ...c.narrow, value: c.narrow.value.slice(), span: c.narrow.span.slice() }, { ...c.wideCells, sum: c.wideCells.sum.slice(), known: c.wideCells.known.slice(), max: c.wideCells.max.slice(), min: c.wideCells.min.slice(), span: c.wideCells.span.slice() });
    if (typeof again === 'string') throw new Error(again);
    expectSame(again, dense, files);
  });

  it('keeps a day of hourly rows of one file in about a cell per hour, not five numbers per minute', () => {
    const length = 1440;
    const start = HOUR_START;
    const values = new Float64Array(length);
    const spans = new Uint16Array(length).fill(60);
    for (let i = 0; i < length; i++) values[i] = Math.floor(i / 60) * 3.5;
    const agg = emptyAggregate(start, length);
    addMinutes(agg, start, values, spans);
    expect(agg.narrow.used - agg.narrow.garbage).toBe(24);
    expect(aggregateBytes(agg)).toBeLessThan(length * 30 * 0.05);
  });

  it('keeps minute rows taken in one by one (the every-minute loop) in about 10 bytes a minute, not 30', () => {
    const length = 2 * 1440;
    const start = HOUR_START;
    const agg = emptyAggregate(start, length);
    const dense = new Dense(start, length);
    const rnd = random(9);
    for (let i = 0; i < length; i++) {
      const one = Float64Array.of(Math.round(rnd() * 5000) / 3);
      const span = Uint16Array.of(1);
      addMinutes(agg, start + i * 60, one, span);
      dense.add(start + i * 60, one, span);
    }
    expectSame(agg, dense, 1);
    expect(aggregateBytes(agg)).toBeLessThan(length * 10 * 1.3 + (length / 60) * 6);
  });

  it('refuses parts that do not fit together (a state file that lies about its cells)', () => {
    const agg = compacted(emptyAggregate(60, 120));
    const stride = new Uint8Array(agg.stride.length).fill(60);
    expect(aggregateFromParts(60, 120, agg.firstMinute, stride, agg.wide, agg.narrow, agg.wideCells)).toMatch(/the blocks need 2 \+ 0 cells, the pools hold 0 \+ 0/);
    stride.fill(7);
    expect(aggregateFromParts(60, 120, agg.firstMinute, stride, agg.wide, agg.narrow, agg.wideCells)).toMatch(/not a divisor of 60/);
  });
});

describe('compact minute aggregates under other moves and row shapes', () => {
  it.each([11, 12, 13, 14, 15, 16, 17, 18])('hold what one array per minute held when the window moves back and forth, shrinks, and files come as runs (seed %i)', (seed) => {
    const rnd = random(seed);
    const files = 1 + Math.floor(rnd() * 4);
    let start = 1_762_000_000 - (1_762_000_000 % 60) + 60 * Math.floor(rnd() * 60);
    let agg = emptyAggregate(start, 1440);
    let dense = new Dense(start, 1440);
    for (let round = 0; round < 5; round++) {
      for (let f = 0; f < files; f++) {
        const from = start + 60 * Math.floor((rnd() - 0.2) * dense.length);
        const { values, spans } = fileSeries(rnd, from, 1 + Math.floor(rnd() * dense.length));
        if (rnd() < 0.5) addMinutes(agg, from, values, spans);
        else addRuns(agg, from, runsOfMinutes({ first: 0, values, codes: spans }));
        dense.add(from, values, spans);
      }
      expectSame(agg, dense, files);
      // Back or forward by up to half a day, to an end before or after the old one.
      start += 60 * Math.floor((rnd() - 0.6) * 720);
      const to = start + 60 * Math.floor(200 + rnd() * 1400);
      const slack = Math.floor(rnd() * 30);
      agg = coverSpan(agg, start, to, slack);
      dense = dense.cover(start, to, slack);
      expectSame(agg, dense, files);
    }
  });

  it('tells 0 from −0 and keeps two files that each know half an hour of the first block apart', () => {
    const start = HOUR_START;
    const agg = emptyAggregate(start, 120);
    const dense = new Dense(start, 120);
    const half = (v: number, from: number, n: number): [number, Float64Array, Uint16Array] => [start + 60 * from, new Float64Array(n).fill(v), new Uint16Array(n).fill(30)];
    for (const [t0, values, spans] of [half(0, 0, 30), half(-0, 30, 30), half(4, 60, 15), half(-0, 75, 15)]) {
      addMinutes(agg, t0, values, spans);
      dense.add(t0, values, spans);
    }
    expectSame(agg, dense, 1);
  });

  it('saves its cells with no spare room: a table of 6 bytes per block, 10 per narrow cell and 30 per wide cell', () => {
    const start = HOUR_START;
    const agg = emptyAggregate(start, 180);
    addMinutes(agg, start, new Float64Array(180).fill(2), new Uint16Array(180).fill(60));
    addMinutes(agg, start + 60 * 65, Float64Array.of(1, 2, 3), Uint16Array.of(1, 1, 1));
    const c = compacted(agg);
    expect([c.narrow.value.length, c.wideCells.sum.length]).toEqual([c.narrow.used, c.wideCells.used]);
    expect(aggregateBytes(c)).toBe(c.stride.length * 6 + c.narrow.used * 10 + c.wideCells.used * 30);
  });

  it('refuses parts with a kind table of the wrong length, a kind other than narrow or wide, or a negative file count', () => {
    const start = HOUR_START;
    const agg = emptyAggregate(start, 120);
    addMinutes(agg, start, Float64Array.of(1), Uint16Array.of(1));
    addMinutes(agg, start, Float64Array.of(1), Uint16Array.of(1));
    const c = compacted(agg);
    const parts = (wide: Uint8Array, known = c.wideCells.known) => aggregateFromParts(c.start, c.length, c.firstMinute, c.stride, wide, c.narrow, { ...c.wideCells, known });
    expect(parts(new Uint8Array(c.stride.length + 1))).toBe(`${c.stride.length} blocks where the rows need ${c.stride.length}`);
    expect(parts(Uint8Array.from(c.wide, (w) => w * 2))).toMatch(/^block \d+ has kind 2$/);
    expect(parts(c.wide, Int32Array.from(c.wideCells.known, () => -1))).toBe('negative file count');
    expect(typeof parts(c.wide)).toBe('object');
  });

  it('has no blocks when it has no rows', () => {
    expect(emptyAggregate(1_762_000_000 - (1_762_000_000 % 3600) + 600, 0).stride.length).toBe(0);
  });
});

/**
 * The combined minute history of one metric across all its files, kept as running aggregates
 * (sum, count of known files, max, min, row span) per absolute minute, so thousands of files combine
 * in memory bounded by the minutes, not by the files, and a new minute in a file is one addition.
 * Adding files in file order gives exactly what `combineFiles` gives over the same per-file series.
 *
 * Compact layout (issue 11: memory must not grow by ~5 MB per metric). The minutes are cut into
 * blocks of one UTC hour; each block stores one cell per run of `stride` minutes (a divisor of 60)
 * that hold the very same aggregate: a block fed only by 1-h RRA rows is one cell, by 5-min rows 12
 * cells, by 1-min rows 60. A block fed by one file (a known count of 0 or 1 everywhere) is "narrow":
 * its cell is the file's value alone (sum, max and min of one value are that value; NaN = unknown)
 * and its span; a block that two files feed is "wide" (all five aggregates). Nothing is rounded or
 * coarsened: a cell stands for minutes whose aggregates were identical, so every read gives, bit for
 * bit, what one array per aggregate per minute gave (test/unit/health/aggregate-compact.test.ts
 * compares the two on random coarse and fine rows). A block is split into finer cells the first
 * time a value that differs within one of its cells is added (a 1-min row in an hour cell).
 */
import type { MetricConfig } from '../config/schema';
import { MINUTE, type Grid } from './grid';
import type { MinuteRuns } from './minute-runs';

/** Minutes per block: one UTC hour, so 5-min, 1-h and 1-day RRA rows (aligned on the epoch) fill whole cells. */
const BLOCK = 60;

/** The cells of one kind of block, appended as blocks are (re)laid out; `garbage` counts cells no block uses any more. */
export interface NarrowPool {
  /** The one file's value (NaN: no file knows the minute). */
  value: Float64Array;
  span: Uint16Array;
  used: number;
  garbage: number;
}

export interface WidePool {
  sum: Float64Array;
  known: Int32Array;
  max: Float64Array;
  min: Float64Array;
  span: Uint16Array;
  used: number;
  garbage: number;
}

/** Running aggregates per minute; row k is stamped `start + k * 60` (the minute's end). */
export interface MinuteAggregate {
  start: number;
  length: number;
  /** Absolute minute number of row 0 (stamp / 60 − 1); block b holds the minutes 60 b … 60 b + 59. */
  firstMinute: number;
  /** Absolute number of the first block. */
  firstBlock: number;
  /** Per block: minutes per cell (a divisor of 60); 0 = no file knows any minute of it (no cells). */
  stride: Uint8Array;
  /** Per block: 1 when its cells are in the wide pool, 0 in the narrow one. */
  wide: Uint8Array;
  /** Per block: index of its first cell in its pool. */
  offset: Int32Array;
  narrow: NarrowPool;
  wideCells: WidePool;
}

/** The aggregate of one minute (what one array per aggregate per minute held). */
export interface MinuteCell {
  sum: number;
  known: number;
  max: number;
  min: number;
  /** Minutes of the coarsest RRA row a known file value came from (1 = a minute row; 0 = none known). */
  span: number;
}

const blockOf = (minute: number): number => Math.floor(minute / BLOCK);

function narrowPool(capacity: number): NarrowPool {
  return { value: new Float64Array(capacity), span: new Uint16Array(capacity), used: 0, garbage: 0 };
}

function widePool(capacity: number): WidePool {
  return { sum: new Float64Array(capacity), known: new Int32Array(capacity), max: new Float64Array(capacity), min: new Float64Array(capacity), span: new Uint16Array(capacity), used: 0, garbage: 0 };
}

/** An aggregate with the given rows and blocks (all unknown). */
function blankAggregate(start: number, length: number, firstMinute: number): MinuteAggregate {
  const firstBlock = blockOf(firstMinute);
  const blocks = length === 0 ? 0 : blockOf(firstMinute + length - 1) - firstBlock + 1;
  return { start, length, firstMinute, firstBlock, stride: new Uint8Array(blocks), wide: new Uint8Array(blocks), offset: new Int32Array(blocks), narrow: narrowPool(0), wideCells: widePool(0) };
}

/** An empty aggregate over the rows stamped start, start + 60, … (length rows). */
export function emptyAggregate(start: number, length: number): MinuteAggregate {
  return blankAggregate(start, length, Math.floor(start / MINUTE) - 1);
}

/** Cells a block uses. */
const cellsOf = (stride: number): number => (stride === 0 ? 0 : BLOCK / stride);

type Cells = Float64Array | Int32Array | Uint16Array;

/** The arrays of a pool, in one order (to copy cells whatever their kind). */
const columns = (pool: NarrowPool | WidePool): Cells[] => ('value' in pool ? [pool.value, pool.span] : [pool.sum, pool.known, pool.max, pool.min, pool.span]);

/** Copies n cells from one pool's arrays to another's. */
function copyCells(from: NarrowPool | WidePool, at: number, to: NarrowPool | WidePool, dest: number, n: number): void {
  const src = columns(from);
  columns(to).forEach((col, k) => col.set(src[k]!.subarray(at, at + n), dest));
}

/** Moves the live cells of one pool to fresh arrays of `capacity` cells, in block order. */
function compactPool(agg: MinuteAggregate, isWide: 0 | 1, capacity: number): void {
  const from = isWide === 1 ? agg.wideCells : agg.narrow;
  const to = isWide === 1 ? widePool(capacity) : narrowPool(capacity);
  let at = 0;
  for (let b = 0; b < agg.stride.length; b++) {
    if (agg.stride[b] === 0 || agg.wide[b] !== isWide) continue;
    const n = cellsOf(agg.stride[b]!);
    copyCells(from, agg.offset[b]!, to, at, n);
    agg.offset[b] = at;
    at += n;
  }
  to.used = at;
  if (isWide === 1) agg.wideCells = to as WidePool;
  else agg.narrow = to as NarrowPool;
}

/** Room for `n` more cells in one pool (compacted into room for a quarter more when full); returns the first new cell. */
function allocate(agg: MinuteAggregate, isWide: 0 | 1, n: number): number {
  const pool = isWide === 1 ? agg.wideCells : agg.narrow;
  const capacity = pool.span.length;
  if (pool.used + n > capacity) {
    const live = pool.used - pool.garbage;
    compactPool(agg, isWide, Math.max(Math.ceil((live + n) * 1.25), 64));
  }
  const fresh = isWide === 1 ? agg.wideCells : agg.narrow;
  const at = fresh.used;
  fresh.used += n;
  return at;
}

/** Lays block b out anew with `stride` minutes per cell, narrow or wide, keeping what it holds. */
function relayBlock(agg: MinuteAggregate, b: number, stride: number, isWide: 0 | 1): void {
  const n = cellsOf(stride);
  const at = allocate(agg, isWide, n);
  // Read the old layout after allocating: a compaction may have moved the old cells.
  const oldStride = agg.stride[b]!;
  const oldWide = agg.wide[b]!;
  const oldOff = agg.offset[b]!;
  const { narrow, wideCells } = agg;
  for (let c = 0; c < n; c++) {
    const o = oldStride === 0 ? -1 : oldOff + Math.floor((c * stride) / oldStride);
    const k = at + c;
    if (isWide === 1) {
      if (o < 0) {
        wideCells.sum[k] = 0;
        wideCells.known[k] = 0;
        wideCells.max[k] = Number.NEGATIVE_INFINITY;
        wideCells.min[k] = Number.POSITIVE_INFINITY;
        wideCells.span[k] = 0;
      } else if (oldWide === 1) {
        wideCells.sum[k] = wideCells.sum[o]!;
        wideCells.known[k] = wideCells.known[o]!;
        wideCells.max[k] = wideCells.max[o]!;
        wideCells.min[k] = wideCells.min[o]!;
        wideCells.span[k] = wideCells.span[o]!;
      } else {
        const v = narrow.value[o]!;
        const known = v === v;
        // One value v added to an empty minute: sum 0 + v, known 1, max and min v (as addMinutes does).
        wideCells.sum[k] = known ? 0 + v : 0;
        wideCells.known[k] = known ? 1 : 0;
        wideCells.max[k] = known ? v : Number.NEGATIVE_INFINITY;
        wideCells.min[k] = known ? v : Number.POSITIVE_INFINITY;
        wideCells.span[k] = known ? narrow.span[o]! : 0;
      }
    } else if (o < 0) {
      narrow.value[k] = Number.NaN;
      narrow.span[k] = 0;
    } else {
      narrow.value[k] = narrow.value[o]!;
      narrow.span[k] = narrow.span[o]!;
    }
  }
  if (oldStride > 0) (oldWide === 1 ? wideCells : narrow).garbage += cellsOf(oldStride);
  agg.stride[b] = stride;
  agg.wide[b] = isWide;
  agg.offset[b] = at;
}

/** The same number, telling 0 from −0 (a cell must stand for bit-identical minutes). */
const same = (a: number, b: number): boolean => (a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b);

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** The minute's aggregate at logical row k (inside the rows kept). */
export function cellAt(agg: MinuteAggregate, k: number): MinuteCell {
  const m = agg.firstMinute + k;
  const b = blockOf(m) - agg.firstBlock;
  const stride = agg.stride[b]!;
  if (stride === 0) return { sum: 0, known: 0, max: Number.NEGATIVE_INFINITY, min: Number.POSITIVE_INFINITY, span: 0 };
  const c = agg.offset[b]! + Math.floor((m - blockOf(m) * BLOCK) / stride);
  if (agg.wide[b] === 1) {
    const w = agg.wideCells;
    return { sum: w.sum[c]!, known: w.known[c]!, max: w.max[c]!, min: w.min[c]!, span: w.span[c]! };
  }
  const v = agg.narrow.value[c]!;
  if (v !== v) return { sum: 0, known: 0, max: Number.NEGATIVE_INFINITY, min: Number.POSITIVE_INFINITY, span: 0 };
  return { sum: 0 + v, known: 1, max: v, min: v, span: agg.narrow.span[c]! };
}

/**
 * The aggregate re-based to cover (at least) the rows stamped `from`..`to`: rows before `from` are
 * dropped, room is added after `to` (`slack` rows), the rows in common are kept. Returns the same
 * object when it already covers the span; otherwise a new one (the old one is left as it was).
 */
export function coverSpan(agg: MinuteAggregate, from: number, to: number, slack: number): MinuteAggregate {
  const last = agg.start + (agg.length - 1) * MINUTE;
  if (agg.start <= from && to <= last) return agg;
  const length = Math.round((to - from) / MINUTE) + 1 + slack;
  const shift = Math.round((agg.start - from) / MINUTE);
  const out = blankAggregate(from, length, agg.firstMinute - shift);
  // Rows of the new span before the old start, and after the old end, are unknown; a block cut by
  // either edge keeps only the rows in common (the others are set unknown, as a fresh array was).
  const keepFrom = Math.max(0, shift);
  const keepTo = Math.min(length, agg.length + shift);
  for (let b = 0; b < out.stride.length; b++) {
    const ob = b + out.firstBlock - agg.firstBlock;
    if (ob < 0 || ob >= agg.stride.length || agg.stride[ob] === 0) continue;
    const first = (out.firstBlock + b) * BLOCK - out.firstMinute;
    if (first + BLOCK <= keepFrom || first >= keepTo) continue;
    const stride = agg.stride[ob]!;
    const isWide = agg.wide[ob]! as 0 | 1;
    // Copy the cells, then blank the minutes of the block outside the rows in common.
    const at = allocate(out, isWide, cellsOf(stride));
    copyCells(isWide === 1 ? agg.wideCells : agg.narrow, agg.offset[ob]!, isWide === 1 ? out.wideCells : out.narrow, at, cellsOf(stride));
    out.stride[b] = stride;
    out.wide[b] = isWide;
    out.offset[b] = at;
    if (first < keepFrom || first + BLOCK > keepTo) blankOutside(out, b, keepFrom - first, keepTo - first);
  }
  return out;
}

/** Sets the minutes of block b outside [lo, hi) (minutes within the block) unknown. */
function blankOutside(agg: MinuteAggregate, b: number, lo: number, hi: number): void {
  const cut = (j: number): number => Math.min(BLOCK, Math.max(0, j));
  const a = cut(lo);
  const z = cut(hi);
  // Cells must start at both cuts (gcd(s, 0) = s: a cut at the block's edge needs nothing).
  const stride = gcd(gcd(agg.stride[b]!, a), z);
  if (stride !== agg.stride[b]) relayBlock(agg, b, stride, agg.wide[b]! as 0 | 1);
  const off = agg.offset[b]!;
  for (let c = 0; c < cellsOf(stride); c++) {
    const j = c * stride;
    if (j >= a && j < z) continue;
    const k = off + c;
    if (agg.wide[b] === 1) {
      const w = agg.wideCells;
      w.sum[k] = 0;
      w.known[k] = 0;
      w.max[k] = Number.NEGATIVE_INFINITY;
      w.min[k] = Number.POSITIVE_INFINITY;
      w.span[k] = 0;
    } else {
      agg.narrow.value[k] = Number.NaN;
      agg.narrow.span[k] = 0;
    }
  }
}

/**
 * Adds one file's per-minute values (row 0 stamped `t0`; NaN = unknown) to the aggregate, with the
 * span (minutes) of the RRA row each value came from (fileMinutes; 1 when not given).
 */
export function addMinutes(agg: MinuteAggregate, t0: number, values: Float64Array, spans?: Uint16Array): void {
  const offset = Math.round((t0 - agg.start) / MINUTE);
  const from = Math.max(0, -offset);
  const to = Math.min(values.length, agg.length - offset);
  if (from >= to) return;
  // Value index i is logical row i + offset, absolute minute firstMinute + i + offset.
  const m0 = agg.firstMinute + offset;
  for (let B = blockOf(m0 + from); B <= blockOf(m0 + to - 1); B++) {
    const lo = Math.max(from, B * BLOCK - m0);
    const hi = Math.min(to, (B + 1) * BLOCK - m0);
    addToBlock(agg, B - agg.firstBlock, B * BLOCK - m0, lo, hi, values, spans);
  }
}

/** Adds one file's known value `v` (from a row of code `s`) to cell k of a block laid out narrow or wide. */
function addToCell(agg: MinuteAggregate, isWide: 0 | 1, k: number, v: number, s: number): void {
  if (isWide === 1) {
    const w = agg.wideCells;
    w.sum[k]! += v;
    w.known[k]! += 1;
    if (v > w.max[k]!) w.max[k] = v;
    if (v < w.min[k]!) w.min[k] = v;
    if (s > w.span[k]!) w.span[k] = s;
  } else {
    agg.narrow.value[k] = v;
    agg.narrow.span[k] = s;
  }
}

/** Adds values[lo..hi) (block minute j is values[base + j]) to block b. */
function addToBlock(agg: MinuteAggregate, b: number, base: number, lo: number, hi: number, values: Float64Array, spans: Uint16Array | undefined): void {
  // The finest run of identical incoming minutes: every change of value, span or knownness must
  // start a cell. Minutes outside [lo, hi) are "not given" (unknown).
  const j0 = Math.max(0, lo - base);
  const j1 = Math.min(BLOCK, hi - base);
  let runs = BLOCK;
  let anyKnown = false;
  let prevV = Number.NaN;
  let prevS = 0;
  for (let j = j0; j < j1; j++) {
    const v = values[base + j]!;
    let s = 0;
    if (v === v) {
      anyKnown = true;
      s = spans === undefined ? 1 : spans[base + j]!;
    }
    if (j > 0 && runs !== 1 && (s !== prevS || !same(v, prevV))) runs = gcd(runs, j);
    prevV = v;
    prevS = s;
  }
  // The minutes after j1 are not given: a known last minute ends a run there.
  if (j1 < BLOCK && prevV === prevV) runs = gcd(runs, j1);
  if (!anyKnown) return;
  const oldStride = agg.stride[b]!;
  const stride = oldStride === 0 ? runs : gcd(runs, oldStride);
  let isWide = agg.wide[b]! as 0 | 1;
  if (isWide === 0 && oldStride > 0) {
    // Two files knowing one minute need the wide cells (sum, count, max, min).
    const off = agg.offset[b]!;
    for (let j = 0; j < BLOCK && isWide === 0; j++) {
      const i = base + j;
      if (i >= lo && i < hi && values[i]! === values[i]! && agg.narrow.value[off + Math.floor(j / oldStride)]! === agg.narrow.value[off + Math.floor(j / oldStride)]!) isWide = 1;
    }
  }
  if (stride !== oldStride || isWide !== agg.wide[b]) relayBlock(agg, b, stride, isWide);
  const off = agg.offset[b]!;
  for (let c = 0; c < BLOCK / stride; c++) {
    const i = base + c * stride;
    if (i < lo || i >= hi) continue;
    const v = values[i]!;
    if (v !== v) continue; // NaN: this file does not know the minute
    const s = spans === undefined ? 1 : spans[i]!;
    addToCell(agg, isWide, off + c, v, s);
  }
}

/**
 * Adds one file's runs (minute-runs.ts; grid row 0 stamped `t0`) to the aggregate: the same as
 * addMinutes over the per-minute series the runs stand for, cell for cell, but a block costs its
 * runs and cells, not its 60 minutes (one 1-h row: one run, one cell).
 */
export function addRuns(agg: MinuteAggregate, t0: number, runs: MinuteRuns): void {
  const offset = Math.round((t0 - agg.start) / MINUTE);
  // Grid row i is absolute minute m0 + i; only the minutes lo..hi−1 are inside the aggregate.
  const m0 = agg.firstMinute + offset;
  const lo = agg.firstMinute;
  const hi = agg.firstMinute + agg.length;
  let r = 0;
  let cursor = lo;
  while (r < runs.length) {
    const start = Math.max(m0 + runs.from[r]!, cursor, lo);
    const end = Math.min(m0 + runs.to[r]!, hi);
    if (start >= end) {
      if (m0 + runs.from[r]! >= hi) return;
      r++;
      continue;
    }
    // The block of `start` and the runs that reach into it; the last one may go on into the next block.
    const B = blockOf(start);
    const blockEnd = (B + 1) * BLOCK;
    let q = r;
    while (q < runs.length && m0 + runs.from[q]! < blockEnd) q++;
    addRunsToBlock(agg, B - agg.firstBlock, B * BLOCK, runs, r, q, m0, Math.max(lo, B * BLOCK), Math.min(hi, blockEnd));
    cursor = blockEnd;
    r = m0 + runs.to[q - 1]! > blockEnd ? q - 1 : q;
  }
}

/** Adds runs r..q−1 (absolute minutes m0 + from … m0 + to − 1), cut to the minutes lo..hi−1 of the block starting at minute `first`. */
function addRunsToBlock(agg: MinuteAggregate, b: number, first: number, runs: MinuteRuns, r: number, q: number, m0: number, lo: number, hi: number): void {
  // Every run starts and ends a cell (runs never touch an identical neighbour; outside them nothing is known).
  let cells = BLOCK;
  let anyKnown = false;
  for (let k = r; k < q; k++) {
    const a = Math.max(m0 + runs.from[k]!, lo) - first;
    const z = Math.min(m0 + runs.to[k]!, hi) - first;
    if (a >= z) continue;
    anyKnown = true;
    if (a > 0) cells = gcd(cells, a);
    if (z < BLOCK) cells = gcd(cells, z);
  }
  if (!anyKnown) return;
  const oldStride = agg.stride[b]!;
  const stride = oldStride === 0 ? cells : gcd(cells, oldStride);
  let isWide = agg.wide[b]! as 0 | 1;
  if (isWide === 0 && oldStride > 0) {
    // Two files knowing one minute need the wide cells (sum, count, max, min).
    const off = agg.offset[b]!;
    for (let k = r; k < q && isWide === 0; k++) {
      const a = Math.max(m0 + runs.from[k]!, lo) - first;
      const z = Math.min(m0 + runs.to[k]!, hi) - first;
      for (let c = Math.floor(a / oldStride); a < z && c <= Math.floor((z - 1) / oldStride); c++) {
        const v = agg.narrow.value[off + c]!;
        if (v === v) {
          isWide = 1;
          break;
        }
      }
    }
  }
  if (stride !== oldStride || isWide !== agg.wide[b]) relayBlock(agg, b, stride, isWide);
  const off = agg.offset[b]!;
  let k = r;
  for (let c = 0; c < BLOCK / stride; c++) {
    const m = first + c * stride;
    if (m < lo || m >= hi) continue;
    while (k < q && m0 + runs.to[k]! <= m) k++;
    if (k === q) break;
    if (m0 + runs.from[k]! > m) continue; // no run holds this minute: the file does not know it
    const v = runs.value[k]!;
    const s = runs.code[k]!;
    addToCell(agg, isWide, off + c, v, s);
  }
}

/** One block as seen from a grid: grid row `row` is its minute 0; only rows from..to−1 are inside the grid and the aggregate. */
interface BlockView {
  row: number;
  stride: number;
  wide: boolean;
  offset: number;
  from: number;
  to: number;
}

/** Calls `each` for the blocks under `grid` that hold a known minute (the others' rows stay unknown). */
function forEachBlock(agg: MinuteAggregate, grid: Grid, each: (v: BlockView) => void): void {
  const offset = Math.round((grid.start - agg.start) / MINUTE);
  const from = Math.max(0, -offset);
  const to = Math.min(grid.length, agg.length - offset);
  if (from >= to) return;
  // Grid row i is absolute minute m0 + i.
  const m0 = agg.firstMinute + offset;
  const view: BlockView = { row: 0, stride: 0, wide: false, offset: 0, from, to };
  for (let B = blockOf(m0 + from); B <= blockOf(m0 + to - 1); B++) {
    const b = B - agg.firstBlock;
    const stride = agg.stride[b]!;
    if (stride === 0) continue;
    view.row = B * BLOCK - m0;
    view.stride = stride;
    view.wide = agg.wide[b] === 1;
    view.offset = agg.offset[b]!;
    each(view);
  }
}

/** Per grid row: the smallest known file value (NaN when none) and the coarsest row span behind the value (0 when none). */
export interface MinuteDetail {
  fileMin: Float64Array;
  span: Uint16Array;
}

/** The per-minute detail of the aggregate on `grid` (see MinuteDetail). */
export function detailOnGrid(agg: MinuteAggregate, grid: Grid): MinuteDetail {
  const fileMin = new Float64Array(grid.length).fill(Number.NaN);
  const span = new Uint16Array(grid.length);
  const { narrow, wideCells } = agg;
  forEachBlock(agg, grid, ({ row, stride, wide, offset, from, to }) => {
    if (stride === 1 && !wide) {
      // Minute rows of one file (the every-minute loop's history): one cell per row.
      for (let i = Math.max(from, row), hi = Math.min(to, row + BLOCK); i < hi; i++) {
        const v = narrow.value[offset + i - row]!;
        if (v !== v) continue;
        fileMin[i] = v;
        span[i] = narrow.span[offset + i - row]!;
      }
      return;
    }
    // Cell by cell, each over the grid rows of its minutes.
    for (let c = 0, r = row; c < BLOCK / stride; c++, r += stride) {
      const lo = Math.max(from, r);
      const hi = Math.min(to, r + stride);
      if (lo >= hi) continue;
      let v: number;
      let s: number;
      if (wide) {
        if (wideCells.known[offset + c]! === 0) continue;
        v = wideCells.min[offset + c]!;
        s = wideCells.span[offset + c]!;
      } else {
        v = narrow.value[offset + c]!;
        if (v !== v) continue;
        s = narrow.span[offset + c]!;
      }
      for (let i = lo; i < hi; i++) {
        fileMin[i] = v;
        span[i] = s;
      }
    }
  });
  return { fileMin, span };
}

/**
 * The combined series on `grid`: a row is unknown when fewer than `minKnownFraction` of the `files`
 * files know it; a sum is scaled up to all files (one late file is not a traffic drop).
 */
export function combinedOnGrid(agg: MinuteAggregate, grid: Grid, how: MetricConfig['combine'], files: number, minKnownFraction: number): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  if (files === 0) return out;
  const need = Math.max(1, Math.ceil(minKnownFraction * files - 1e-9));
  const { narrow, wideCells } = agg;
  const code = how === 'sum' ? 0 : how === 'mean' ? 1 : 2;
  // The same expressions as one array per aggregate per minute gave, so the same bits.
  forEachBlock(agg, grid, ({ row, stride, wide, offset, from, to }) => {
    // One file's narrow cell: known 1, sum 0 + v, max v.
    if (!wide && need > 1) return;
    if (stride === 1 && !wide) {
      for (let i = Math.max(from, row), hi = Math.min(to, row + BLOCK); i < hi; i++) {
        const v = narrow.value[offset + i - row]!;
        if (v === v) out[i] = code === 0 ? ((0 + v) * files) / 1 : code === 1 ? (0 + v) / 1 : v;
      }
      return;
    }
    for (let c = 0, r = row; c < BLOCK / stride; c++, r += stride) {
      const lo = Math.max(from, r);
      const hi = Math.min(to, r + stride);
      if (lo >= hi) continue;
      let x: number;
      if (wide) {
        const n = wideCells.known[offset + c]!;
        if (n < need) continue;
        x = code === 0 ? (wideCells.sum[offset + c]! * files) / n : code === 1 ? wideCells.sum[offset + c]! / n : wideCells.max[offset + c]!;
      } else {
        const v = narrow.value[offset + c]!;
        if (v !== v) continue;
        x = code === 0 ? ((0 + v) * files) / 1 : code === 1 ? (0 + v) / 1 : v;
      }
      for (let i = lo; i < hi; i++) out[i] = x;
    }
  });
  return out;
}

/** Bytes the aggregate holds (block tables and cell pools, spare capacity included). */
export function aggregateBytes(agg: MinuteAggregate): number {
  const n = agg.narrow;
  const w = agg.wideCells;
  return agg.stride.byteLength + agg.wide.byteLength + agg.offset.byteLength + n.value.byteLength + n.span.byteLength + w.sum.byteLength + w.known.byteLength + w.max.byteLength + w.min.byteLength + w.span.byteLength;
}

/** The aggregate with its cells in block order and no spare room (what is written to disk). */
export function compacted(agg: MinuteAggregate): MinuteAggregate {
  compactPool(agg, 0, agg.narrow.used - agg.narrow.garbage);
  compactPool(agg, 1, agg.wideCells.used - agg.wideCells.garbage);
  return agg;
}

/**
 * An aggregate from its parts as written by `compacted` (offsets follow from the strides, in block
 * order); a problem in words when the parts do not fit together.
 */
export function aggregateFromParts(start: number, length: number, firstMinute: number, stride: Uint8Array, wide: Uint8Array, narrow: NarrowPool, wideCells: WidePool): MinuteAggregate | string {
  const agg = blankAggregate(start, length, firstMinute);
  if (stride.length !== agg.stride.length || wide.length !== agg.stride.length) return `${stride.length} blocks where the rows need ${agg.stride.length}`;
  const at = [0, 0];
  for (let b = 0; b < stride.length; b++) {
    const s = stride[b]!;
    if (s !== 0 && BLOCK % s !== 0) return `block ${b} has ${s} minutes per cell, not a divisor of ${BLOCK}`;
    if (wide[b]! > 1) return `block ${b} has kind ${wide[b]}`;
    agg.offset[b] = at[wide[b]!]!;
    at[wide[b]!]! += cellsOf(s);
  }
  if (at[0] !== narrow.used || at[1] !== wideCells.used) return `the blocks need ${at[0]} + ${at[1]} cells, the pools hold ${narrow.used} + ${wideCells.used}`;
  for (let c = 0; c < wideCells.used; c++) if (wideCells.known[c]! < 0) return 'negative file count';
  agg.stride = stride;
  agg.wide = wide;
  agg.narrow = narrow;
  agg.wideCells = wideCells;
  return agg;
}

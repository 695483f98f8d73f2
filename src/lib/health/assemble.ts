/**
 * Metric assembly: per-file series (one per RRA resolution) → one per-minute series on the grid,
 * in per-minute units, with counter artifacts removed, combined across files.
 */
import { dsColumn } from '../config/data-source';
import type { MetricConfig } from '../config/schema';
import type { Series } from '../rrd/series';
import { MINUTE, rowTime, type Grid } from './grid';
import { encodeRows, ROW_ENDS, ROW_ODD } from './row-span';

/** Factor from the stored unit to the unit the engine works in (per minute for rates, ms for latency). */
export function unitScale(unit: MetricConfig['unit']): number {
  return unit === 'per_second' ? 60 : unit === 'seconds' ? 1000 : 1;
}

/** Index of the metric's column in a series by its DS name; -1 when absent (never another column: see config/data-source.ts). */
export function columnIndex(series: Series, ds: string): number {
  return dsColumn(series.columns, ds);
}

/**
 * Spreads the rows of several resolutions of one file over the minute grid: coarse rows first,
 * finer rows overwrite inside the span they cover (their NaN included: a gap seen at 1 min stays
 * a gap even where the 1-h row is known). A coarse row's rate is given to each of its minutes and
 * its span (minutes) written to `spans` when given, so the engine knows the value is a row mean
 * (baseline.ts widens it, signals.ts judges it once, at the row's end), and per minute in `rows`
 * the flags of row-span.ts: ROW_ENDS at each row's last minute (sub-minute and minute rows: every
 * minute), ROW_ODD when the row's number (its stamp over its step) is odd.
 * Sub-minute rows (a collectd 10-s RRA) are averaged into the minute they belong to: minute t takes
 * the rows stamped in (t − 60, t], never one from after its end; it is unknown when fewer than half
 * of its rows are known. Negative rates are unknown (a DERIVE reset without min).
 */
export function fileMinutes(tiers: readonly Series[], column: readonly number[], grid: Grid, scale: number, spans?: Uint16Array, rows?: Uint8Array): Float64Array {
  const out = new Float64Array(grid.length).fill(Number.NaN);
  const order = tiers.map((s, k) => ({ s, c: column[k] ?? -1 })).sort((a, b) => b.s.step - a.s.step);
  for (const { s, c } of order) {
    if (c < 0 || s.timestamps.length === 0) continue;
    const col = s.values[c]!;
    if (s.step < MINUTE) {
      subMinuteRows(s.timestamps, col, s.step, grid, scale, out, spans, rows);
      continue;
    }
    // A row of any step (70 s, 500 s, collectd's 2,230 s) covers (t − step, t]: each minute takes the row
    // whose interval holds the minute's stamp, so rows that are not whole minutes leave no gaps between
    // them. Its span is the row's length in minutes rounded up (the most minutes one row can cover).
    const per = Math.max(1, Math.ceil(s.step / MINUTE - 1e-9));
    for (let r = 0; r < s.timestamps.length; r++) {
      const t = s.timestamps[r]!;
      const raw = col[r]!;
      const v = Number.isFinite(raw) && raw >= 0 ? raw * scale : Number.NaN;
      const first = Math.floor((t - s.step - grid.start) / MINUTE + 1e-9) + 1;
      const last = Math.floor((t - grid.start) / MINUTE + 1e-9);
      const from = Math.max(0, first);
      const to = Math.min(grid.length - 1, last);
      // The row's parity, and its last minute (a finer row written over it later clears the flags with its own).
      if (rows !== undefined && from <= to) {
        const odd = Math.floor(t / s.step + 1e-9) % 2 === 1 ? ROW_ODD : 0;
        rows.fill(odd, from, to + 1);
        if (last <= grid.length - 1) rows[to] = odd | ROW_ENDS;
      }
      if (to - from >= 8) {
        // A coarse row's many minutes: native fills (a year of 1-h rows is ~170,000 minutes per new file).
        out.fill(v, from, to + 1);
        if (spans !== undefined) spans.fill(per, from, to + 1);
        continue;
      }
      for (let i = from; i <= to; i++) {
        out[i] = v;
        if (spans !== undefined) spans[i] = per;
      }
    }
  }
  return out;
}

/** One file's minutes over only the grid minutes its known rows reach: grid row `first` is values[0]. */
export interface OwnMinutes {
  first: number;
  values: Float64Array;
  /** The row code of each minute (row-span.ts), where its value is known. */
  codes: Uint16Array;
}

/**
 * fileMinutes over the part of `grid` that a known row of the file reaches (from the first known row
 * of any resolution to the last), with the row codes of row-span.ts: the same values as fileMinutes
 * gives on the whole grid there, and outside it only unknown minutes. A new file's history is a few
 * weeks of a ~119-day window: spreading the whole window per file was most of a cold reduce.
 */
export function ownMinutes(tiers: readonly Series[], column: readonly number[], grid: Grid, scale: number): OwnMinutes {
  let lo = grid.length;
  let hi = -1;
  tiers.forEach((s, k) => {
    const c = column[k] ?? -1;
    if (c < 0) return;
    const col = s.values[c]!;
    const n = s.timestamps.length;
    const known = (r: number): boolean => {
      const raw = col[r]!;
      return Number.isFinite(raw) && raw >= 0;
    };
    let r0 = 0;
    while (r0 < n && !known(r0)) r0++;
    if (r0 === n) return;
    let r1 = n - 1;
    while (!known(r1)) r1--;
    // The first and last minutes these rows write (fileMinutes' rules), a superset of the known minutes.
    const t0 = s.timestamps[r0]!;
    const t1 = s.timestamps[r1]!;
    const first = s.step < MINUTE ? Math.ceil((t0 - grid.start) / MINUTE - 1e-9) : Math.floor((t0 - s.step - grid.start) / MINUTE + 1e-9) + 1;
    const last = s.step < MINUTE ? Math.ceil((t1 - grid.start) / MINUTE - 1e-9) : Math.floor((t1 - grid.start) / MINUTE + 1e-9);
    lo = Math.min(lo, Math.max(0, first));
    hi = Math.max(hi, Math.min(grid.length - 1, last));
  });
  if (lo > hi) return { first: 0, values: new Float64Array(0), codes: new Uint16Array(0) };
  const length = hi - lo + 1;
  const spans = new Uint16Array(length);
  const rows = new Uint8Array(length);
  const values = fileMinutes(tiers, column, { start: rowTime(grid, lo), length }, scale, spans, rows);
  return { first: lo, values, codes: encodeRows(spans, rows) };
}

/** Averages sub-minute rows into their minutes (causal: the rows stamped in (t − 60, t] make minute t). */
function subMinuteRows(timestamps: ArrayLike<number>, col: ArrayLike<number>, step: number, grid: Grid, scale: number, out: Float64Array, spans?: Uint16Array, rows?: Uint8Array): void {
  const perMinute = Math.max(1, Math.round(MINUTE / step));
  let minute = -1;
  let sum = 0;
  let known = 0;
  let seen = 0;
  const flush = (): void => {
    if (minute < 0 || minute >= grid.length || seen === 0) return;
    out[minute] = known * 2 >= perMinute ? (sum / known) * scale : Number.NaN;
    if (spans !== undefined) spans[minute] = 1;
    if (rows !== undefined) rows[minute] = ROW_ENDS;
  };
  for (let r = 0; r < timestamps.length; r++) {
    const t = timestamps[r]!;
    // The minute whose interval (end − 60, end] holds the row's stamp.
    const i = Math.ceil((t - grid.start) / MINUTE - 1e-9);
    if (i !== minute) {
      flush();
      minute = i;
      sum = 0;
      known = 0;
      seen = 0;
    }
    seen++;
    const raw = col[r]!;
    if (Number.isFinite(raw) && raw >= 0) {
      sum += raw;
      known++;
    }
  }
  flush();
}

/** What a minute series holds: a finite value at all, and whether its only known values are zeros (see knownFacts). */
export interface KnownFacts {
  anyFinite: boolean;
  /** True when at least one value is 0 and every other value is NaN. */
  zerosOnly: boolean;
}

/**
 * Whether a file's minute series knows anything, and whether all it knows is 0 (collect-metric.ts's
 * checks of a new file). One plain loop, newest minute first, that stops at the first finite non-zero
 * value: `some`/`every` with a callback over the ~120,000 NaN minutes before a new file's history
 * starts were a quarter of a cold reduce.
 */
export function knownFacts(values: Float64Array): KnownFacts {
  let zero = false;
  let infinite = false;
  // From the newest minute back: a new file's history is NaN for months before its first row, its newest rows are known.
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i]!;
    if (v !== v) continue;
    if (v === 0) zero = true;
    else if (v === Infinity || v === -Infinity) infinite = true;
    else return { anyFinite: true, zerosOnly: false };
  }
  return { anyFinite: zero, zerosOnly: zero && !infinite };
}

/** Unknown where the value exceeds `limit` (a rate no real service reaches: a counter wrap or reset). */
export function clampAbove(values: Float64Array, limit: number): number {
  let clamped = 0;
  if (!Number.isFinite(limit)) return 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > limit) {
      values[i] = Number.NaN;
      clamped++;
    }
  }
  return clamped;
}

/** The 99th percentile of the known values (a strided sample for long series); NaN when none. */
export function robustMax(values: Float64Array): number {
  const stride = Math.max(1, Math.floor(values.length / 20_000));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += stride) if (Number.isFinite(values[i])) sample.push(values[i]!);
  if (sample.length < 30) return Number.NaN;
  const sorted = Float64Array.from(sample).sort();
  return sorted[Math.floor(0.99 * (sorted.length - 1))]!;
}

/**
 * Combines per-file minute series. A row is unknown when fewer than `minKnownFraction` of the files
 * are known there; a sum over the known files is scaled up to all files, so one late file does not
 * look like a traffic drop.
 */
export function combineFiles(perFile: readonly Float64Array[], how: MetricConfig['combine'], minKnownFraction: number, length: number): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN);
  const n = perFile.length;
  if (n === 0) return out;
  const need = Math.max(1, Math.ceil(minKnownFraction * n - 1e-9));
  for (let i = 0; i < length; i++) {
    let known = 0;
    let sum = 0;
    let max = Number.NEGATIVE_INFINITY;
    for (const f of perFile) {
      const v = f[i]!;
      if (!Number.isFinite(v)) continue;
      known++;
      sum += v;
      if (v > max) max = v;
    }
    if (known < need) continue;
    out[i] = how === 'sum' ? (sum * n) / known : how === 'mean' ? sum / known : max;
  }
  return out;
}

/** Time stamp of the newest known row, NaN when none. */
export function lastKnownTime(values: Float64Array, grid: Grid): number {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return rowTime(grid, i);
  return Number.NaN;
}

/**
 * One file's minutes as runs: a run is a range of grid minutes that hold the same known value from
 * the same RRA row code (row-span.ts), so a 1-h row is one run, not 60 minutes. What the aggregates
 * take in (aggregate.ts addRuns), with the same result as the per-minute series of fileMinutes:
 * the runs are exactly the stretches of identical known minutes of that series (unknown minutes are
 * no run), ascending and never touching an identical neighbour. A cold reduce spreads every file's
 * whole history: per row, not per minute, it is a few thousand runs instead of ~50,000 minutes.
 */
import type { Series } from '../rrd/series';
import { ownMinutes, type OwnMinutes } from './assemble';
import { MINUTE, type Grid } from './grid';
import { rowCode } from './row-span';

export interface MinuteRuns {
  /** Grid row of each run's first minute, and one past its last (ascending, not overlapping). */
  from: Int32Array;
  to: Int32Array;
  value: Float64Array;
  code: Uint16Array;
  /** Runs in use (the arrays may be longer). */
  length: number;
}

/** The same number, telling 0 from −0 (a run must stand for bit-identical minutes). */
const same = (a: number, b: number): boolean => (a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b);

/** Appends runs, extending the last one when the new one continues it with the same value and code. */
class RunBuilder {
  private runs: MinuteRuns;

  constructor(capacity: number) {
    const n = Math.max(4, capacity);
    this.runs = { from: new Int32Array(n), to: new Int32Array(n), value: new Float64Array(n), code: new Uint16Array(n), length: 0 };
  }

  push(from: number, to: number, value: number, code: number): void {
    const r = this.runs;
    const last = r.length - 1;
    if (last >= 0 && r.to[last] === from && r.code[last] === code && same(r.value[last]!, value)) {
      r.to[last] = to;
      return;
    }
    if (r.length === r.from.length) this.grow();
    const k = this.runs.length++;
    this.runs.from[k] = from;
    this.runs.to[k] = to;
    this.runs.value[k] = value;
    this.runs.code[k] = code;
  }

  /** Appends runs a..b−1 of `from` (ascending, after the runs already here). */
  append(from: MinuteRuns, a: number, b: number): void {
    if (a >= b) return;
    this.push(from.from[a]!, from.to[a]!, from.value[a]!, from.code[a]!);
    const n = b - a - 1;
    while (this.runs.length + n > this.runs.from.length) this.grow();
    const r = this.runs;
    r.from.set(from.from.subarray(a + 1, b), r.length);
    r.to.set(from.to.subarray(a + 1, b), r.length);
    r.value.set(from.value.subarray(a + 1, b), r.length);
    r.code.set(from.code.subarray(a + 1, b), r.length);
    r.length += n;
  }

  done(): MinuteRuns {
    return this.runs;
  }

  private grow(): void {
    const r = this.runs;
    const n = r.from.length * 2;
    const next: MinuteRuns = { from: new Int32Array(n), to: new Int32Array(n), value: new Float64Array(n), code: new Uint16Array(n), length: r.length };
    next.from.set(r.from);
    next.to.set(r.to);
    next.value.set(r.value);
    next.code.set(r.code);
    this.runs = next;
  }
}

/** The runs of a per-minute series (ownMinutes): its stretches of identical known minutes. */
export function runsOfMinutes(own: OwnMinutes): MinuteRuns {
  const out = new RunBuilder(64);
  const { values, codes, first } = own;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) out.push(first + i, first + i + 1, v, codes[i]!);
  }
  return out.done();
}

/** True when the rows are stamped exactly one step apart (what an RRA gives). */
function regular(s: Series): boolean {
  const t = s.timestamps;
  for (let r = 1; r < t.length; r++) if (t[r]! - t[r - 1]! !== s.step) return false;
  return true;
}

/** One resolution's rows clipped to the minutes no finer resolution writes. */
interface TierRuns {
  runs: MinuteRuns;
  at: number;
}

/**
 * The runs of one file on `grid`: what runsOfMinutes(ownMinutes(…)) gives, built per row. fileMinutes'
 * rules: coarse rows first, a finer resolution overwrites every minute its rows reach (its unknown
 * rows included). Rows one step apart reach one range of minutes without gaps, so each resolution
 * writes the part of its range that no finer one writes. Sub-minute rows, and rows that are not one
 * step apart (a hand-made export), are spread minute by minute instead.
 */
export function fileRuns(tiers: readonly Series[], column: readonly number[], grid: Grid, scale: number): MinuteRuns {
  const order = tiers.map((s, k) => ({ s, c: column[k] ?? -1 })).sort((a, b) => b.s.step - a.s.step);
  const used = order.filter(({ s, c }) => c >= 0 && s.timestamps.length > 0);
  if (used.some(({ s }) => s.step < MINUTE || !regular(s))) return runsOfMinutes(ownMinutes(tiers, column, grid, scale));
  // Minutes (inclusive grid rows) written by a finer resolution, ascending and apart.
  let claimed: [number, number][] = [];
  const lists: TierRuns[] = [];
  for (let k = used.length - 1; k >= 0; k--) {
    const { s, c } = used[k]!;
    const t = s.timestamps;
    const col = s.values[c]!;
    const lo = Math.max(0, Math.floor((t[0]! - s.step - grid.start) / MINUTE + 1e-9) + 1);
    const hi = Math.min(grid.length - 1, Math.floor((t[t.length - 1]! - grid.start) / MINUTE + 1e-9));
    if (lo > hi) continue;
    // The pieces of [lo, hi] no finer resolution wrote.
    const pieces: [number, number][] = [];
    let at = lo;
    for (const [a, b] of claimed) {
      if (b < at) continue;
      if (a > hi) break;
      if (a > at) pieces.push([at, a - 1]);
      at = Math.max(at, b + 1);
    }
    if (at <= hi) pieces.push([at, hi]);
    const per = Math.max(1, Math.ceil(s.step / MINUTE - 1e-9));
    const even = rowCode(per, false);
    const odd = rowCode(per, true);
    const out = new RunBuilder(Math.min(t.length, hi - lo + 1) + pieces.length);
    const step = s.step;
    const g0 = grid.start;
    for (const [pa, pb] of pieces) {
      // Rows one step apart: row r reaches the minutes after row r − 1's last up to its own last.
      let r = Math.max(0, Math.floor((g0 + pa * MINUTE - t[0]!) / step) - 1);
      let first = Math.floor((t[r]! - step - g0) / MINUTE + 1e-9) + 1;
      for (; r < t.length && first <= pb; r++) {
        const last = Math.floor((t[r]! - g0) / MINUTE + 1e-9);
        const raw = col[r]!;
        if (last >= pa && Number.isFinite(raw) && raw >= 0) {
          const a = first > pa ? first : pa;
          const b = last < pb ? last : pb;
          if (a <= b) out.push(a, b + 1, raw * scale, Math.floor(t[r]! / step + 1e-9) % 2 === 1 ? odd : even);
        }
        first = last + 1;
      }
    }
    lists.push({ runs: out.done(), at: 0 });
    claimed = [...claimed, [lo, hi] as [number, number]].sort((x, y) => x[0] - y[0]).reduce<[number, number][]>((acc, iv) => {
      const last = acc[acc.length - 1];
      if (last !== undefined && iv[0] <= last[1] + 1) last[1] = Math.max(last[1], iv[1]);
      else acc.push([iv[0], iv[1]]);
      return acc;
    }, []);
  }
  if (lists.length === 1) return lists[0]!.runs;
  // The resolutions' runs never overlap: merge them by their first minute, a stretch of one resolution at a time.
  const out = new RunBuilder(lists.reduce((n, l) => n + l.runs.length, 0));
  for (;;) {
    let best: TierRuns | undefined;
    for (const l of lists) if (l.at < l.runs.length && (best === undefined || l.runs.from[l.at]! < best.runs.from[best.at]!)) best = l;
    if (best === undefined) break;
    let until = Number.POSITIVE_INFINITY;
    for (const l of lists) if (l !== best && l.at < l.runs.length) until = Math.min(until, l.runs.from[l.at]!);
    let end = best.at + 1;
    while (end < best.runs.length && best.runs.from[end]! < until) end++;
    out.append(best.runs, best.at, end);
    best.at = end;
  }
  return out.done();
}

/** The runs' values (for knownFacts: what a file knows does not depend on how many minutes hold it). */
export function runValues(runs: MinuteRuns): Float64Array {
  return runs.value.subarray(0, runs.length);
}

/** Drops the runs above `limit` (clampAbove for runs); returns the minutes dropped. */
export function clampRuns(runs: MinuteRuns, limit: number): number {
  if (!Number.isFinite(limit)) return 0;
  let clamped = 0;
  let kept = 0;
  for (let k = 0; k < runs.length; k++) {
    if (runs.value[k]! > limit) {
      clamped += runs.to[k]! - runs.from[k]!;
      continue;
    }
    runs.from[kept] = runs.from[k]!;
    runs.to[kept] = runs.to[k]!;
    runs.value[kept] = runs.value[k]!;
    runs.code[kept] = runs.code[k]!;
    kept++;
  }
  runs.length = kept;
  return clamped;
}

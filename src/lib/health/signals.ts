/**
 * Per-minute signals: for each minute, the worst level the data points to on its own (before
 * dwell), with the findings behind it. Thresholds are the rules; this file only applies them.
 */
import type { Level } from '../levels';
import type { MetricConfig, Rules } from '../config/schema';
import { slidingMin, type Baseline } from './baseline';
import { ROLES, type MinuteContext } from './roles';

/** A metric's per-minute values on the grid with its baseline. */
export interface MetricSeries {
  config: MetricConfig;
  values: Float64Array;
  baseline: Baseline;
  /** Minutes of the RRA row behind each value (1 or absent = minute rows; 0 = unknown). */
  span?: Uint16Array;
  /**
   * 1 at the last minute of each row (fileMinutes, row-span.ts): a coarse row is judged there. Without
   * it, a row of S minutes is taken to end on a stamp that is a multiple of S minutes (aligned rows).
   */
  rowEnds?: Uint8Array;
  /** The smallest value among the metric's files per minute (a silent node), and how many files there are. */
  fileMin?: Float64Array;
  files?: number;
}

/** Why a minute is not green: one signal crossing one threshold, with the numbers. */
export type Finding =
  | { kind: 'traffic_low'; level: Level; metric: string; value: number; expected: number }
  | { kind: 'input_silent'; level: Level; metric: string; files: number; value: number; expected: number }
  | { kind: 'errors_high'; level: Level; metric: string; ratio: number; normal: number }
  | { kind: 'latency_high'; level: Level; metric: string; value: number; expected: number; limit: number | null }
  | { kind: 'backlog_high'; level: Level; metric: string; value: number; expected: number }
  | { kind: 'backlog_growing'; level: Level; metric: string; value: number; minutes: number };

/**
 * Candidate severity per minute: 0 green, 1 degraded, 2 partial outage, 3 major outage; -1 no data
 * (hold); -2 stale; -3 no evidence (no calls and no usable history: unknown, never green).
 */
export const HOLD = -1;
export const STALE = -2;
export const NO_EVIDENCE = -3;

export { ERROR_SPIKE_FACTOR } from './roles/errors';
export { isGrowing } from './roles/backlog';
export const SEVERITY_LEVELS: readonly Level[] = ['operational', 'degraded', 'partial_outage', 'major_outage'];

export interface Signals {
  severity: Int8Array;
  /** Minutes of evidence a judged minute stands for (a 5-min row judged at its end counts 5); 1 otherwise. */
  weight: Uint16Array;
  /** The level (severity) a minute shows at once because its evidence is overwhelming (0 = none: dwell applies). */
  decisive: Int8Array;
  /** Position of the worst signal on the threshold scale per minute (score.ts); held over minutes without data, NaN when stale. */
  position: Float64Array;
  /** Findings of the minutes with severity > 0 (sparse). */
  findings: Map<number, Finding[]>;
  /** Metric keys missing (stale) per stale minute. */
  staleMetrics: StaleMetrics;
}

/**
 * The missing metrics of the stale minutes, stored as runs of minutes sharing one list: a long gap
 * is one entry, not one per minute (a Map entry per minute cost more than the whole signal pass).
 */
export class StaleMetrics {
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly keys: string[][] = [];

  /** Records the missing keys of minute i (minutes are recorded in ascending order). */
  set(i: number, keys: string[]): void {
    // Stryker disable next-line ArithmeticOperator: with `last` out of range no two runs are ever merged, which only costs memory: get() gives the same keys.
    const last = this.keys.length - 1;
    // Stryker disable next-line ArithmeticOperator: `i + 1` never merges two runs, which only costs memory: get() gives the same keys.
    if (last >= 0 && this.keys[last] === keys && this.to[last] === i - 1) this.to[last] = i;
    else {
      this.from.push(i);
      this.to.push(i);
      this.keys.push(keys);
    }
  }

  /** The missing keys of minute i, undefined when it is not stale. */
  get(i: number): string[] | undefined {
    let lo = 0;
    let hi = this.from.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.from[mid]! > i) hi = mid - 1;
      else if (this.to[mid]! < i) lo = mid + 1;
      else return this.keys[mid];
    }
    return undefined;
  }
}

const sev = (level: Level): number => SEVERITY_LEVELS.indexOf(level);

/** Computes the candidate severity of every minute of a service. */
export function computeSignals(metrics: readonly MetricSeries[], rules: Rules, length: number, gridStart = 0): Signals {
  // Row i is stamped gridStart + 60 i; without row-end flags, a coarse row of S minutes ends on a stamp that is a multiple of S minutes.
  const startMinute = Math.round(gridStart / 60);
  const severity = new Int8Array(length);
  const weight = new Uint16Array(length).fill(1);
  const decisive = new Int8Array(length);
  const position = new Float64Array(length);
  const findings = new Map<number, Finding[]>();
  const staleMetrics = new StaleMetrics();
  const add = (i: number, f: Finding): void => {
    const list = findings.get(i);
    if (list === undefined) findings.set(i, [f]);
    else list.push(f);
    severity[i] = Math.max(severity[i]!, sev(f.level));
  };
  const traffic = metrics.find((m) => m.config.role === 'traffic');
  const staleRows = Math.floor(rules.stale_after_seconds / 60);
  const lastKnown = new Float64Array(metrics.length).fill(Number.NEGATIVE_INFINITY);
  const low = traffic === undefined ? undefined : slidingMin(traffic.baseline.expected, rules.traffic_tolerance_minutes);
  const calls = traffic?.values;
  const callsAt = (i: number): number => (calls === undefined ? Number.NaN : calls[i]!);
  // The coarsest row span of any metric per minute: a row known only at its end is judged there, once.
  const span = new Uint16Array(length).fill(1);
  // Stryker disable next-line BooleanLiteral: starting true only allocates the row-end flags; every minute of span 1 is judged either way.
  let coarse = false;
  for (const m of metrics) {
    if (m.span === undefined) continue;
    for (let i = 0; i < length; i++) if (m.span[i]! > span[i]!) span[i] = m.span[i]!;
  }
  for (let i = 0; i < length && !coarse; i++) coarse = span[i]! > 1;
  // Per minute, 1 where a row of that coarsest span ends (any metric's; its own flag, or the aligned stamp without one).
  const ends = coarse ? new Uint8Array(length) : undefined;
  if (ends !== undefined) {
    for (const m of metrics) {
      const own = m.span;
      const flags = m.rowEnds;
      for (let i = 0; i < length; i++) {
        const s = span[i]!;
        if (s <= 1 || ends[i] === 1 || (own === undefined ? 1 : own[i]!) !== s) continue;
        if (flags !== undefined ? flags[i] === 1 : (startMinute + i) % s === 0) ends[i] = 1;
      }
    }
  }

  // Plain loops over arrays (no closures per minute): this runs for every minute of ~4 months.
  const count = metrics.length;
  const series = metrics.map((m) => m.values);
  const keys = metrics.map((m) => m.config.key);
  const isLatency = metrics.map((m) => m.config.role === 'latency');
  const trafficIndex = traffic === undefined ? -1 : metrics.indexOf(traffic);
  let previousMissing: string[] | undefined;
  // Each metric's judge looked up once (not per minute).
  const judges = metrics.map((m) => ROLES[m.config.role].judge);
  // Per metric, a slot the role keeps across minutes (the error ratio of the row before, traffic seen).
  const memory = new Float64Array(count).fill(Number.NaN);
  let decideAt = 0;
  const ctx: MinuteContext = {
    i: 0,
    rules,
    traffic,
    calls: Number.NaN,
    low,
    rowSpan: 1,
    add,
    decide: (level) => {
      if (level > decisive[decideAt]!) decisive[decideAt] = level;
    },
    // Stryker disable next-line BooleanLiteral: reset to false before every judged minute and read only after the traffic judge ran.
    noEvidence: false,
  };
  for (let i = 0; i < length; i++) {
    // Freshness first: a required metric without data for longer than the stale limit makes the minute unknown.
    let anyKnown = false;
    for (let k = 0; k < count; k++) {
      const v = series[k]![i]!;
      if (v === v && v !== Infinity && v !== -Infinity) {
        lastKnown[k] = i;
        anyKnown = true;
      }
    }
    let missing: string[] | undefined;
    let nMissing = 0;
    for (let k = 0; k < count; k++) {
      if (i - lastKnown[k]! <= staleRows) continue;
      // No calls, no response time: latency may be missing while traffic is below the latency guard
      // or collapsed (calls below traffic_outage_ratio of the expectation).
      if (isLatency[k] === true && trafficIndex >= 0 && lastKnown[trafficIndex]! >= i - staleRows) {
        const c = callsAt(i);
        if (!Number.isFinite(c) || c < rules.latency_min_calls_per_minute) continue;
        if (low !== undefined && c < rules.traffic_outage_ratio * low[i]!) continue;
        // One input without calls (silentInput) has no response time either; its siblings' is judged.
        if (traffic !== undefined && (traffic.files ?? 1) >= 2 && traffic.fileMin !== undefined && traffic.fileMin[i]! <= 0) continue;
      }
      // The same metrics missing as the minute before (a long gap): share that minute's list.
      if (missing === undefined && previousMissing !== undefined && previousMissing[nMissing] === keys[k]) {
        nMissing++;
        continue;
      }
      if (missing === undefined) missing = previousMissing === undefined ? [] : previousMissing.slice(0, nMissing);
      missing.push(keys[k]!);
    }
    if (missing === undefined && nMissing > 0) missing = nMissing === previousMissing!.length ? previousMissing : previousMissing!.slice(0, nMissing);
    previousMissing = missing;
    if (missing !== undefined) {
      severity[i] = STALE;
      position[i] = Number.NaN;
      staleMetrics.set(i, missing);
      continue;
    }
    // A coarse row (5 min, 1 h) is known only at its end: its inner minutes wait, the row is judged once there.
    const rowSpan = span[i]!;
    if (!anyKnown || (rowSpan > 1 && ends![i] !== 1)) {
      severity[i] = HOLD;
      // A gap holds the level (dwell), so it holds the score too.
      position[i] = i > 0 ? position[i - 1]! : 0;
      continue;
    }
    weight[i] = rowSpan;
    ctx.i = i;
    ctx.calls = callsAt(i);
    ctx.rowSpan = rowSpan;
    ctx.noEvidence = false;
    decideAt = i;
    let x = 0;
    // Traffic first: no calls without a usable history makes the whole minute unknown.
    if (trafficIndex >= 0 && Number.isFinite(ctx.calls)) {
      const t = ROLES.traffic.judge(traffic!, ctx.calls, ctx, memory, trafficIndex);
      if (ctx.noEvidence) {
        severity[i] = NO_EVIDENCE;
        position[i] = Number.NaN;
        continue;
      }
      x = t;
    }
    for (let k = 0; k < count; k++) {
      if (k === trafficIndex) continue;
      const m = metrics[k]!;
      const v = series[k]![i]!;
      if (v !== v || v === Infinity || v === -Infinity) {
        memory[k] = Number.NaN;
        continue;
      }
      const p = judges[k]!(m, v, ctx, memory, k);
      if (p > x) x = p;
    }
    position[i] = x;
  }
  return { severity, weight, decisive, position, findings, staleMetrics };
}

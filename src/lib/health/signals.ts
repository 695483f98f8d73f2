/**
 * Per-minute signals: for each minute, the worst level the data points to on its own (before
 * dwell), with the findings behind it. Thresholds are the rules; this file only applies them.
 */
import type { Level } from '../levels';
import type { MetricConfig, Rules } from '../config/schema';
import { slidingMin, type Baseline } from './baseline';
import { backlogPosition, errorPosition, latencyPosition, trafficPosition } from './score';

/** A metric's per-minute values on the grid with its baseline. */
export interface MetricSeries {
  config: MetricConfig;
  values: Float64Array;
  baseline: Baseline;
  /** Minutes of the RRA row behind each value (1 or absent = minute rows; 0 = unknown). */
  span?: Uint16Array;
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

/**
 * An error row more than this many times the row before it, when that row was already bad, is the
 * edge of a spike rather than a plateau: rrdtool spreads a one-minute failure burst over two or
 * three rows (the collector's delay), so it only counts once the next row confirms it.
 */
export const ERROR_SPIKE_FACTOR = 2;
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
    const last = this.keys.length - 1;
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
  // Row i is stamped gridStart + 60 i; a coarse row of S minutes ends on a stamp that is a multiple of S minutes.
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
  const w = rules.traffic_window_minutes;
  const calls = traffic?.values;
  const callsAt = (i: number): number => (calls === undefined ? Number.NaN : calls[i]!);
  // The coarsest row span of any metric per minute: a row known only at its end is judged there, once.
  const span = new Uint16Array(length).fill(1);
  for (const m of metrics) {
    if (m.span === undefined) continue;
    for (let i = 0; i < length; i++) if (m.span[i]! > span[i]!) span[i] = m.span[i]!;
  }
  const prevErrorRatio = new Float64Array(metrics.length).fill(Number.NaN);
  let trafficSeen = false;

  // Plain loops over arrays (no closures per minute): this runs for every minute of ~4 months.
  const count = metrics.length;
  const series = metrics.map((m) => m.values);
  const keys = metrics.map((m) => m.config.key);
  const isLatency = metrics.map((m) => m.config.role === 'latency');
  const trafficIndex = traffic === undefined ? -1 : metrics.indexOf(traffic);
  let previousMissing: string[] | undefined;
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
    if (!anyKnown || (rowSpan > 1 && (startMinute + i) % rowSpan !== 0)) {
      severity[i] = HOLD;
      // A gap holds the level (dwell), so it holds the score too.
      position[i] = i > 0 ? position[i - 1]! : 0;
      continue;
    }
    weight[i] = rowSpan;
    let x = 0;

    if (traffic !== undefined && low !== undefined && calls !== undefined) {
      const c = calls[i]!;
      if (Number.isFinite(c) && c > 0) trafficSeen = true;
      // The expectation a row is compared with is the mean over the row's own minutes (its resolution).
      const e = rowSpan > 1 ? meanOver(low, i - rowSpan + 1, i) : low[i]!;
      // Green needs positive evidence: no calls where no usable history exists is unknown.
      if (Number.isFinite(c) && c <= 0 && (!trafficSeen || !Number.isFinite(traffic.baseline.expected[i]!))) {
        severity[i] = NO_EVIDENCE;
        position[i] = Number.NaN;
        continue;
      }
      if (Number.isFinite(e) && e >= rules.traffic_min_expected_per_minute && Number.isFinite(c)) {
        const expected = traffic.baseline.expected[i]!;
        let sumC = 0;
        let sumE = 0;
        let n = 0;
        for (let j = Math.max(0, i - w + 1); j <= i; j++) {
          if (Number.isFinite(calls[j]) && Number.isFinite(low[j])) {
            sumC += calls[j]!;
            sumE += low[j]!;
            n++;
          }
        }
        const windowJudged = n >= Math.ceil(w / 2) && sumE > 0;
        if (c < rules.traffic_outage_ratio * e) {
          add(i, { kind: 'traffic_low', level: 'major_outage', metric: traffic.config.key, value: c, expected });
          if (c <= rules.traffic_decisive_ratio * e) decisive[i] = 3;
        } else if (windowJudged && sumC < rules.traffic_degraded_ratio * sumE) {
          add(i, { kind: 'traffic_low', level: 'degraded', metric: traffic.config.key, value: sumC / n, expected });
        } else if (windowJudged) {
          x = Math.max(x, silentInput(traffic, i, c, e, expected, rules, add));
        }
        x = Math.max(x, trafficPosition(c / e, windowJudged ? sumC / sumE : Number.NaN, rules));
      }
    }

    for (let k = 0; k < count; k++) {
      const m = metrics[k]!;
      const v = m.values[i]!;
      if (!Number.isFinite(v)) {
        if (m.config.role === 'errors') prevErrorRatio[k] = Number.NaN;
        continue;
      }
      const key = m.config.key;
      switch (m.config.role) {
        case 'errors': {
          const c = callsAt(i);
          if (!Number.isFinite(c) || c < rules.error_min_calls_per_minute) {
            prevErrorRatio[k] = Number.NaN;
            break;
          }
          const ratio = Math.min(1, v / c);
          const before = prevErrorRatio[k]!;
          prevErrorRatio[k] = ratio;
          const ec = traffic?.baseline.expected[i] ?? Number.NaN;
          const normal = Number.isFinite(ec) && ec > 0 ? m.baseline.expected[i]! / ec : Number.NaN;
          // A handful of failures (a sporadic blip, smeared over two rows) is not an incident at any ratio.
          if (v - (Number.isFinite(normal) ? normal * c : 0) < rules.error_min_failed_per_minute) break;
          x = Math.max(x, errorPosition(ratio, rules));
          if (ratio >= rules.error_decisive_ratio && c >= rules.error_decisive_min_calls_per_minute) decisive[i] = Math.max(decisive[i]!, 2);
          // The peak row of a one-minute burst (its neighbours carry its smear) counts only once confirmed.
          else if (before >= rules.error_ratio_degraded && ratio > ERROR_SPIKE_FACTOR * before) break;
          if (ratio >= rules.error_ratio_outage) add(i, { kind: 'errors_high', level: 'partial_outage', metric: key, ratio, normal });
          else if (ratio >= rules.error_ratio_degraded) add(i, { kind: 'errors_high', level: 'degraded', metric: key, ratio, normal });
          break;
        }
        case 'latency': {
          // Volume guard: a p95 over a handful of calls is one slow call, not a tail.
          if (trafficIndex >= 0 && !(callsAt(i) >= rules.latency_min_calls_per_minute)) break;
          const expected = m.baseline.expected[i]!;
          x = Math.max(x, latencyPosition(v, expected, rules));
          if (v > rules.latency_limit_ms) {
            add(i, { kind: 'latency_high', level: 'degraded', metric: key, value: v, expected, limit: rules.latency_limit_ms });
          } else if (Number.isFinite(expected) && v > rules.latency_factor_degraded * expected) {
            add(i, { kind: 'latency_high', level: 'degraded', metric: key, value: v, expected, limit: null });
          }
          break;
        }
        case 'backlog': {
          // Volume guard: backlogs below backlog_min_messages are never judged (the messages are the volume).
          const expected = m.baseline.expected[i]!;
          const usual = Number.isFinite(expected) ? expected : 0;
          if (v > rules.backlog_degraded_above || (v > rules.backlog_min_messages && v > rules.backlog_factor_degraded * usual)) {
            add(i, { kind: 'backlog_high', level: 'degraded', metric: key, value: v, expected: usual });
            x = Math.max(x, backlogPosition(v, usual, false, rules));
          } else if (isGrowing(m.values, i, rules.backlog_growing_minutes, rules.backlog_min_messages)) {
            add(i, { kind: 'backlog_growing', level: 'degraded', metric: key, value: v, minutes: rules.backlog_growing_minutes });
            x = Math.max(x, backlogPosition(v, usual, true, rules));
          } else x = Math.max(x, backlogPosition(v, usual, false, rules));
          break;
        }
        default:
          break;
      }
    }
    position[i] = x;
  }
  return { severity, weight, decisive, position, findings, staleMetrics };
}

/** Mean of the finite values in [from, to] (NaN when none). */
function meanOver(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let j = Math.max(0, from); j <= to; j++) {
    const v = values[j]!;
    if (v === v) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}

/**
 * One input of a summed traffic metric (a node, a hub) reports no calls while the others carry
 * theirs, and the service as a whole lacks calls: that input's share is lost. The lost share q is
 * judged like a failed share (error_ratio_degraded / _outage). Returns the position (errorPosition).
 */
function silentInput(traffic: MetricSeries, i: number, c: number, e: number, expected: number, rules: Rules, add: (i: number, f: Finding) => void): number {
  const files = traffic.files ?? 1;
  const fileMin = traffic.fileMin?.[i];
  if (traffic.config.combine !== 'sum' || files < 2 || fileMin === undefined || !(fileMin <= 0)) return 0;
  // Volume guard: an input is expected to carry at least traffic_min_expected_per_minute (an even share),
  // so a minute without calls on it is not chance; and the others must be answering (half their share each).
  if (e / files < rules.traffic_min_expected_per_minute) return 0;
  if (c / (files - 1) < (0.5 * e) / files) return 0;
  // The lost share of this minute against the plain expectation (the input's silence is the evidence).
  const plain = traffic.baseline.expected[i]!;
  if (!(plain > 0)) return 0;
  const lost = 1 - c / plain;
  // Calls must be missing: at least half a silent input's share (a drained node whose calls went elsewhere is fine).
  if (lost < 0.5 / files || lost < rules.error_ratio_degraded) return 0;
  const level: Level = lost >= rules.error_ratio_outage ? 'partial_outage' : 'degraded';
  add(i, { kind: 'input_silent', level, metric: traffic.config.key, files, value: c, expected });
  return errorPosition(lost, rules);
}

/**
 * True when the backlog rose by more than `minRise` over the last `minutes` and did so steadily
 * (every quarter of the span higher than the one before), not one noisy jump.
 */
export function isGrowing(values: Float64Array, i: number, minutes: number, minRise: number): boolean {
  if (i < minutes) return false;
  let prev = Number.NEGATIVE_INFINITY;
  for (let q = 0; q <= 4; q++) {
    const v = values[i - minutes + Math.round((q * minutes) / 4)]!;
    if (!Number.isFinite(v) || v <= prev) return false;
    prev = v;
  }
  return values[i]! - values[i - minutes]! > minRise;
}

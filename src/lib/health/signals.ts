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
}

/** Why a minute is not green: one signal crossing one threshold, with the numbers. */
export type Finding =
  | { kind: 'traffic_low'; level: Level; metric: string; value: number; expected: number }
  | { kind: 'errors_high'; level: Level; metric: string; ratio: number; normal: number }
  | { kind: 'latency_high'; level: Level; metric: string; value: number; expected: number; limit: number | null }
  | { kind: 'backlog_high'; level: Level; metric: string; value: number; expected: number }
  | { kind: 'backlog_growing'; level: Level; metric: string; value: number; minutes: number };

/** Candidate severity per minute: 0 green, 1 degraded, 2 partial outage, 3 major outage; -1 no data (hold); -2 stale. */
export const HOLD = -1;
export const STALE = -2;
export const SEVERITY_LEVELS: readonly Level[] = ['operational', 'degraded', 'partial_outage', 'major_outage'];

export interface Signals {
  severity: Int8Array;
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
export function computeSignals(metrics: readonly MetricSeries[], rules: Rules, length: number): Signals {
  const severity = new Int8Array(length);
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
      // No calls, no response time: latency may be missing while traffic is (near) zero.
      if (isLatency[k] === true && trafficIndex >= 0 && lastKnown[trafficIndex]! >= i - staleRows) {
        const c = callsAt(i);
        if (!Number.isFinite(c) || c < rules.error_min_calls_per_minute) continue;
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
    if (!anyKnown) {
      severity[i] = HOLD;
      // A gap holds the level (dwell), so it holds the score too.
      position[i] = i > 0 ? position[i - 1]! : 0;
      continue;
    }
    let x = 0;

    if (traffic !== undefined && low !== undefined && calls !== undefined) {
      const e = low[i]!;
      const c = calls[i]!;
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
        } else if (windowJudged && sumC < rules.traffic_degraded_ratio * sumE) {
          add(i, { kind: 'traffic_low', level: 'degraded', metric: traffic.config.key, value: sumC / n, expected });
        }
        x = Math.max(x, trafficPosition(c / e, windowJudged ? sumC / sumE : Number.NaN, rules));
      }
    }

    for (const m of metrics) {
      const v = m.values[i]!;
      if (!Number.isFinite(v)) continue;
      const key = m.config.key;
      switch (m.config.role) {
        case 'errors': {
          const c = callsAt(i);
          if (!Number.isFinite(c) || c < rules.error_min_calls_per_minute) break;
          const ratio = Math.min(1, v / c);
          const ec = traffic?.baseline.expected[i] ?? Number.NaN;
          const normal = Number.isFinite(ec) && ec > 0 ? m.baseline.expected[i]! / ec : Number.NaN;
          // A handful of failures (a sporadic blip, smeared over two rows) is not an incident at any ratio.
          if (v - (Number.isFinite(normal) ? normal * c : 0) < rules.error_min_failed_per_minute) break;
          x = Math.max(x, errorPosition(ratio, rules));
          if (ratio >= rules.error_ratio_outage) add(i, { kind: 'errors_high', level: 'partial_outage', metric: key, ratio, normal });
          else if (ratio >= rules.error_ratio_degraded) add(i, { kind: 'errors_high', level: 'degraded', metric: key, ratio, normal });
          break;
        }
        case 'latency': {
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
  return { severity, position, findings, staleMetrics };
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

/**
 * The continuous health score (0–100) of a minute. Each signal gives a *position* on one scale
 * whose whole numbers are the rule thresholds: 0 = usual, 1 = degraded threshold, 2 = partial
 * outage threshold, 3 = major outage threshold, 4 = nothing left. The minute's position is the worst
 * signal's; the score places it inside the band of the level shown (after dwell), so a score never
 * contradicts its level:
 *
 *   operational 100–90, degraded 89–50, partial outage 49–20, major outage 19–0;
 *   score = top − round((top − bottom) × clamp(position − band index, 0, 1)).
 *
 * Every position is monotone: a worse signal never gives a higher score at the same level.
 */
import type { Level } from '../levels';
import type { Rules } from '../config/schema';

/** Score band per level: [bottom, top] (integers, inclusive). Unknown and maintenance have no score. */
export const SCORE_BANDS: Readonly<Record<'operational' | 'degraded' | 'partial_outage' | 'major_outage', readonly [number, number]>> = {
  operational: [90, 100],
  degraded: [50, 89],
  partial_outage: [20, 49],
  major_outage: [0, 19],
};

// Per level, by Level string: band index, bottom and top (plain lookups: this runs for every minute).
const BAND_INDEX: Readonly<Record<string, number>> = { operational: 0, degraded: 1, partial_outage: 2, major_outage: 3 };
const BOTTOM: Readonly<Record<string, number>> = { operational: 90, degraded: 50, partial_outage: 20, major_outage: 0 };
const TOP: Readonly<Record<string, number>> = { operational: 100, degraded: 89, partial_outage: 49, major_outage: 19 };

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The score of a minute shown at `level` whose worst signal stands at `position`; NaN when unknown or in maintenance. */
export function scoreFor(level: Level, position: number): number {
  const top = TOP[level];
  if (top === undefined) return Number.NaN;
  const p = position === position ? clamp01(position - BAND_INDEX[level]!) : 0;
  return top - Math.round((top - BOTTOM[level]!) * p);
}

/**
 * Traffic: from the ratio of calls to the (tolerant) expectation. The window ratio (calls summed over
 * `traffic_window_minutes`, as the degraded rule judges) gives 0..2: 1 at `traffic_degraded_ratio`,
 * 2 at `traffic_outage_ratio`; the minute's own ratio below `traffic_outage_ratio` gives 3..4
 * (4 = no calls at all). NaN ratios (not judged) give 0.
 */
export function trafficPosition(minuteRatio: number, windowRatio: number, rules: Rules): number {
  const d = rules.traffic_degraded_ratio;
  const o = rules.traffic_outage_ratio;
  let x = 0;
  if (Number.isFinite(windowRatio) && windowRatio < 1) {
    x = windowRatio >= d ? (1 - windowRatio) / (1 - d) : 1 + clamp01((d - windowRatio) / (d - o));
  }
  if (Number.isFinite(minuteRatio) && minuteRatio < o) x = Math.max(x, 3 + clamp01((o - minuteRatio) / o));
  return x;
}

/**
 * Errors: from the failed share of calls (0..1), only when the error rule judges the minute (enough
 * calls and failures above the usual; else 0). 0..1 up to `error_ratio_degraded`, 1..2 up to
 * `error_ratio_outage`, 2..3 up to every call failing. Errors alone never reach a major outage.
 */
export function errorPosition(ratio: number, rules: Rules): number {
  if (!Number.isFinite(ratio) || ratio <= 0) return 0;
  const d = rules.error_ratio_degraded;
  const o = rules.error_ratio_outage;
  if (ratio < d) return ratio / d;
  if (ratio < o) return 1 + (ratio - d) / (o - d);
  return 2 + clamp01((ratio - o) / (1 - o));
}

/**
 * Latency: the threshold is the lower of `latency_limit_ms` and `latency_factor_degraded` × usual.
 * 0 at the usual value (or 0 ms when none), 1 at the threshold, 2 at twice the threshold (the floor
 * of the degraded band: latency alone never makes an outage).
 */
export function latencyPosition(value: number, usual: number, rules: Rules): number {
  if (!Number.isFinite(value)) return 0;
  const base = Number.isFinite(usual) && usual > 0 ? usual : 0;
  const threshold = Math.min(rules.latency_limit_ms, base > 0 ? rules.latency_factor_degraded * base : Number.POSITIVE_INFINITY);
  if (value <= threshold) return threshold > base ? clamp01((value - base) / (threshold - base)) : 0;
  return 1 + clamp01((value - threshold) / threshold);
}

/**
 * Backlog: the threshold is the lower of `backlog_degraded_above` and the larger of
 * `backlog_min_messages` and `backlog_factor_degraded` × usual. 0 at the usual level, 1 at the
 * threshold, then one step per order of magnitude above it (2 = ten times the threshold, the floor
 * of the degraded band: a backlog alone never makes an outage). A steadily growing backlog is at least 1.
 */
export function backlogPosition(value: number, usual: number, growing: boolean, rules: Rules): number {
  if (!Number.isFinite(value)) return growing ? 1 : 0;
  const base = Number.isFinite(usual) && usual > 0 ? usual : 0;
  const threshold = Math.min(rules.backlog_degraded_above, Math.max(rules.backlog_min_messages, rules.backlog_factor_degraded * base));
  let x: number;
  if (value <= threshold) x = threshold > base ? clamp01((value - base) / (threshold - base)) : 0;
  else x = 1 + clamp01(Math.log10(value / threshold));
  return growing ? Math.max(1, x) : x;
}

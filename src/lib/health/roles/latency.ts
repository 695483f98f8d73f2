/**
 * Latency (p95 or any response time): degraded above the lower of `latency_limit_ms` and
 * `latency_factor_degraded` × its usual value; never more than degraded. Guard: judged only with at
 * least `latency_min_calls_per_minute` calls (a p95 of one call is that call), when there is traffic.
 */
import type { Rules } from '../../config/rules';
import type { RoleModule, ThresholdTable } from './role';

/** The latency threshold T for a usual value: the lower of `latency_limit_ms` and `latency_factor_degraded` × usual. */
export function latencyThreshold(usual: number, rules: Rules): number {
  const base = Number.isFinite(usual) && usual > 0 ? usual : 0;
  return Math.min(rules.latency_limit_ms, base > 0 ? rules.latency_factor_degraded * base : Number.POSITIVE_INFINITY);
}

/** The threshold table of a latency whose usual value is `usual`: the threshold T and 2 T (the floor of the degraded band). */
export function latencyTable(usual: number, rules: Rules): ThresholdTable {
  const base = Number.isFinite(usual) && usual > 0 ? usual : 0;
  const threshold = latencyThreshold(usual, rules);
  return {
    points: threshold > base ? [[base, 0], [threshold, 1], [2 * threshold, 2]] : [[threshold, 0], [2 * threshold, 2]],
    levels: [{ at: threshold, level: 'degraded', strict: true }],
  };
}

/**
 * Position of a latency on the score scale: 0 at the usual value, 1 at the threshold, 2 at twice it
 * (latencyTable's points, computed without building the table: this runs every minute).
 */
export function latencyPosition(value: number, usual: number, rules: Rules): number {
  if (!Number.isFinite(value)) return 0;
  const base = Number.isFinite(usual) && usual > 0 ? usual : 0;
  const t = latencyThreshold(usual, rules);
  if (value > t) return 1 + Math.min(1, (value - t) / t);
  return t > base ? Math.min(1, Math.max(0, (value - base) / (t - base))) : 0;
}

export const latency: RoleModule = {
  ruleKeys: ['latency_factor_degraded', 'latency_limit_ms', 'latency_min_calls_per_minute'],
  unit: 'ms',
  baseline: { quantile: 0.5, widen: 'up' },
  chart: 'mean',
  judge(m, v, ctx) {
    const { rules, i } = ctx;
    // Volume guard: a p95 over a handful of calls is one slow call, not a tail.
    if (ctx.traffic !== undefined && !(ctx.calls >= rules.latency_min_calls_per_minute)) return 0;
    const expected = m.baseline.expected[i]!;
    if (v > latencyThreshold(expected, rules)) {
      ctx.add(i, { kind: 'latency_high', level: 'degraded', metric: m.config.key, value: v, expected, limit: v > rules.latency_limit_ms ? rules.latency_limit_ms : null });
    }
    return latencyPosition(v, expected, rules);
  },
};

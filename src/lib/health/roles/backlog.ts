/**
 * Backlog (messages waiting): degraded above the lower of `backlog_degraded_above` and the larger
 * of `backlog_min_messages` and `backlog_factor_degraded` × its usual level, or when growing
 * steadily for `backlog_growing_minutes`; never more than degraded (the service still answers).
 * Guard: the messages are the volume — a backlog below `backlog_min_messages` is never judged
 * against its usual level, and growth must exceed it.
 */
import type { Rules } from '../../config/rules';
import type { RoleModule } from './role';

/** The backlog threshold for a usual level `usual` (one number for the level and the position). */
export function backlogThreshold(usual: number, rules: Rules): number {
  const base = Number.isFinite(usual) && usual > 0 ? usual : 0;
  return Math.min(rules.backlog_degraded_above, Math.max(rules.backlog_min_messages, rules.backlog_factor_degraded * base));
}

/**
 * Position of a backlog: 0 at the usual level, 1 at the threshold, then one step per order of
 * magnitude above it (2 = ten times the threshold, the floor of the degraded band). Growing: at least 1.
 */
export function backlogPosition(value: number, usual: number, growing: boolean, rules: Rules): number {
  if (!Number.isFinite(value)) return growing ? 1 : 0;
  const base = Number.isFinite(usual) && usual > 0 ? usual : 0;
  const threshold = backlogThreshold(usual, rules);
  let x: number;
  if (value <= threshold) x = threshold > base ? Math.min(1, Math.max(0, (value - base) / (threshold - base))) : 0;
  else x = 1 + Math.min(1, Math.max(0, Math.log10(value / threshold)));
  return growing ? Math.max(1, x) : x;
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

export const backlog: RoleModule = {
  ruleKeys: ['backlog_degraded_above', 'backlog_factor_degraded', 'backlog_min_messages', 'backlog_growing_minutes'],
  unit: 'messages',
  baseline: { quantile: 0.5, widen: 'up' },
  chart: 'max',
  judge(m, v, ctx) {
    const { rules, i } = ctx;
    const expected = m.baseline.expected[i]!;
    const usual = Number.isFinite(expected) ? expected : 0;
    const key = m.config.key;
    if (v > backlogThreshold(usual, rules)) {
      ctx.add(i, { kind: 'backlog_high', level: 'degraded', metric: key, value: v, expected: usual });
      return backlogPosition(v, usual, false, rules);
    }
    if (isGrowing(m.values, i, rules.backlog_growing_minutes, rules.backlog_min_messages)) {
      ctx.add(i, { kind: 'backlog_growing', level: 'degraded', metric: key, value: v, minutes: rules.backlog_growing_minutes });
      return backlogPosition(v, usual, true, rules);
    }
    return backlogPosition(v, usual, false, rules);
  },
};

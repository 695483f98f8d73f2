/**
 * Errors: the failed share of calls. Degraded from `error_ratio_degraded`, partial outage from
 * `error_ratio_outage` (errors alone never make a major outage). Guard: judged only with at least
 * `error_min_calls_per_minute` calls and `error_min_failed_per_minute` failed calls above the usual.
 * Decisive: `error_decisive_ratio` of at least `error_decisive_min_calls_per_minute` calls.
 */
import type { Rules } from '../../config/rules';
import { levelOn, positionOn, type RoleModule, type ThresholdTable } from './role';

/**
 * An error row more than this many times the row before it, when that row was already bad, is the
 * edge of a spike rather than a plateau: rrdtool spreads a one-minute failure burst over two or
 * three rows (the collector's delay), so it only counts once the next row confirms it.
 */
export const ERROR_SPIKE_FACTOR = 2;

const tables = new WeakMap<Rules, ThresholdTable>();

/** The one threshold table of the error ratio: levels and score positions from the same numbers (one per rules object). */
export function errorTable(rules: Rules): ThresholdTable {
  const known = tables.get(rules);
  if (known !== undefined) return known;
  const table = buildErrorTable(rules);
  tables.set(rules, table);
  return table;
}

function buildErrorTable(rules: Rules): ThresholdTable {
  const d = rules.error_ratio_degraded;
  const o = rules.error_ratio_outage;
  return {
    points: [
      [0, 0],
      [d, 1],
      [o, 2],
      [1, 3],
    ],
    levels: [
      { at: d, level: 'degraded' },
      { at: o, level: 'partial_outage' },
    ],
  };
}

/** Position of a failed share (0..1) on the score scale; 0 for no or unknown failures. */
export function errorPosition(ratio: number, rules: Rules): number {
  if (!Number.isFinite(ratio) || ratio <= 0) return 0;
  return positionOn(errorTable(rules), Math.min(1, ratio));
}

export const errors: RoleModule = {
  ruleKeys: ['error_ratio_degraded', 'error_ratio_outage', 'error_min_calls_per_minute', 'error_min_failed_per_minute', 'error_decisive_ratio', 'error_decisive_min_calls_per_minute'],
  unit: '%',
  baseline: { quantile: 0.5, widen: 'up' },
  chart: 'error_percent',
  judge(m, v, ctx, memory, k) {
    const { rules, i, calls: c, traffic } = ctx;
    const before = memory[k]!;
    if (!Number.isFinite(c) || c < rules.error_min_calls_per_minute) {
      memory[k] = Number.NaN;
      return 0;
    }
    const ratio = Math.min(1, v / c);
    memory[k] = ratio;
    const ec = traffic?.baseline.expected[i] ?? Number.NaN;
    const normal = Number.isFinite(ec) && ec > 0 ? m.baseline.expected[i]! / ec : Number.NaN;
    // A handful of failures (a sporadic blip, smeared over two rows) is not an incident at any ratio.
    if (v - (Number.isFinite(normal) ? normal * c : 0) < rules.error_min_failed_per_minute) return 0;
    const table = errorTable(rules);
    const x = positionOn(table, ratio);
    if (ratio >= rules.error_decisive_ratio && c >= rules.error_decisive_min_calls_per_minute) ctx.decide(2);
    // The peak row of a one-minute burst (its neighbours carry its smear) counts only once confirmed.
    else if (before >= rules.error_ratio_degraded && ratio > ERROR_SPIKE_FACTOR * before) return x;
    const level = levelOn(table, ratio);
    if (level !== undefined) ctx.add(i, { kind: 'errors_high', level, metric: m.config.key, ratio, normal });
    return x;
  },
};

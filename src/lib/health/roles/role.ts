/**
 * What a metric role is, in one place: its rule keys, how it is judged each minute (one threshold
 * table giving both the level and the score position), its volume guard, its unit, its baseline
 * quantile and its chart aggregation. `ROLES` (index.ts) lists one module per role; the compiler
 * refuses a role of METRIC_ROLES without one.
 */
import type { Rules } from '../../config/rules';
import type { Level } from '../../levels';
import type { Finding, MetricSeries } from '../signals';

/** What a role sees of one minute (one object reused for every minute: no allocation in the loop). */
export interface MinuteContext {
  i: number;
  rules: Rules;
  /** The service's traffic metric, when it has one. */
  traffic: MetricSeries | undefined;
  /** Calls this minute (NaN without a traffic metric or without data). */
  calls: number;
  /** The traffic's tolerant expectation (lowest within ± traffic_tolerance_minutes), when there is traffic. */
  low: Float64Array | undefined;
  /** Minutes of the row judged (a coarse row is judged once, at its end). */
  rowSpan: number;
  /** Records a finding (it raises the minute's severity). */
  add: (i: number, f: Finding) => void;
  /** Marks the minute decisive at a severity (shown at once, without dwell). */
  decide: (severity: number) => void;
  /** Set by the traffic role: no calls and no usable history, so the minute is unknown. */
  noEvidence: boolean;
}

/** How a role's values are aggregated into a chart bucket. */
export type ChartAggregation = 'mean' | 'max' | 'error_percent';

/** One metric role. */
export interface RoleModule {
  /** The rule keys this role owns (documentation, validation tables, tests). */
  ruleKeys: readonly (keyof Rules)[];
  /** Unit of the values the engine works in and charts show. */
  unit: string;
  /** The quantile of past days taken as expected, and the side a coarse past row is reshaped towards (baseline.ts). */
  baseline: { quantile: number; widen: 'down' | 'up' };
  chart: ChartAggregation;
  /**
   * Judges metric `m` (value `v`, finite) at minute `ctx.i`; `memory[k]` is the metric's own slot
   * kept across minutes. Returns the minute's position on the score scale (score.ts).
   */
  judge(m: MetricSeries, v: number, ctx: MinuteContext, memory: Float64Array, k: number): number;
}

/** A threshold table: ascending value → position points; the level is the number of `levels` thresholds reached. */
export interface ThresholdTable {
  /** (value, position) points, values ascending; positions between points are linear, clamped at the ends. */
  points: readonly (readonly [number, number])[];
  /** The thresholds whose crossing raises the level by one, ascending, with the level reached. */
  levels: readonly { at: number; level: Level; strict?: boolean }[];
}

/** The position of `v` on the table's scale (linear between points, clamped to the first and last). */
export function positionOn(table: ThresholdTable, v: number): number {
  const p = table.points;
  if (!(v === v) || p.length === 0) return 0;
  if (v <= p[0]![0]) return p[0]![1];
  for (let j = 1; j < p.length; j++) {
    const [x1, y1] = p[j]!;
    if (v <= x1) {
      const [x0, y0] = p[j - 1]!;
      return x1 > x0 ? y0 + ((y1 - y0) * (v - x0)) / (x1 - x0) : y1;
    }
  }
  return p[p.length - 1]![1];
}

/** The highest level of the table `v` reaches, undefined when none. */
export function levelOn(table: ThresholdTable, v: number): Level | undefined {
  let out: Level | undefined;
  for (const t of table.levels) if (t.strict === true ? v > t.at : v >= t.at) out = t.level;
  return out;
}

/**
 * Chart data in uPlot's shape: ascending epoch seconds, one value per bucket, null for unknown,
 * already aggregated (uPlot draws, it does not aggregate). A bucket stamped T covers (T - step, T].
 */
import type { MetricConfig } from '../config/schema';
import type { Chart, ChartLine, Localized, MetricRole } from '../snapshot/schema';
import { rowTime, type Grid } from '../health/grid';
import { ROLES } from '../health/roles';
import type { MetricSeries } from '../health/signals';
import { metricLabels, ROLE_WORDS } from '../health/wording';

/** How the minutes of a bucket become one value. */
type Aggregate = 'mean' | 'max' | 'min';

/** Display unit per role (what the numbers on the axis mean). */
export const ROLE_UNIT: Record<MetricRole, string> = {
  traffic: 'calls/min',
  errors: '%',
  latency: 'ms',
  backlog: 'messages',
  freshness: 's',
};

/** Default public labels per role when the config gives none (every language). */
export const ROLE_LABEL: Record<MetricRole, Localized> = ROLE_WORDS;

/**
 * Buckets of `step` seconds ending at multiples of step, covering the last `span` seconds up to the
 * grid end. When the grid ends inside a bucket, that last, partial bucket is stamped at the grid end
 * (not dropped): the newest minutes — an incident that started ten minutes ago — must show on the
 * 7-day and 90-day charts too.
 */
function buckets(grid: Grid, span: number, step: number): { timestamps: number[]; first: number } {
  const last = rowTime(grid, grid.length - 1);
  const end = Math.floor(last / step) * step;
  const first = end - span + step;
  const timestamps: number[] = [];
  for (let t = first; t <= end; t += step) timestamps.push(t);
  if (last > end) timestamps.push(last);
  return { timestamps, first };
}

/** Aggregates a per-minute series into the buckets; null where no minute is known. Bucket k covers (timestamps[k-1], timestamps[k]]. */
export function aggregate(values: Float64Array, grid: Grid, timestamps: readonly number[], step: number, how: Aggregate): (number | null)[] {
  return timestamps.map((t, k) => {
    const hi = Math.round((t - grid.start) / 60);
    const previous = k > 0 ? timestamps[k - 1]! : t - step;
    const lo = Math.round((previous - grid.start) / 60) + 1;
    let sum = 0;
    let n = 0;
    let max = Number.NEGATIVE_INFINITY;
    let min = Number.POSITIVE_INFINITY;
    for (let i = Math.max(0, lo); i <= Math.min(grid.length - 1, hi); i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      sum += v;
      n++;
      if (v > max) max = v;
      if (v < min) min = v;
    }
    if (n === 0) return null;
    return round(how === 'max' ? max : how === 'min' ? min : sum / n);
  });
}

const round = (v: number): number => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100);

/** Error percentage per bucket: sum of errors over sum of calls (not a mean of ratios). */
function errorPercent(errors: Float64Array, calls: Float64Array, grid: Grid, timestamps: readonly number[], step: number): (number | null)[] {
  const e = aggregate(errors, grid, timestamps, step, 'mean');
  const c = aggregate(calls, grid, timestamps, step, 'mean');
  return e.map((v, k) => {
    const cv = c[k];
    return v === null || cv === null || cv === undefined || cv <= 0 ? null : round(Math.min(100, (100 * v) / cv));
  });
}

/**
 * One chart (day, week or quarter) of a service's metrics and, when given, its health score per
 * minute: a bucket's score is its worst minute, so a ten-minute outage still shows on the 90-day chart.
 */
export function buildChart(metrics: readonly MetricSeries[], grid: Grid, span: number, step: number, scores?: Float64Array): Chart {
  const { timestamps } = buckets(grid, span, step);
  const traffic = metrics.find((m) => m.config.role === 'traffic');
  const lines: ChartLine[] = metrics.map((m) => {
    const cfg: MetricConfig = m.config;
    const base = { key: cfg.key, role: cfg.role, label: metricLabels(cfg.label, cfg.role), unit: ROLE_UNIT[cfg.role] };
    if (cfg.role === 'errors' && traffic !== undefined) {
      return { ...base, values: errorPercent(m.values, traffic.values, grid, timestamps, step) };
    }
    const how: Aggregate = ROLES[cfg.role].chart === 'max' ? 'max' : 'mean';
    const line: ChartLine = { ...base, unit: cfg.role === 'errors' ? 'errors/min' : base.unit, values: aggregate(m.values, grid, timestamps, step, how) };
    if (cfg.role === 'traffic') {
      line.expected_lower = aggregate(m.baseline.lower, grid, timestamps, step, 'mean');
      line.expected_upper = aggregate(m.baseline.upper, grid, timestamps, step, 'mean');
    }
    return line;
  });
  const chart: Chart = { step, timestamps, lines };
  if (scores !== undefined) chart.score = aggregate(scores, grid, timestamps, step, 'min');
  return chart;
}

/** The three charts of a service: 24 h at 1 min, 7 days at 5 min, 90 days at 1 h. */
export function serviceCharts(metrics: readonly MetricSeries[], grid: Grid, scores?: Float64Array): { day: Chart; week: Chart; quarter: Chart } {
  return {
    day: buildChart(metrics, grid, 86_400, 60, scores),
    week: buildChart(metrics, grid, 7 * 86_400, 300, scores),
    quarter: buildChart(metrics, grid, 90 * 86_400, 3600, scores),
  };
}

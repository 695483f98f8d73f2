/**
 * All metrics of a service onto the minute grid: per file, per resolution → per minute, clamped,
 * combined. Files that could not be read are passed as null: their share becomes unknown.
 */
import type { Rules, ServiceConfig } from '../config/schema';
import type { Series } from '../rrd/series';
import { clampAbove, columnIndex, combineFiles, fileMinutes, robustMax, unitScale } from './assemble';
import type { MetricValues } from './engine';
import type { Grid } from './grid';

/** What assembly noticed, for the internal report (never the public snapshot). */
export interface AssemblyNote {
  metric: string;
  note: string;
}

/** Per metric (config order), per file: the series read at each resolution, or null when unreadable. */
export type ServiceFiles = (readonly (readonly Series[] | null)[])[];

/** Builds the per-minute metric values of a service from its files. */
export function assembleService(service: ServiceConfig, rules: Rules, grid: Grid, files: ServiceFiles): { metrics: MetricValues[]; notes: AssemblyNote[] } {
  const notes: AssemblyNote[] = [];
  const metrics: MetricValues[] = service.metrics.map((metric, k) => {
    const perMetric = files[k] ?? [];
    const scale = unitScale(metric.unit);
    const isRate = metric.unit === 'per_second' || metric.unit === 'per_minute';
    const perFile = perMetric.map((tiers, f) => {
      if (tiers === null) return new Float64Array(grid.length).fill(Number.NaN);
      const cols = tiers.map((s) => columnIndex(s, metric.ds));
      if (cols.every((c) => c < 0)) notes.push({ metric: metric.key, note: `file ${f + 1}: no column "${metric.ds}"` });
      const values = fileMinutes(tiers, cols, grid, scale);
      if (isRate && metric.max_rate !== undefined) {
        const clamped = clampAbove(values, metric.max_rate * 60);
        if (clamped > 0) notes.push({ metric: metric.key, note: `file ${f + 1}: ${clamped} minutes above max_rate treated as unknown` });
      }
      return values;
    });
    const failed = perMetric.length === 0 || perMetric.every((t) => t === null);
    if (perMetric.length === 0) notes.push({ metric: metric.key, note: 'no file matched' });
    return { config: metric, values: combineFiles(perFile, metric.combine, rules.combine_min_known_fraction, grid.length), failed };
  });

  clampArtifacts(metrics, rules, notes);
  return { metrics, notes };
}

/** Counter artifacts: calls or errors far above the service's own busiest minutes cannot be real; they become unknown. */
export function clampArtifacts(metrics: readonly MetricValues[], rules: Rules, notes: AssemblyNote[]): void {
  const traffic = metrics.find((m) => m.config.role === 'traffic');
  const reference = traffic === undefined ? Number.NaN : robustMax(traffic.values);
  if (!Number.isFinite(reference) || reference <= 0) return;
  for (const m of metrics) {
    if (m.config.role !== 'traffic' && m.config.role !== 'errors') continue;
    const clamped = clampAbove(m.values, rules.artifact_factor * reference);
    if (clamped > 0) notes.push({ metric: m.config.key, note: `${clamped} minutes above ${rules.artifact_factor}× the usual peak treated as unknown (counter artifact)` });
  }
}

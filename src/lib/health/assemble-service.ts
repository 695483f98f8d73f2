/**
 * Service-wide steps after the metrics are on the minute grid (scripts/lib/collect-metric.ts puts
 * them there): counter artifacts clamped, and the notes of assembly.
 */
import type { Rules } from '../config/schema';
import { clampAbove, robustMax } from './assemble';
import type { MetricValues } from './engine';

/** What assembly noticed, for the internal report (never the public snapshot). */
export interface AssemblyNote {
  metric: string;
  note: string;
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

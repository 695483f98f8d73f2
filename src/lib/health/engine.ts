/**
 * The health engine of one service: per-minute metric series + rules → level, score and reason
 * per minute, and the detected episodes. Pure: no file system, no clock.
 */
import type { Config, MetricConfig, Rules, ServiceConfig } from '../config/schema';
import type { Localized } from '../snapshot/schema';
import type { MinuteDetail } from './aggregate';
import { computeBaseline } from './baseline';
import { decodeRows } from './row-span';
import { ROLES } from './roles';
import { applyDwell, type DwellResult } from './dwell';
import { buildEpisodes, type DetectedEpisode } from './episodes';
import { MINUTE, rowTime, type Grid, type WallClock } from './grid';
import { INPUT_FAILED_REASON, MAINTENANCE_REASON, NO_EVIDENCE_REASON, RECOVERING_REASON, findingsReason, staleReason } from './reasons';
import { scoreFor } from './score';
import { computeSignals, NO_EVIDENCE, type MetricSeries, type Signals } from './signals';

/** The rules of a service: global rules with its own overrides on top. */
export function serviceRules(config: Config, service: ServiceConfig): Rules {
  return { ...config.rules, ...(service.rules ?? {}) } as Rules;
}

export interface MetricValues {
  config: MetricConfig;
  /** Per-minute values on the grid (per-minute units, artifacts removed); NaN = unknown. */
  values: Float64Array;
  /** True when none of the metric's inputs could be read. */
  failed?: boolean;
  /** How many files feed the metric, and per minute their smallest value and row (aggregate.ts; the row as a row-span.ts code, possibly with one minute past the grid). */
  files?: number;
  detail?: MinuteDetail;
}

export interface ServiceInput {
  service: ServiceConfig;
  rules: Rules;
  clock: WallClock;
  metrics: readonly MetricValues[];
  /** 1 for the minutes inside a maintenance window of this service. */
  maintenance?: Uint8Array;
  /** Formats an epoch as local time for reasons ("13:50", or "3 Nov 13:50" when not today). */
  formatTime: (epoch: number, relativeTo: number) => string;
}

/** Everything the engine knows about a service, minute by minute. */
export interface ServiceHealth {
  serviceId: string;
  grid: Grid;
  metrics: MetricSeries[];
  signals: Signals;
  dwell: DwellResult;
  /** Score 0..100 per minute inside the shown level's band (score.ts); NaN when unknown or under maintenance. */
  scores: Float64Array;
  episodes: DetectedEpisode[];
  /** The plain-words reason of the shown level at grid index i (null when operational). */
  reasonAt(i: number): Localized | null;
  /** Start time of the shown level at grid index i (as far as the grid goes back). */
  sinceAt(i: number): number;
  /** End of the newest known data of the service at or before index i; NaN when none. */
  dataUntilAt(i: number): number;
}

/** Evaluates one service over the whole grid in a single causal pass. */
export function evaluateService(input: ServiceInput): ServiceHealth {
  const { rules, clock, service } = input;
  const grid = clock.grid;
  const metrics: MetricSeries[] = input.metrics.map((m) => {
    // The aggregates code each minute's row (row-span.ts); the detail may hold one minute past the grid.
    const n = grid.length;
    const detail = m.detail;
    const rows = detail === undefined ? undefined : decodeRows(detail.span.subarray(0, n), detail.span.length > n ? detail.span[n]! : 0, Math.round(grid.start / MINUTE));
    return {
      config: m.config,
      values: m.values,
      baseline: computeBaseline(m.values, clock, {
        weeks: rules.baseline_weeks,
        halfWindow: 2,
        ...ROLES[m.config.role].baseline,
        // Only the traffic chart draws the normal band (charts.ts): the others need the expectation alone.
        band: m.config.role === 'traffic',
        ...(rows === undefined ? {} : { span: rows.span }),
      }),
      ...(rows === undefined ? {} : { span: rows.span, rowEnds: rows.ends, fileMin: detail!.fileMin.subarray(0, n) }),
      ...(m.files === undefined ? {} : { files: m.files }),
    };
  });
  const signals = computeSignals(metrics, rules, grid.length, grid.start);
  const dwell = applyDwell(signals.severity, input.maintenance, { enter: rules.enter_after_minutes, leave: rules.leave_after_minutes }, signals);
  const labelsOf = (key: string): Localized | undefined => service.metrics.find((m) => m.key === key)?.label;
  const episodes = buildEpisodes(service.id, grid, dwell, signals.findings, labelsOf, rules.merge_gap_minutes);

  // The score sits inside the shown level's band, placed by the worst signal (score.ts).
  const scores = new Float64Array(grid.length);
  const levels = dwell.levels;
  const position = signals.position;
  for (let i = 0; i < grid.length; i++) scores[i] = scoreFor(levels[i]!, position[i]!);

  // Newest known row of any metric, per index (for data_until and stale reasons).
  // Stryker disable next-line UnaryOperator: every entry is written by the loop below before it is read.
  const lastKnown = new Int32Array(grid.length).fill(-1);
  const series = metrics.map((m) => m.values);
  for (let i = 0, last = -1; i < grid.length; i++) {
    for (const values of series) {
      const v = values[i]!;
      if (v === v && v !== Infinity && v !== -Infinity) {
        last = i;
        break;
      }
    }
    lastKnown[i] = last;
  }
  const failed = input.metrics.some((m) => m.failed === true);

  return {
    serviceId: service.id,
    grid,
    metrics,
    signals,
    dwell,
    scores,
    episodes,
    reasonAt(i) {
      const level = dwell.levels[i]!;
      if (level === 'operational') return null;
      if (level === 'under_maintenance') return MAINTENANCE_REASON;
      if (level === 'unknown') {
        if (failed) return INPUT_FAILED_REASON;
        if (signals.severity[i] === NO_EVIDENCE) return NO_EVIDENCE_REASON;
        const k = lastKnown[i]!;
        return staleReason(k < 0 ? null : input.formatTime(rowTime(grid, k), rowTime(grid, i)));
      }
      // Dwell may hold a level a few minutes after the last bad minute: give the last reason seen.
      for (let j = i; j >= 0 && j >= i - rules.leave_after_minutes - 5; j--) {
        const f = signals.findings.get(j);
        // Stryker disable next-line StringLiteral: the newest finding at or before a non-operational minute is never at an operational one (a level only rises at a minute with a finding), so the test never decides.
        if (f !== undefined && dwell.levels[j] !== 'operational') return findingsReason(f, labelsOf);
      }
      return RECOVERING_REASON;
    },
    sinceAt(i) {
      const level = dwell.levels[i]!;
      let j = i;
      while (j > 0 && dwell.levels[j - 1] === level) j--;
      const backdated = dwell.runStart.get(j);
      return rowTime(grid, backdated ?? j) - MINUTE;
    },
    dataUntilAt(i) {
      const k = lastKnown[Math.min(i, grid.length - 1)]!;
      return k < 0 ? Number.NaN : rowTime(grid, k);
    },
  };
}

/**
 * Snapshot assembly: everything the site needs, from the engine's per-minute results, the ledger
 * and the content collection. Pure (now passed in). Public-safe: no paths, DS or host names.
 */
import { worstLevel, type Level } from '../levels';
import type { Config } from '../config/schema';
import type { Communication } from '../content/communication';
import { maintenanceToSnapshot, type MaintenanceWindow } from '../content/maintenance';
import type { Ledger } from '../ledger/schema';
import { serviceCharts, ROLE_UNIT } from '../charts/charts';
import { metricLabels } from '../health/wording';
import type { ServiceHealth } from '../health/engine';
import type { DetectedEpisode } from '../ledger/schema';
import { rowTime } from '../health/grid';
import { calendarForService, computeUptimeDays, toUptimeDay, uptimeCalendar, uptimeSummary, type LevelInterval, type UptimeCalendar, type UptimeIncident } from '../uptime/uptime';
import { LANGUAGES, type Localized, type ServiceSnapshot, type Snapshot } from './schema';
import { incidentList } from './incidents';
import { validatedSnapshot } from './validate';
import { parseIso, toZonedIso } from '../time/zone';
import { nowSeconds, type Instant } from '../cycle/now';
import { nextChange, staleInstants, validUntil } from '../cycle/next-change';
import { serviceRules } from '../health/engine';

export interface SnapshotInput {
  config: Config;
  /** The instant evaluated; `replay` puts the replay banner on the pages. */
  now: Instant;
  /** One per configured service, in config order, all on the same grid ending at `now` (or its summary). */
  healths: readonly (ServiceHealth | HealthSummary)[];
  ledger: Ledger;
  communications: readonly Communication[];
  maintenance: readonly MaintenanceWindow[];
  /** sha256 of the inputs (config, content, input file identities). */
  digest: string;
  /** Wall-clock instant of the build, epoch s (valid_until is on the wall clock: cycle/next-change.ts); default `now`. */
  builtAt?: number;
}

/** Days of daily uptime in the snapshot (the bars of the service pages). */
const UPTIME_DAYS = 90;

/** Contiguous level intervals of a health timeline (for uptime). */
export function levelIntervals(health: ServiceHealth): LevelInterval[] {
  const out: LevelInterval[] = [];
  const { levels } = health.dwell;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    const start = rowTime(health.grid, i) - 60;
    const last = out[out.length - 1];
    if (last !== undefined && last.level === level && last.end === start) last.end = start + 60;
    else out.push({ start, end: start + 60, level });
  }
  return out;
}

/** The newest known value of a metric within the last `rows` rows, or null. */
function latest(values: Float64Array, i: number, rows: number): number | null {
  for (let j = i; j >= 0 && j > i - rows; j--) if (Number.isFinite(values[j])) return values[j]!;
  return null;
}

const r2 = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v * 100) / 100);

/**
 * What the snapshot needs of one service's evaluation, without its per-minute arrays: the level
 * timeline as intervals, the episodes for the ledger, and the service's snapshot entry except the
 * uptime days (they need the merged ledger's incidents). Reduce keeps this instead of the whole
 * ServiceHealth, so memory per cycle does not grow by ~25 MB of arrays per service.
 */
export interface HealthSummary {
  serviceId: string;
  episodes: DetectedEpisode[];
  intervals: LevelInterval[];
  /** When each metric turns stale without new data (cycle/next-change.ts), epoch s. */
  staleAt: number[];
  service: Omit<ServiceSnapshot, 'uptime_days' | 'uptime_90d'>;
}

/** The summary of one service's evaluation (see HealthSummary). */
export function summarizeHealth(config: Config, h: ServiceHealth): HealthSummary {
  const tz = config.site.time_zone;
  const service = config.services.find((s) => s.id === h.serviceId)!;
  const i = h.grid.length - 1;
  const level: Level = i >= 0 ? h.dwell.levels[i]! : 'unknown';
  const score = i >= 0 && Number.isFinite(h.scores[i]) ? h.scores[i]! : null;
  const dataUntil = i >= 0 ? h.dataUntilAt(i) : Number.NaN;
  const staleRows = Math.max(1, Math.floor(config.rules.stale_after_seconds / 60));
  const traffic = h.metrics.find((m) => m.config.role === 'traffic');
  const metrics = h.metrics.map((m) => {
    let value = latest(m.values, i, staleRows);
    let expected = i >= 0 ? m.baseline.expected[i]! : Number.NaN;
    if (m.config.role === 'errors' && traffic !== undefined) {
      // Errors are published as a percentage of calls, as the reasons speak of them.
      const calls = latest(traffic.values, i, staleRows);
      value = value === null || calls === null || calls <= 0 ? null : Math.min(100, (100 * value) / calls);
      const ec = traffic.baseline.expected[i]!;
      expected = Number.isFinite(ec) && ec > 0 ? (100 * expected) / ec : Number.NaN;
    }
    return { key: m.config.key, role: m.config.role, label: metricLabels(m.config.label, m.config.role), unit: ROLE_UNIT[m.config.role], value: r2(value), expected: r2(expected) };
  });
  return {
    serviceId: h.serviceId,
    episodes: h.episodes,
    intervals: levelIntervals(h),
    staleAt: staleInstants(h.metrics.map((m) => m.values), h.grid.start, Math.floor(serviceRules(config, service).stale_after_seconds / 60)),
    service: {
      id: service.id,
      name: service.name,
      short_name: service.short_name ?? null,
      description: service.description,
      group: service.group ?? null,
      level,
      score,
      reason: i >= 0 ? h.reasonAt(i) : null,
      since: i >= 0 ? toZonedIso(h.sinceAt(i), tz) : null,
      data_until: Number.isFinite(dataUntil) ? toZonedIso(dataUntil, tz) : null,
      metrics,
      charts: serviceCharts(h.metrics, h.grid, h.scores),
    },
  };
}

function serviceSnapshot(input: SnapshotInput, h: ServiceHealth | HealthSummary, incidents: readonly UptimeIncident[], calendar: UptimeCalendar): ServiceSnapshot {
  const { config } = input;
  const now = nowSeconds(input.now);
  const tz = config.site.time_zone;
  const summary = 'intervals' in h ? h : summarizeHealth(config, h);
  const service = config.services.find((s) => s.id === summary.serviceId)!;
  const schedule = service.schedule ?? config.site.schedule;
  // Uptime counts up to the minute the service was evaluated to (its intervals' end): a minute without new data changes no bar.
  const until = Math.min(now, summary.intervals.at(-1)?.end ?? now);
  const days = computeUptimeDays(summary.intervals, { now: until, days: UPTIME_DAYS, timeZone: tz, schedule, serviceId: summary.serviceId, incidents, calendar: calendarForService(calendar, service.schedule, tz) });
  return { ...summary.service, uptime_days: days.map(toUptimeDay), uptime_90d: uptimeSummary(days) };
}

/** "GFD: 18 % of calls fail" per language for the services at the overall level. */
function overallReason(services: readonly ServiceSnapshot[], level: Level, config: Config): Localized | null {
  if (level === 'operational') return null;
  const hit = services.filter((s) => s.level === level && s.reason !== null);
  if (hit.length === 0) return null;
  const out: Localized = {};
  const def = config.site.default_language;
  for (const lang of LANGUAGES) {
    out[lang] = hit.map((s) => `${s.name[lang] ?? s.name[def] ?? s.id}: ${s.reason![lang] ?? s.reason![def] ?? ''}`).join(' · ');
  }
  return out;
}

/** Builds and validates the snapshot (throws if it would not match SnapshotSchema: a bug, never published). */
export function buildSnapshot(input: SnapshotInput): Snapshot {
  const { config } = input;
  const now = nowSeconds(input.now);
  const tz = config.site.time_zone;
  const nameOf = (id: string): Localized => config.services.find((s) => s.id === id)?.name ?? {};
  const def = config.site.default_language;
  const incidents = incidentList(input.ledger.incidents, input.communications, nameOf, (id) => nameOf(id)[def] ?? id, tz);
  const uptimeIncidents: UptimeIncident[] = incidents.map((inc) => ({
    id: inc.id,
    service_ids: inc.service_ids,
    started_at: parseIso(inc.started_at),
    resolved_at: inc.resolved_at === null ? null : parseIso(inc.resolved_at),
  }));
  // Day boundaries and opening hours are the same for every service: computed once.
  const calendar = uptimeCalendar(now, UPTIME_DAYS, tz, config.site.schedule);
  const summaries = input.healths.map((h) => ('intervals' in h ? h : summarizeHealth(config, h)));
  const services = summaries.map((h) => serviceSnapshot(input, h, uptimeIncidents, calendar));
  const changeAt = nextChange({ now, staleAt: summaries.flatMap((h) => h.staleAt), maintenance: input.maintenance, timeZone: tz });
  const level = worstLevel(services.map((s) => s.level));
  const scores = services.map((s) => s.score).filter((s): s is number => s !== null);
  const untils = services.map((s) => (s.data_until === null ? Number.NaN : parseIso(s.data_until))).filter(Number.isFinite);
  const rules = config.rules;
  const snapshot: Snapshot = {
    schema_version: 1,
    generated_at: toZonedIso(now, tz),
    data_until: untils.length > 0 ? toZonedIso(Math.max(...untils), tz) : null,
    valid_until: toZonedIso(validUntil(input.builtAt ?? now, now, changeAt, rules.snapshot_valid_seconds), tz),
    replay: input.now.replay,
    digest: input.digest,
    site: {
      title: config.site.title,
      description: config.site.description,
      url: config.site.url,
      languages: config.site.languages,
      default_language: config.site.default_language,
      time_zone: tz,
    },
    overall: { level, score: level === 'unknown' || scores.length === 0 ? null : Math.min(...scores), reason: overallReason(services, level, config) },
    services,
    incidents,
    maintenance: input.maintenance.map((m) => maintenanceToSnapshot(m, now, tz)),
    rules: {
      stale_after_seconds: rules.stale_after_seconds,
      enter_after_minutes: rules.enter_after_minutes,
      leave_after_minutes: rules.leave_after_minutes,
      error_ratio_degraded: rules.error_ratio_degraded,
      error_ratio_outage: rules.error_ratio_outage,
      traffic_drop_outage: Math.round((1 - rules.traffic_outage_ratio) * 1000) / 1000,
      latency_factor_degraded: rules.latency_factor_degraded,
      latency_min_calls_per_minute: rules.latency_min_calls_per_minute,
      error_min_calls_per_minute: rules.error_min_calls_per_minute,
      traffic_min_expected_per_minute: rules.traffic_min_expected_per_minute,
    },
  };
  return validatedSnapshot(snapshot);
}

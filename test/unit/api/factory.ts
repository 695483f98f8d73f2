/**
 * A small valid snapshot for unit tests of the machine-readable outputs, with overrides.
 * Parsed with SnapshotSchema so a factory that drifts from the contract fails loudly.
 */
import type { Level } from '../../../src/lib/levels';
import { SnapshotSchema, type Incident, type Maintenance, type ServiceSnapshot, type Snapshot } from '../../../src/lib/snapshot/schema';

const emptyChart = { step: 60, timestamps: [], lines: [] };

/** One service at `level` (reason filled for non-green levels). */
export function service(id: string, level: Level, extra: Partial<ServiceSnapshot> = {}): ServiceSnapshot {
  return {
    id,
    name: { nl: id.toUpperCase(), fr: id.toUpperCase() },
    description: { nl: `Dienst ${id}`, fr: `Service ${id}` },
    group: null,
    level,
    score: level === 'unknown' ? null : level === 'operational' ? 99 : 40,
    reason: level === 'operational' ? null : { nl: `reden ${id}`, fr: `raison ${id}` },
    since: '2025-11-04T14:00:00+01:00',
    data_until: '2025-11-04T15:29:00+01:00',
    metrics: [],
    charts: { day: emptyChart, week: emptyChart, quarter: emptyChart },
    uptime_days: [
      { date: '2025-11-03', level: 'operational', uptime: 1, schedule_uptime: 1, unknown_seconds: 0, outage_seconds: 0, degraded_seconds: 0, incident_ids: [] },
      { date: '2025-11-04', level, uptime: 0.9, schedule_uptime: 0.9, unknown_seconds: 0, outage_seconds: 60, degraded_seconds: 0, incident_ids: [] },
    ],
    uptime_90d: { all: 0.99, schedule: 0.99 },
    ...extra,
  };
}

/** An incident on `serviceIds`. */
export function incident(id: string, serviceIds: string[], extra: Partial<Incident> = {}): Incident {
  return {
    id,
    source: 'detected',
    title: { nl: `Storing ${id}`, fr: `Panne ${id}` },
    impact: 'major',
    status: 'investigating',
    peak_level: 'partial_outage',
    service_ids: serviceIds,
    started_at: '2025-11-04T15:00:00+01:00',
    resolved_at: null,
    reasons: [{ nl: 'fouten 12 %', fr: 'erreurs 12 %' }],
    body: {},
    updates: [],
    still_works: null,
    workaround: null,
    next_update_at: null,
    detected_incident_id: null,
    ...extra,
  };
}

/** A maintenance window on `serviceIds`. */
export function maintenance(id: string, serviceIds: string[], extra: Partial<Maintenance> = {}): Maintenance {
  return {
    id,
    title: { nl: `Onderhoud ${id}`, fr: `Maintenance ${id}` },
    service_ids: serviceIds,
    starts_at: '2025-11-09T06:00:00+01:00',
    ends_at: '2025-11-09T08:00:00+01:00',
    status: 'scheduled',
    body: { nl: 'Gepland **onderhoud**.', fr: 'Maintenance **planifiée**.' },
    ...extra,
  };
}

/** 2025-11-04T15:30:00+01:00, the factory's generated_at, in epoch seconds. */
export const GENERATED = 1762266600;
/** Five minutes later: valid_until. */
export const VALID_UNTIL = GENERATED + 300;

/** A snapshot with the given services (default: one green service), incidents and maintenance. */
export function snapshot(parts: { services?: ServiceSnapshot[]; overall?: Level; incidents?: Incident[]; maintenance?: Maintenance[] } = {}): Snapshot {
  const services = parts.services ?? [service('gfd', 'operational')];
  const overall = parts.overall ?? 'operational';
  return SnapshotSchema.parse({
    schema_version: 1,
    generated_at: '2025-11-04T15:30:00+01:00',
    data_until: '2025-11-04T15:29:00+01:00',
    valid_until: '2025-11-04T15:35:00+01:00',
    replay: false,
    digest: 'sha256:test',
    site: {
      title: { nl: 'Teststatus', fr: 'Statut test' },
      description: { nl: 'Test', fr: 'Test' },
      url: 'https://status.example.be',
      languages: ['nl', 'fr'],
      default_language: 'nl',
      time_zone: 'Europe/Brussels',
    },
    overall: { level: overall, score: overall === 'unknown' ? null : 90, reason: overall === 'operational' ? null : { nl: 'iets', fr: 'quelque chose' } },
    services,
    incidents: parts.incidents ?? [],
    maintenance: parts.maintenance ?? [],
    rules: {
      stale_after_seconds: 300,
      enter_after_minutes: 3,
      leave_after_minutes: 10,
      error_ratio_degraded: 0.05,
      error_ratio_outage: 0.2,
      traffic_drop_outage: 0.8,
      latency_factor_degraded: 3,
    },
  });
}

/** A small valid snapshot for cycle tests: four services, levels chosen by the test. */
import type { Level } from '../../../src/lib/levels';
import { SnapshotSchema, type Snapshot } from '../../../src/lib/snapshot/schema';

const chart = { step: 60, timestamps: [], lines: [] };

/** A snapshot whose services have the given levels (ids in order). */
export function snapshotWith(levels: Record<string, Level>, overrides: Partial<Snapshot> = {}): Snapshot {
  const services = Object.entries(levels).map(([id, level]) => ({
    id,
    name: { nl: id.toUpperCase(), fr: id.toUpperCase() },
    description: {},
    group: null,
    level,
    score: level === 'operational' ? 100 : level === 'unknown' ? null : 40,
    reason: level === 'operational' ? null : { nl: `${id} reden`, fr: `${id} raison` },
    since: '2025-11-04T15:00:00+01:00',
    data_until: '2025-11-04T15:30:00+01:00',
    metrics: [],
    charts: { day: chart, week: chart, quarter: chart },
    uptime_days: [],
    uptime_90d: { all: null, schedule: null },
  }));
  const worst = services.find((s) => s.level !== 'operational')?.level ?? 'operational';
  return SnapshotSchema.parse({
    schema_version: 1,
    generated_at: '2025-11-04T15:30:00+01:00',
    data_until: '2025-11-04T15:30:00+01:00',
    valid_until: '2025-11-04T15:35:00+01:00',
    replay: false,
    digest: 'abc',
    site: {
      title: { nl: 'Status', fr: 'Statut' },
      description: {},
      url: 'https://status.example.org/',
      languages: ['nl', 'fr'],
      default_language: 'nl',
      time_zone: 'Europe/Brussels',
    },
    overall: { level: worst, score: null, reason: null },
    services,
    incidents: [],
    maintenance: [],
    rules: {
      stale_after_seconds: 300,
      enter_after_minutes: 2,
      leave_after_minutes: 5,
      error_ratio_degraded: 0.05,
      error_ratio_outage: 0.25,
      traffic_drop_outage: 0.2,
      latency_factor_degraded: 3,
    },
    ...overrides,
  });
}

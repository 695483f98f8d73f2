import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/lib/config/schema';
import { evaluateService, serviceRules, type MetricValues } from '../../../src/lib/health/engine';
import { gridBetween, wallClock } from '../../../src/lib/health/grid';
import { holidayCalendar } from '../../../src/lib/health/holidays';
import type { Ledger } from '../../../src/lib/ledger/schema';
import { buildSnapshot, levelIntervals } from '../../../src/lib/snapshot/build';
import { liveAt, replayAt } from '../../../src/lib/cycle/now';
import { parseIso } from '../../../src/lib/time/zone';

const NOW = parseIso('2025-11-04T15:30:30+01:00');
const config = ConfigSchema.parse({
  site: { title: { nl: 'Status', fr: 'Statut' }, url: 'https://status.example.org', languages: ['nl', 'fr'] },
  services: [
    {
      id: 'gfd',
      name: { nl: 'GFD', fr: 'DPP' },
      metrics: [
        { key: 'calls', role: 'traffic', label: { nl: 'Oproepen', fr: 'Appels' }, files: 'rrd/gfd/calls.rrd', ds: 'calls', unit: 'per_minute' },
        { key: 'errors', role: 'errors', files: 'rrd/gfd/errors.rrd', ds: 'errors_per_min', unit: 'per_minute' },
      ],
    },
    { id: 'pcdh', name: { nl: 'PCDH' }, metrics: [{ key: 'calls', role: 'traffic', files: 'rrd/pcdh/calls.rrd', ds: 'calls', unit: 'per_minute' }] },
    { id: 'raotd', name: { nl: 'RaOTD' }, metrics: [{ key: 'calls', role: 'traffic', files: 'rrd/raotd/calls.rrd', ds: 'calls', unit: 'per_minute' }] },
  ],
});
const grid = gridBetween(NOW - 100 * 86_400, NOW);
const clock = wallClock(grid, config.site.time_zone, holidayCalendar('BE', []));
const n = grid.length;

/** Health of a service whose metrics follow `f(metric index, minute index)` (NaN = unknown). */
function health(index: number, f: (m: number, i: number) => number) {
  const service = config.services[index]!;
  const metrics: MetricValues[] = service.metrics.map((config, m) => ({ config, values: Float64Array.from({ length: n }, (_, i) => f(m, i)) }));
  return evaluateService({ service, rules: serviceRules(config, service), clock, metrics, formatTime: (t) => String(t) });
}

const healths = [
  health(0, (m) => (m === 0 ? 600 : 3)), // 0.5 % of calls fail: green
  health(1, (_, i) => (i >= n - 10 ? 0 : 600)), // calls stopped 10 minutes ago: red
  health(2, () => Number.NaN), // no data at all: unknown
];
const ledger: Ledger = {
  version: 1,
  incidents: [
    {
      id: '2025-11-04-pcdh-1',
      service_id: 'pcdh',
      started_at: '2025-11-04T15:20:00+01:00',
      ended_at: null,
      peak_level: 'major_outage',
      reasons: [{ nl: 'Oproepen 0/min' }],
      first_recorded_at: '2025-11-04T15:22:00+01:00',
      updated_at: '2025-11-04T15:30:00+01:00',
    },
  ],
};
const snapshot = buildSnapshot({ config, now: replayAt(NOW * 1000), healths, ledger, communications: [], maintenance: [], digest: 'd'.repeat(64), builtAt: NOW + 5 });
const byId = Object.fromEntries(snapshot.services.map((s) => [s.id, s]));

describe('snapshot assembly', () => {
  it('gives each service its level now, with a score inside the level’s band', () => {
    expect(byId['gfd']).toMatchObject({ level: 'operational', reason: null });
    expect(byId['gfd']!.score).toBeGreaterThanOrEqual(90);
    expect(byId['pcdh']!.level).toBe('major_outage');
    expect(byId['pcdh']!.score).toBeLessThan(20);
    expect(byId['pcdh']!.reason?.nl).toMatch(/^Oproepen 0\/min/);
  });

  it('reports unknown with no score and no data time, not green, for a service without data', () => {
    expect(byId['raotd']).toMatchObject({ level: 'unknown', score: null, data_until: null });
  });

  it('rolls the services up with the worst level and the lowest known score, with the reason of the worst', () => {
    expect(snapshot.overall.level).toBe('major_outage');
    expect(snapshot.overall.score).toBe(Math.min(byId['gfd']!.score!, byId['pcdh']!.score!));
    expect(snapshot.overall.reason?.nl).toMatch(/^PCDH: Oproepen 0\/min/);
  });

  it('gives the overall level no score when it is unknown', () => {
    const only = buildSnapshot({ config: { ...config, services: config.services.slice(2) }, now: liveAt(NOW * 1000), healths: healths.slice(2), ledger: { version: 1, incidents: [] }, communications: [], maintenance: [], digest: 'd'.repeat(64) });
    expect(only.overall).toEqual({ level: 'unknown', score: null, reason: expect.anything() as unknown });
    expect(only.replay).toBe(false);
  });

  it('publishes errors as a percentage of calls, with the expected value in the same unit', () => {
    const errors = byId['gfd']!.metrics.find((m) => m.role === 'errors')!;
    expect(errors.value).toBe(0.5);
    expect(errors.unit).toBe('%');
  });

  it('labels every metric in all four languages, keeping the configured labels', () => {
    expect(byId['gfd']!.metrics[0]!.label).toEqual({ nl: 'Oproepen', fr: 'Appels', de: 'Aufrufe', en: 'Calls' });
    expect(byId['gfd']!.metrics[1]!.label).toEqual({ nl: 'Fouten', fr: 'Erreurs', de: 'Fehler', en: 'Errors' });
  });

  it('gives 90 local days of uptime, the last one being today', () => {
    const days = byId['gfd']!.uptime_days;
    expect(days).toHaveLength(90);
    expect(days.at(-1)!.date).toBe('2025-11-04');
    expect(days.at(-1)!.uptime).toBe(1);
    expect(byId['pcdh']!.uptime_days.at(-1)!.outage_seconds).toBeGreaterThan(0);
  });

  it('lists the ledger’s detected incident with a generated title', () => {
    expect(snapshot.incidents.map((i) => i.id)).toEqual(['2025-11-04-pcdh-1']);
    expect(snapshot.incidents[0]!.title.nl).toBe('Ernstige storing van PCDH');
  });

  it('sets valid_until snapshot_valid_seconds past the first instant its status could change by itself, on the build clock, and keeps the replay flag', () => {
    // The newest rows (15:30:00) turn stale at 15:36:00 (stale_after_seconds 300 + 1 min); built 5 s after now.
    const staleAt = parseIso('2025-11-04T15:36:00+01:00');
    expect(parseIso(snapshot.valid_until)).toBe(NOW + 5 + (staleAt - NOW) + config.rules.snapshot_valid_seconds);
    expect(snapshot.replay).toBe(true);
    expect(snapshot.generated_at).toBe('2025-11-04T15:30:30+01:00');
  });

  it('publishes no file names or DS names', () => {
    const text = JSON.stringify(snapshot);
    for (const secret of ['.rrd', 'rrd/', 'errors_per_min']) expect(text).not.toContain(secret);
  });
});

describe('level intervals', () => {
  it('joins equal minutes into one interval and starts a new one at each change', () => {
    const h = healths[1]!;
    const intervals = levelIntervals(h);
    expect(intervals.at(-1)).toMatchObject({ level: 'major_outage', end: grid.start + (n - 1) * 60 });
    for (let k = 1; k < intervals.length; k++) {
      expect(intervals[k]!.start).toBe(intervals[k - 1]!.end);
      expect(intervals[k]!.level).not.toBe(intervals[k - 1]!.level);
    }
  });
});

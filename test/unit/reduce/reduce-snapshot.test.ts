import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/lib/config/schema';
import type { Communication } from '../../../src/lib/content/communication';
import type { MaintenanceWindow } from '../../../src/lib/content/maintenance';
import { liveAt, replayAt } from '../../../src/lib/cycle/now';
import { evaluateService, serviceRules, type MetricValues } from '../../../src/lib/health/engine';
import { gridBetween, rowTime, wallClock } from '../../../src/lib/health/grid';
import { holidayCalendar } from '../../../src/lib/health/holidays';
import type { Ledger } from '../../../src/lib/ledger/schema';
import { ledgerMode, missingLedger } from '../../../src/lib/reduce/ledger-policy';
import { maintenanceFlags } from '../../../src/lib/reduce/maintenance-flags';
import { collidesWithDetectedId, judgedServices, reduceSnapshot, usableCommunications, type ReduceMetrics } from '../../../src/lib/reduce/reduce-snapshot';
import { ReportSchema } from '../../../src/lib/reduce/report';
import { EXTRA_DAYS, reduceGrid, SHOWN_DAYS } from '../../../src/lib/reduce/window';
import { parseIso } from '../../../src/lib/time/zone';

const NOW = parseIso('2025-11-04T15:30:30+01:00');
const config = ConfigSchema.parse({
  site: { title: { nl: 'Status' }, url: 'https://status.example.org', languages: ['nl'] },
  services: [
    { id: 'gfd', name: { nl: 'GFD' }, metrics: [{ key: 'calls', role: 'traffic', files: 'rrd/gfd/calls.rrd', ds: 'calls', unit: 'per_minute' }] },
    { id: 'pcdh', name: { nl: 'PCDH' }, metrics: [{ key: 'calls', role: 'traffic', files: 'rrd/pcdh/calls.rrd', ds: 'calls', unit: 'per_minute' }] },
  ],
});
const grid = gridBetween(NOW - 29 * 86_400, NOW);
const clock = wallClock(grid, config.site.time_zone, holidayCalendar('BE', []));

/** Health of a service whose calls follow `f(minute index)`. */
function health(index: number, f: (i: number) => number) {
  const service = config.services[index]!;
  const metrics: MetricValues[] = service.metrics.map((c) => ({ config: c, values: Float64Array.from({ length: grid.length }, (_, i) => f(i)) }));
  return evaluateService({ service, rules: serviceRules(config, service), clock, metrics, formatTime: (t) => String(t) });
}
const n = grid.length;
const stoppedAt = (minutesAgo: number) => (i: number) => (i >= n - minutesAgo ? 0 : 600);
// Evaluated once each (the engine is the slow part): GFD normal; PCDH stopped 20 minutes ago, normal, or unknown.
const normal = () => 600;
const unknown = () => Number.NaN;
const gfd = health(0, normal);
const pcdh = new Map<unknown, ReturnType<typeof health>>();
const metrics = (calls: (i: number) => number, errors: ReduceMetrics['errors'] = []): ReduceMetrics => {
  if (!pcdh.has(calls)) pcdh.set(calls, health(1, calls));
  return { services: [{ health: gfd, notes: [] }, { health: pcdh.get(calls)!, notes: [{ metric: 'calls', note: 'n' }] }], errors, filesRead: 2 };
};
const stopped = stoppedAt(20);
const content = { incidents: [] as Communication[], maintenance: [] as MaintenanceWindow[], errors: [] as string[], warnings: [] as string[] };
const empty: Ledger = { version: 1, incidents: [] };
const base = { config, content, grid, digest: 'd'.repeat(64), builtAt: NOW + 5 };

describe('reduceSnapshot', () => {
  it('records a detected outage in a live run and asks the shell to write the ledger', () => {
    const r = reduceSnapshot({ ...base, ledger: empty, metrics: metrics(stopped), now: liveAt(NOW * 1000), mode: 'write' });
    expect(r.write).toBe(true);
    expect(r.ledger.incidents.map((e) => [e.id, e.ended_at])).toEqual([['2025-11-04-pcdh-1', null]]);
    expect(r.snapshot.replay).toBe(false);
    expect(r.snapshot.services.map((s) => s.level)).toEqual(['operational', 'major_outage']);
    expect(r.exitCode).toBe(0);
    expect(ReportSchema.parse(r.report)).toEqual(r.report);
    expect(r.report).toMatchObject({ replay: false, files_read: 2, ledger: { added: ['2025-11-04-pcdh-1'], updated: [], write: 'written' }, notes: [{ service: 'pcdh', metric: 'calls', note: 'n' }] });
  });

  it('merges a replay in memory only, and shows the replay banner', () => {
    const r = reduceSnapshot({ ...base, ledger: empty, metrics: metrics(stopped), now: replayAt(NOW * 1000), mode: 'replay' });
    expect(r.write).toBe(false);
    expect(r.ledger.incidents).toHaveLength(1);
    expect(r.snapshot.replay).toBe(true);
    expect(r.report.ledger.write).toBe('not written (replay)');
  });

  it('writes nothing in a check', () => {
    const r = reduceSnapshot({ ...base, ledger: empty, metrics: metrics(stopped), now: liveAt(NOW * 1000), mode: 'check' });
    expect(r.write).toBe(false);
    expect(r.report.ledger.write).toBe('not written (check)');
  });

  it('says the ledger is unchanged when a live run detects nothing new', () => {
    const r = reduceSnapshot({ ...base, ledger: empty, metrics: metrics(normal), now: liveAt(NOW * 1000), mode: 'write' });
    expect([r.write, r.report.ledger.write]).toEqual([false, 'unchanged']);
  });

  it('replays an earlier minute against the ledger as known then: a later incident is neither shown nor closed', () => {
    const live = reduceSnapshot({ ...base, ledger: empty, metrics: metrics(stopped), now: liveAt(NOW * 1000), mode: 'write' });
    const earlier = reduceSnapshot({ ...base, ledger: live.ledger, metrics: metrics(normal), now: replayAt((NOW - 3600) * 1000), mode: 'replay' });
    expect(earlier.ledger.incidents).toEqual([]);
    expect(earlier.snapshot.incidents).toEqual([]);
  });

  it('never closes, opens or extends an incident of a service with a failed input, and exits 1', () => {
    const live = reduceSnapshot({ ...base, ledger: empty, metrics: metrics(stopped), now: liveAt(NOW * 1000), mode: 'write' });
    const failed = [{ service: 'pcdh', metric: 'calls', path: '/d/rrd/pcdh/calls.rrd', message: 'cannot read' }];
    const r = reduceSnapshot({ ...base, ledger: live.ledger, metrics: metrics(unknown, failed), now: liveAt((NOW + 600) * 1000), mode: 'write' });
    expect(r.ledger).toEqual(live.ledger);
    expect(r.write).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.messages).toEqual(['/d/rrd/pcdh/calls.rrd: cannot read (service pcdh, metric calls is unknown)']);
    expect(r.snapshot.services[1]?.level).toBe('unknown');
  });

  it('skips a written communication named like a detected id, with its one-line error', () => {
    const named = { id: '2025-11-04-pcdh-1', file: '/d/incidents/2025-11-04-pcdh-1.md', start: NOW - 600 } as Communication;
    const r = reduceSnapshot({ ...base, content: { ...content, incidents: [named] }, ledger: empty, metrics: metrics(stopped), now: liveAt(NOW * 1000), mode: 'write' });
    expect(r.report.content_errors).toEqual([
      '/d/incidents/2025-11-04-pcdh-1.md: the file name "2025-11-04-pcdh-1" has the form of a detected incident id (<date>-<service>-<n>) — rename it, e.g. 2025-11-04-pcdh-storing.md, and link it with detected_incident: 2025-11-04-pcdh-1; the file is skipped',
    ]);
    expect(r.snapshot.incidents.map((i) => i.id)).toEqual(['2025-11-04-pcdh-1']);
  });
});

describe('the small decisions of a reduce', () => {
  it('judges only services whose every input was read', () => {
    expect(judgedServices(metrics(normal, [{ service: 'gfd', metric: 'calls', path: 'p', message: 'm' }]))).toEqual(['pcdh']);
    expect(judgedServices(metrics(normal))).toEqual(['gfd', 'pcdh']);
  });

  it.each([
    ['2025-11-04-pcdh-1', true],
    ['2025-11-04-pcdh-12', true],
    ['2025-11-04-pcdh-storing', false],
    ['2025-11-04-other-1', false],
    ['x2025-11-04-pcdh-1', false],
  ])('sees %s as colliding with a detected id: %s', (id, collides) => {
    expect(collidesWithDetectedId(id, ['gfd', 'pcdh'])).toBe(collides);
  });

  it('keeps the communications that do not collide, in order', () => {
    const a = { id: '2025-11-03-pcdh-onderbreking', file: 'a.md' } as Communication;
    const b = { id: '2025-11-03-pcdh-2', file: 'b.md' } as Communication;
    const r = usableCommunications([a, b], ['pcdh']);
    expect(r.kept).toEqual([a]);
    expect(r.errors).toHaveLength(1);
  });

  it('writes the ledger only in a live run that is no check', () => {
    expect(ledgerMode(liveAt(1), false)).toBe('write');
    expect(ledgerMode(replayAt(1), false)).toBe('replay');
    expect(ledgerMode(liveAt(1), true)).toBe('check');
    expect(ledgerMode(replayAt(1), true)).toBe('check');
  });

  it('refuses a missing ledger in a live run unless --new-ledger, and only notes it in a replay or check', () => {
    expect(missingLedger('l.json', true, 'write', false, false)).toBeNull();
    expect(missingLedger('l.json', false, 'write', false, false)).toEqual({ refuse: true, message: 'l.json: no incident ledger — if it was deleted, restore it from a backup or version control; to start a new, empty incident history, run again with --new-ledger. Nothing was written or published.' });
    expect(missingLedger('l.json', false, 'write', false, true)?.message).toContain('restore it (cp l.json.last-good l.json)');
    expect(missingLedger('l.json', false, 'write', true, false)).toEqual({ refuse: false, message: 'l.json: no incident ledger — starting a new, empty incident history (--new-ledger)' });
    expect(missingLedger('l.json', false, 'replay', false, false)).toMatchObject({ refuse: false, message: expect.stringContaining('this replay starts from an empty history') as unknown });
    expect(missingLedger('l.json', false, 'check', false, false)).toMatchObject({ refuse: false, message: expect.stringContaining('this check starts') as unknown });
  });

  it('evaluates the 90 days shown, one more day, and the longest baseline of any service', () => {
    const g = reduceGrid(config, NOW);
    expect(rowTime(g, g.length - 1)).toBeLessThanOrEqual(NOW);
    expect(NOW - g.start).toBeGreaterThanOrEqual((SHOWN_DAYS + EXTRA_DAYS + config.rules.baseline_weeks * 7) * 86_400 - 60);
    const longer = ConfigSchema.parse({ ...config, services: [{ ...config.services[0], rules: { baseline_weeks: config.rules.baseline_weeks + 2 } }] });
    expect(reduceGrid(longer, NOW).start).toBe(g.start - 14 * 86_400);
  });

  it('flags the minutes that start inside a maintenance window of the service, [start, end)', () => {
    const g = gridBetween(NOW - 600, NOW);
    const w = { id: 'm', file: 'm.md', service_ids: ['gfd'], start: rowTime(g, 2) - 60, end: rowTime(g, 4) - 60 } as MaintenanceWindow;
    const flags = maintenanceFlags([w], g);
    expect(Array.from(flags(config.services[0]!) ?? [])).toEqual(Array.from({ length: g.length }, (_, i) => (i === 2 || i === 3 ? 1 : 0)));
    expect(flags(config.services[1]!)).toBeUndefined();
  });
});

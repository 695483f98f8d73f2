import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_PATHS, apiDocument } from '../../../src/lib/api/documents';
import { LEVELS } from '../../../src/lib/levels';
import { SnapshotSchema } from '../../../src/lib/snapshot/schema';
import { GENERATED, VALID_UNTIL, incident, maintenance, service, snapshot } from './factory';
import { STATUSPAGE_FILES } from './statuspage-schema';

const sample = SnapshotSchema.parse(JSON.parse(readFileSync('test/fixtures/snapshots/sample.json', 'utf8')));

type Doc = Record<string, any>;
const doc = (path: (typeof API_PATHS)[number], s = snapshot(), now = GENERATED) => apiDocument(path, s, now) as Doc;

describe('Statuspage API documents', () => {
  it.each(API_PATHS)('%s of the sample snapshot matches the Statuspage schema', (path) => {
    const result = STATUSPAGE_FILES[path].safeParse(apiDocument(path, sample, GENERATED));
    expect(result.success ? 'ok' : JSON.stringify(result.error.issues.slice(0, 3))).toBe('ok');
  });

  it.each(LEVELS)('every file matches the schema when the only service is %s', (level) => {
    const s = snapshot({ services: [service('gfd', level)], overall: level, incidents: [incident('i1', ['gfd'])], maintenance: [maintenance('m1', ['gfd'])] });
    for (const path of API_PATHS) {
      const result = STATUSPAGE_FILES[path].safeParse(apiDocument(path, s, GENERATED));
      expect(result.success, `${path}: ${result.success ? '' : result.error.issues[0]?.message}`).toBe(true);
    }
  });

  it('maps each level to its Statuspage component status and page indicator', () => {
    const table = LEVELS.map((level) => {
      const s = snapshot({ services: [service('gfd', level)], overall: level });
      return [level, doc('api/v2/components.json', s)['components'][0].status, doc('api/v2/status.json', s)['status'].indicator];
    });
    expect(table).toEqual([
      ['operational', 'operational', 'none'],
      ['under_maintenance', 'under_maintenance', 'maintenance'],
      ['degraded', 'degraded_performance', 'minor'],
      ['unknown', 'degraded_performance', 'minor'],
      ['partial_outage', 'partial_outage', 'major'],
      ['major_outage', 'major_outage', 'critical'],
    ]);
  });

  it('never reads "All Systems Operational" when a service is unknown, and says the data is delayed', () => {
    const s = snapshot({ services: [service('gfd', 'operational'), service('pcdh', 'unknown')], overall: 'unknown' });
    const status = doc('api/v2/status.json', s)['status'];
    expect(status).toEqual({ indicator: 'minor', description: 'Status onbekend — gegevens vertraagd' });
    const components = doc('api/v2/components.json', s)['components'];
    expect(components.map((c: Doc) => c.status)).toEqual(['operational', 'degraded_performance']);
    expect(components[1].x_fluxstatus.level).toBe('unknown');
  });

  it('writes the page sentence in English as Statuspage does when asked for English', () => {
    const s = snapshot({ services: [service('gfd', 'unknown')], overall: 'unknown' });
    expect((apiDocument('api/v2/status.json', s, GENERATED, 'en') as Doc)['status'].description).toBe('Status unknown — data delayed');
    const green = snapshot();
    expect((apiDocument('api/v2/status.json', green, GENERATED, 'en') as Doc)['status'].description).toBe('All Systems Operational');
  });

  it('shows every service as unknown, not green, once the clock passes valid_until', () => {
    const s = snapshot({ services: [service('gfd', 'operational')], overall: 'operational' });
    const fresh = doc('api/v2/summary.json', s, VALID_UNTIL - 1);
    const expired = doc('api/v2/summary.json', s, VALID_UNTIL);
    expect(fresh['status'].indicator).toBe('none');
    expect(expired['status'].indicator).toBe('minor');
    expect(expired['components'][0].status).toBe('degraded_performance');
    expect(expired['x_fluxstatus']).toMatchObject({ level: 'unknown', color: 'grey', expired: true, score: null });
    expect(expired['x_fluxstatus'].reason.fr).toBe('État inconnu — données en retard');
  });

  it('carries fluxstatus fields beside the Statuspage ones under x_fluxstatus', () => {
    const x = doc('api/v2/status.json', sample)['x_fluxstatus'];
    expect(x).toMatchObject({
      level: 'partial_outage',
      color: 'red',
      score: 38,
      generated_at: sample.generated_at,
      data_until: sample.data_until,
      valid_until: sample.valid_until,
      digest: sample.digest,
      replay: false,
      expired: false,
      language: 'nl',
    });
    expect(x.reason).toEqual(sample.overall.reason);
    expect(Object.keys(x.label)).toEqual(sample.site.languages);
  });

  it('lists a detected incident once when a written incident explains it', () => {
    const ids = doc('api/v2/incidents.json', sample)['incidents'].map((i: Doc) => i.id);
    expect(ids).toContain('raotd-storing-tarificatie');
    expect(ids).not.toContain('detected-raotd-now');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives a detected incident without written updates an investigating update with its reasons', () => {
    const open = incident('i1', ['gfd']);
    const closed = incident('i2', ['gfd'], { status: 'resolved', resolved_at: '2025-11-04T15:20:00+01:00', started_at: '2025-11-04T15:10:00+01:00' });
    const list = doc('api/v2/incidents.json', snapshot({ incidents: [open, closed] }))['incidents'];
    const byId = (id: string) => list.find((i: Doc) => i.id === id);
    expect(byId('i1').incident_updates.map((u: Doc) => [u.status, u.body])).toEqual([['investigating', 'fouten 12 %']]);
    expect(byId('i2').incident_updates.map((u: Doc) => u.status)).toEqual(['resolved', 'investigating']);
    expect(byId('i2').resolved_at).toBe('2025-11-04T15:20:00+01:00');
  });

  it('lists written updates newest first and dates monitoring_at from the monitoring update', () => {
    const inc = incident('w1', ['gfd'], {
      source: 'written',
      status: 'monitoring',
      updates: [
        { status: 'investigating', at: '2025-11-04T15:01:00+01:00', body: { nl: 'kijken' } },
        { status: 'monitoring', at: '2025-11-04T15:20:00+01:00', body: { nl: 'opgelost, we volgen op' } },
      ],
    });
    const out = doc('api/v2/incidents.json', snapshot({ incidents: [inc] }))['incidents'][0];
    expect(out.incident_updates.map((u: Doc) => u.status)).toEqual(['monitoring', 'investigating']);
    expect(out.monitoring_at).toBe('2025-11-04T15:20:00+01:00');
    expect(out.updated_at).toBe('2025-11-04T15:20:00+01:00');
    expect(out.shortlink).toBe('https://status.example.be/nl/incidents/w1/');
  });

  it('keeps only unresolved incidents in unresolved.json and the summary', () => {
    const s = snapshot({ incidents: [incident('open', ['gfd']), incident('old', ['gfd'], { status: 'resolved', resolved_at: '2025-11-04T15:10:00+01:00' })] });
    expect(doc('api/v2/incidents/unresolved.json', s)['incidents'].map((i: Doc) => i.id)).toEqual(['open']);
    expect(doc('api/v2/summary.json', s)['incidents'].map((i: Doc) => i.id)).toEqual(['open']);
  });

  it('splits maintenance into upcoming (soonest first) and active windows', () => {
    const s = snapshot({
      maintenance: [
        maintenance('later', ['gfd'], { starts_at: '2025-11-20T06:00:00+01:00', ends_at: '2025-11-20T07:00:00+01:00' }),
        maintenance('soon', ['gfd']),
        maintenance('now', ['gfd'], { status: 'in_progress', starts_at: '2025-11-04T15:00:00+01:00', ends_at: '2025-11-04T17:00:00+01:00' }),
        maintenance('done', ['gfd'], { status: 'completed', starts_at: '2025-10-01T06:00:00+02:00', ends_at: '2025-10-01T07:00:00+02:00' }),
      ],
    });
    expect(doc('api/v2/scheduled-maintenances/upcoming.json', s)['scheduled_maintenances'].map((m: Doc) => m.id)).toEqual(['soon', 'later']);
    expect(doc('api/v2/scheduled-maintenances/active.json', s)['scheduled_maintenances'].map((m: Doc) => m.id)).toEqual(['now']);
    const all = doc('api/v2/scheduled-maintenances.json', s)['scheduled_maintenances'];
    expect(all.map((m: Doc) => m.id)).toEqual(['later', 'soon', 'now', 'done']);
    expect(all[3]).toMatchObject({ impact: 'maintenance', resolved_at: '2025-10-01T07:00:00+02:00', scheduled_for: '2025-10-01T06:00:00+02:00' });
    expect(doc('api/v2/summary.json', s)['scheduled_maintenances'].map((m: Doc) => m.id)).toEqual(['now', 'soon', 'later']);
  });

  it('never dates a maintenance\'s creation in the future: its announcement, else no later than the snapshot', () => {
    const s = snapshot({
      maintenance: [
        maintenance('later', ['gfd'], { starts_at: '2025-11-20T06:00:00+01:00', ends_at: '2025-11-20T07:00:00+01:00' }),
        maintenance('told', ['gfd'], { starts_at: '2025-11-20T06:00:00+01:00', ends_at: '2025-11-20T07:00:00+01:00', announced_at: '2025-11-01T10:00:00+01:00' }),
        maintenance('now', ['gfd'], { status: 'in_progress', starts_at: '2025-11-04T15:00:00+01:00', ends_at: '2025-11-04T17:00:00+01:00' }),
      ],
    });
    const created = Object.fromEntries(doc('api/v2/scheduled-maintenances.json', s)['scheduled_maintenances'].map((m: Doc) => [m.id, m.created_at]));
    expect(created).toEqual({ later: '2025-11-04T15:30:00+01:00', told: '2025-11-01T10:00:00+01:00', now: '2025-11-04T15:00:00+01:00' });
  });

  it('dates an upcoming maintenance\'s last change at its announcement, not at its future start', () => {
    const told = maintenance('told', ['gfd'], { starts_at: '2025-11-20T06:00:00+01:00', ends_at: '2025-11-20T07:00:00+01:00', announced_at: '2025-11-01T10:00:00+01:00' });
    const [m] = doc('api/v2/scheduled-maintenances.json', snapshot({ maintenance: [told] }))['scheduled_maintenances'];
    expect(m).toMatchObject({ created_at: '2025-11-01T10:00:00+01:00', updated_at: '2025-11-01T10:00:00+01:00', scheduled_for: '2025-11-20T06:00:00+01:00' });
    expect(m.incident_updates[0]).toMatchObject({ created_at: '2025-11-01T10:00:00+01:00', display_at: '2025-11-01T10:00:00+01:00' });
  });

  it('adds a group component whose status is the worst of its members', () => {
    const s = snapshot({
      services: [service('a', 'operational', { group: 'Apotheek' }), service('b', 'partial_outage', { group: 'Apotheek' }), service('c', 'operational')],
      overall: 'partial_outage',
    });
    const components = doc('api/v2/components.json', s)['components'];
    expect(components.map((c: Doc) => [c.id, c.group, c.group_id, c.position])).toEqual([
      ['group-apotheek', true, null, 1],
      ['a', false, 'group-apotheek', 2],
      ['b', false, 'group-apotheek', 3],
      ['c', false, null, 4],
    ]);
    expect(components[0]).toMatchObject({ status: 'partial_outage', components: ['a', 'b'] });
  });

  it('falls back to the default language for texts missing in the requested one', () => {
    const s = snapshot();
    const de = apiDocument('api/v2/components.json', s, GENERATED, 'de') as Doc;
    expect(de['components'][0].name).toBe('GFD');
    expect(de['page'].name).toBe('Teststatus');
    expect(de['x_fluxstatus'].language).toBe('de');
  });

  it('gives the same page id to every file of a site', () => {
    const ids = new Set(API_PATHS.map((p) => doc(p, sample)['page'].id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f]{12}$/);
  });
});

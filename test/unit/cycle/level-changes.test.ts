import { describe, expect, it } from 'vitest';
import { levelChanges, webhookPayload } from '../../../src/lib/cycle/level-changes';
import { snapshotWith } from './snapshot-factory';

const green = { gfd: 'operational', pcdh: 'operational' } as const;

describe('levelChanges', () => {
  it('reports nothing without a previously published snapshot, so a first start does not page anyone', () => {
    expect(levelChanges(null, snapshotWith(green))).toEqual([]);
  });

  it('reports nothing when every level stayed the same', () => {
    expect(levelChanges(snapshotWith(green), snapshotWith(green))).toEqual([]);
  });

  it('reports the service that turned red with its previous level and reason', () => {
    const changes = levelChanges(snapshotWith(green), snapshotWith({ gfd: 'operational', pcdh: 'major_outage' }));
    expect(changes).toEqual([
      {
        service_id: 'pcdh',
        name: { nl: 'PCDH', fr: 'PCDH' },
        previous_level: 'operational',
        level: 'major_outage',
        reason: { nl: 'pcdh reden', fr: 'pcdh raison' },
        since: '2025-11-04T15:00:00+01:00',
      },
    ]);
  });

  it('reports a green service turning grey when its data went stale', () => {
    const changes = levelChanges(snapshotWith(green), snapshotWith({ gfd: 'unknown', pcdh: 'operational' }));
    expect(changes.map((c) => [c.service_id, c.previous_level, c.level])).toEqual([['gfd', 'operational', 'unknown']]);
  });

  it('reports a newly configured service with no previous level', () => {
    const changes = levelChanges(snapshotWith(green), snapshotWith({ ...green, raotd: 'operational' }));
    expect(changes.map((c) => [c.service_id, c.previous_level])).toEqual([['raotd', null]]);
  });
});

describe('webhookPayload', () => {
  it('is null when nothing changed, so no POST is sent', () => {
    expect(webhookPayload(snapshotWith(green), snapshotWith(green))).toBeNull();
  });

  it('carries the changes and the whole public picture', () => {
    const payload = webhookPayload(snapshotWith(green), snapshotWith({ gfd: 'degraded', pcdh: 'operational' }));
    expect(payload?.type).toBe('fluxstatus.level_change');
    expect(payload?.overall).toEqual({ level: 'degraded', previous_level: 'operational', reason: null });
    expect(payload?.services.map((s) => `${s.id}=${s.level}`)).toEqual(['gfd=degraded', 'pcdh=operational']);
    expect(payload?.changes).toHaveLength(1);
    expect(payload?.site_url).toBe('https://status.example.org/');
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reduce } from '../../scripts/reduce';
import { SnapshotSchema } from '../../src/lib/snapshot/schema';
import { parseIso } from '../../src/lib/time/zone';

const NOW = parseIso('2025-11-04T15:30:30+01:00');

describe('reduce on the sample data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-reduce-'));
  const data = join(dir, 'data');
  cpSync('data', data, { recursive: true });
  const paths = { config: 'data/status.yaml', data, out: join(dir, 'snapshot.json'), report: join(dir, 'report.json'), ledger: join(dir, 'ledger.json'), progress: false };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a valid snapshot with RaOTD red or orange for the ongoing error incident and the others green', async () => {
    const r = await reduce({ ...paths, now: NOW });
    expect(r.exitCode).toBe(0);
    const snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(paths.out, 'utf8')));
    const level = Object.fromEntries(snapshot.services.map((s) => [s.id, s.level]));
    expect(['degraded', 'partial_outage', 'major_outage']).toContain(level['raotd']);
    expect([level['gfd'], level['pcdh'], level['assurpharma']]).toEqual(['operational', 'operational', 'operational']);
    expect(snapshot.services.find((s) => s.id === 'raotd')?.reason?.en).toMatch(/% of calls fail/);
  });

  it('publishes no internal names (paths, DS names)', () => {
    const text = readFileSync(paths.out, 'utf8');
    for (const secret of ['.rrd', 'rrd/', 'p95-ms', 'errors_per_min', 'calls_per_min', 'queue_depth', dir]) expect(text).not.toContain(secret);
  });

  it('changes no recorded incident when run again over the same data', async () => {
    const before = readFileSync(paths.ledger, 'utf8');
    const r = await reduce({ ...paths, now: NOW });
    expect(r.ledgerAdded).toEqual([]);
    expect(r.ledgerUpdated).toEqual([]);
    expect(readFileSync(paths.ledger, 'utf8')).toBe(before);
  });

  it('keeps the ledger history when one service\'s RRDs are deleted, and shows that service unknown, not green', async () => {
    const before = JSON.parse(readFileSync(paths.ledger, 'utf8')) as { incidents: { id: string; ended_at: string | null }[] };
    rmSync(join(data, 'rrd', 'pcdh'), { recursive: true, force: true });
    const r = await reduce({ ...paths, now: NOW + 600 });
    expect(r.exitCode).toBe(1);
    expect(r.snapshot?.services.find((s) => s.id === 'pcdh')?.level).toBe('unknown');
    const after = JSON.parse(readFileSync(paths.ledger, 'utf8')) as { incidents: { id: string }[] };
    expect(after.incidents.map((e) => e.id)).toEqual(expect.arrayContaining(before.incidents.map((e) => e.id)));
    expect(after.incidents.filter((e) => e.id.includes('-pcdh-'))).toEqual(before.incidents.filter((e) => e.id.includes('-pcdh-')));
  });

  it('exits 2 and leaves the ledger untouched when no RRD data is left', async () => {
    const before = readFileSync(paths.ledger, 'utf8');
    rmSync(join(data, 'rrd'), { recursive: true, force: true });
    const r = await reduce({ ...paths, now: NOW + 1200 });
    expect(r.exitCode).toBe(2);
    expect(readFileSync(paths.ledger, 'utf8')).toBe(before);
  });
});

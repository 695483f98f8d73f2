import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReduceCli } from '../../scripts/reduce';
import { reduce } from '../../scripts/lib/reduce-run';
import { ReduceCache } from '../../scripts/lib/reduce-cache';
import { liveAt } from '../../src/lib/cycle/now';
import { SnapshotSchema } from '../../src/lib/snapshot/schema';
import { parseIso } from '../../src/lib/time/zone';

const NOW = parseIso('2025-11-04T15:30:30+01:00');
const live = (t: number) => ({ now: liveAt(t * 1000), wallMs: Date.now() });

/** A copy of the sample data in a temp dir, with the paths a reduce needs. */
function sampleCopy(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `fluxstatus-${name}-`));
  const data = join(dir, 'data');
  cpSync('data', data, { recursive: true });
  return { dir, data, paths: { config: 'data/status.yaml', data, out: join(dir, 'snapshot.json'), report: join(dir, 'report.json'), ledger: join(dir, 'ledger.json'), progress: false } };
}

describe('reduce on the sample data', () => {
  const { dir, data, paths } = sampleCopy('reduce');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a live run without a ledger file unless asked to start a new history, and writes nothing', async () => {
    const r = await reduce({ ...paths, ...live(NOW) });
    expect(r.exitCode).toBe(2);
    expect(r.messages.at(-1)).toMatch(/ledger\.json: no incident ledger — if it was deleted, restore it from a backup or version control; to start a new, empty incident history, run again with --new-ledger\. Nothing was written or published\.$/);
    expect(existsSync(paths.ledger)).toBe(false);
    expect(existsSync(paths.out)).toBe(false);
  });

  it('writes a valid snapshot with RaOTD red or orange for the ongoing error incident and the others green', async () => {
    const r = await reduce({ ...paths, ...live(NOW), newLedger: true });
    expect(r.exitCode).toBe(0);
    const snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(paths.out, 'utf8')));
    expect(snapshot.replay).toBe(false);
    const level = Object.fromEntries(snapshot.services.map((s) => [s.id, s.level]));
    expect(['degraded', 'partial_outage', 'major_outage']).toContain(level['raotd']);
    expect([level['gfd'], level['pcdh'], level['assurpharma']]).toEqual(['operational', 'operational', 'operational']);
    expect(snapshot.services.find((s) => s.id === 'raotd')?.reason?.en).toMatch(/% of calls fail/);
    // The last good copy is kept beside the ledger.
    expect(readFileSync(`${paths.ledger}.last-good`, 'utf8')).toBe(readFileSync(paths.ledger, 'utf8'));
  });

  it('publishes no internal names (paths, DS names)', () => {
    const text = readFileSync(paths.out, 'utf8');
    for (const secret of ['.rrd', 'rrd/', 'p95-ms', dir]) expect(text).not.toContain(secret);
    // DS names as whole words (the published rule keys such as latency_min_calls_per_minute are no leak).
    for (const ds of ['errors_per_min', 'calls_per_min', 'queue_depth']) expect(text).not.toMatch(new RegExp(`\\b${ds}\\b`));
  });

  it('changes no recorded incident when run again over the same data', async () => {
    const before = readFileSync(paths.ledger, 'utf8');
    const r = await reduce({ ...paths, ...live(NOW) });
    expect(r.ledgerAdded).toEqual([]);
    expect(r.ledgerUpdated).toEqual([]);
    expect(readFileSync(paths.ledger, 'utf8')).toBe(before);
  });

  it('keeps the ledger history when one service\'s RRDs are deleted, and shows that service unknown, not green', async () => {
    const before = JSON.parse(readFileSync(paths.ledger, 'utf8')) as { incidents: { id: string; ended_at: string | null }[] };
    rmSync(join(data, 'rrd', 'pcdh'), { recursive: true, force: true });
    const r = await reduce({ ...paths, ...live(NOW + 600) });
    expect(r.exitCode).toBe(1);
    expect(r.snapshot?.services.find((s) => s.id === 'pcdh')?.level).toBe('unknown');
    const after = JSON.parse(readFileSync(paths.ledger, 'utf8')) as { incidents: { id: string }[] };
    expect(after.incidents.map((e) => e.id)).toEqual(expect.arrayContaining(before.incidents.map((e) => e.id)));
    expect(after.incidents.filter((e) => e.id.includes('-pcdh-'))).toEqual(before.incidents.filter((e) => e.id.includes('-pcdh-')));
  });

  it('exits 2 and leaves the ledger untouched when no RRD data is left', async () => {
    const before = readFileSync(paths.ledger, 'utf8');
    rmSync(join(data, 'rrd'), { recursive: true, force: true });
    const r = await reduce({ ...paths, ...live(NOW + 1200) });
    expect(r.exitCode).toBe(2);
    expect(readFileSync(paths.ledger, 'utf8')).toBe(before);
  });
});

describe('replays are read-only (issue 10)', () => {
  const { dir, data } = sampleCopy('replay');
  const ledger = join(data, 'ledger', 'incidents.json');
  const state = join(dir, 'state');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...argv: string[]) => runReduceCli('reduce', ['--data', data, '--state', state, ...argv]);

  it('leaves data/ledger/incidents.json byte-identical after the three commands of the issue, with or without state', async () => {
    // A live history first: RaOTD's incident is ongoing at 15:30.
    const seeded = await reduce({ config: 'data/status.yaml', data, out: join(dir, 'seed.json'), report: join(dir, 'seed-report.json'), progress: false, ...live(parseIso('2025-11-04T15:30:00+01:00')), newLedger: true });
    expect(seeded.exitCode).toBe(0);
    const before = readFileSync(ledger);
    expect(before.toString()).toContain('"2025-11-04-raotd-1"');
    for (const state of [['--no-state'], []]) {
      expect(await cli('--now', '2025-11-04T15:30:00+01:00', ...state)).toBe(0);
      expect(await cli('--now', '2025-11-03T03:00:00+01:00', ...state)).toBe(0);
      expect(await cli('--now', '2025-11-04T15:30:00+01:00', ...state)).toBe(0);
      expect(readFileSync(ledger).equals(before)).toBe(true);
    }
    // The replay's snapshot still shows the incident as it was known then: ongoing, once (its written communication stands for it).
    const snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(join(state, 'snapshot.json'), 'utf8')));
    expect(snapshot.replay).toBe(true);
    const raotd = snapshot.incidents.filter((i) => i.service_ids.includes('raotd') && i.started_at.startsWith('2025-11-04'));
    expect(raotd.map((i) => i.resolved_at)).toEqual([null]);
    expect(snapshot.incidents.some((i) => i.id === '2025-11-04-raotd-2')).toBe(false);
  });

  it('shows the incidents of a night before they began as absent, not resolved before they started', async () => {
    expect(await cli('--now', '2025-11-03T03:00:00+01:00', '--no-state')).toBe(0);
    const snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(join(state, 'snapshot.json'), 'utf8')));
    expect(snapshot.incidents.some((i) => /^2025-11-04-[a-z]+-\d+$/.test(i.id))).toBe(false);
    for (const i of snapshot.incidents) if (i.resolved_at !== null) expect(parseIso(i.resolved_at)).toBeGreaterThanOrEqual(parseIso(i.started_at));
  });

  it('npm run check writes nothing and exits 0 on the sample, 2 on a bad config', async () => {
    const empty = join(dir, 'check-state');
    const before = readFileSync(ledger);
    expect(await runReduceCli('check', ['--data', data, '--state', empty, '--now', '2025-11-04T15:30:00+01:00'])).toBe(0);
    expect(await runReduceCli('check', ['--data', data, '--state', empty])).toBe(0);
    expect(existsSync(empty)).toBe(false);
    expect(readFileSync(ledger).equals(before)).toBe(true);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'site: {}\nservices: 3\n');
    expect(await runReduceCli('check', ['--config', bad, '--data', data, '--state', empty])).toBe(2);
    expect(existsSync(empty)).toBe(false);
  });
});

describe('a ledger that cannot be used (issue 11)', () => {
  const { dir, data, paths } = sampleCopy('ledger-faults');
  const ledgerDir = join(dir, 'ledger');
  const ledger = join(ledgerDir, 'incidents.json');
  const opts = { ...paths, ledger };
  // Root ignores permissions: the directory is then made immutable instead (chattr, as in the issue's case).
  const lockDir = (locked: boolean): void => {
    if (process.getuid?.() === 0) execFileSync('chattr', [locked ? '+i' : '-i', ledgerDir]);
    else chmodSync(ledgerDir, locked ? 0o555 : 0o755);
  };
  afterAll(() => {
    if (existsSync(ledgerDir)) lockDir(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('says in one true line that an unwritable ledger was not written, and writes no snapshot claiming the new history', async () => {
    mkdirSync(ledgerDir);
    writeFileSync(ledger, '{"version":1,"incidents":[]}\n');
    lockDir(true);
    const r = await reduce({ ...opts, ...live(NOW) });
    lockDir(false);
    expect(r.exitCode).toBe(2);
    const line = r.messages.at(-1) ?? '';
    expect(line).toMatch(/incidents\.json: cannot write the incident ledger \((EACCES|EPERM)\) — make .*ledger and the file writable; the previous ledger and the published site stay as they were$/);
    expect(line).not.toContain('bug');
    expect(existsSync(paths.out)).toBe(false);
    expect(readFileSync(ledger, 'utf8')).toBe('{"version":1,"incidents":[]}\n');
  });

  it('refuses a corrupt ledger, names the last good copy and writes nothing', async () => {
    const good = await reduce({ ...opts, ...live(NOW) });
    expect(good.exitCode).toBe(0);
    const copy = readFileSync(`${ledger}.last-good`, 'utf8');
    writeFileSync(ledger, copy.slice(0, 200));
    rmSync(paths.out);
    const r = await reduce({ ...opts, ...live(NOW + 60) });
    expect(r.exitCode).toBe(2);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toContain(`restore the last good copy (cp ${ledger}.last-good ${ledger}); nothing was written and the published site stays as it was`);
    expect(readFileSync(ledger, 'utf8')).toBe(copy.slice(0, 200));
    expect(readFileSync(`${ledger}.last-good`, 'utf8')).toBe(copy);
    expect(existsSync(paths.out)).toBe(false);
  });

  it('accepts a ledger that starts with a UTF-8 byte order mark', async () => {
    writeFileSync(ledger, `\uFEFF${readFileSync(`${ledger}.last-good`, 'utf8')}`);
    const r = await reduce({ ...opts, ...live(NOW) });
    expect(r.exitCode).toBe(0);
  });

  it('refuses to start a new history over a deleted ledger, naming the last good copy', async () => {
    rmSync(ledger);
    const r = await reduce({ ...opts, ...live(NOW) });
    expect(r.exitCode).toBe(2);
    expect(r.messages[0]).toContain(`if it was deleted, restore it (cp ${ledger}.last-good ${ledger}); to start a new, empty incident history, run again with --new-ledger`);
    expect(existsSync(ledger)).toBe(false);
    void data;
  });
});

describe('an input that becomes unreadable (issue 11)', () => {
  const { dir, data, paths } = sampleCopy('unreadable');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes its service unknown but never closes its open incident', async () => {
    const cache = new ReduceCache();
    const seeded = await reduce({ ...paths, ...live(NOW), newLedger: true, cache });
    expect(seeded.exitCode).toBe(0);
    const open = () => (JSON.parse(readFileSync(paths.ledger, 'utf8')) as { incidents: { id: string; ended_at: string | null }[] }).incidents.find((e) => e.id === '2025-11-04-raotd-1');
    expect(open()?.ended_at).toBeNull();
    // One of RaOTD's inputs is cut to a few bytes: unreadable from now on — reported even at the same minute.
    writeFileSync(join(data, 'rrd', 'raotd', 'calls.rrd'), 'RRD\0');
    const same = await reduce({ ...paths, ...live(NOW), cache });
    expect(same.exitCode).toBe(1);
    expect(same.messages.some((m) => m.includes('raotd/calls.rrd'))).toBe(true);
    const r = await reduce({ ...paths, ...live(NOW + 600) });
    expect(r.exitCode).toBe(1);
    expect(r.messages.some((m) => m.includes('raotd/calls.rrd') && m.includes('is unknown'))).toBe(true);
    expect(r.snapshot?.services.find((s) => s.id === 'raotd')?.level).toBe('unknown');
    expect(open()?.ended_at).toBeNull();
    expect(r.ledgerUpdated).not.toContain('2025-11-04-raotd-1');
  });
});

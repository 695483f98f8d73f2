/**
 * Reading through rrdcached, with a real daemon (started and stopped here, temp socket, a one-hour
 * write delay so the files on disk lag). Its base directory (-b, -B) is RaOTD's data folder, so it
 * refuses to flush AssurPharma's files: RaOTD is read current, AssurPharma is unknown, and when the
 * daemon is gone both are unknown — each cycle still publishes the rest of the site, nothing green.
 * Needs rrdcached (Debian: apt-get install rrdcached).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseCli } from '../../src/lib/cycle/args';
import { liveAt } from '../../src/lib/cycle/now';
import { INPUT_FAILED_REASON } from '../../src/lib/health/reasons';
import { contextFor } from '../../scripts/build';
import { createCycleLog } from '../../scripts/lib/cycle-log';
import { cycleContext, runCycle, statePaths, type CycleContext } from '../../scripts/lib/cycle-run';
import { REQUIRED_FILES, readPublishedSnapshot, siteLayout } from '../../scripts/lib/publish';
import { batchAnswer, cachedAddress, flushFiles, parseAddress } from '../../scripts/lib/rrdcached';

let dir: string;
let daemon: ChildProcess;
let socket: string;
let prebuilt: string;
const rrdtool = (...args: string[]): string => execFileSync('rrdtool', args, { encoding: 'utf8', env: { ...process.env, RRDCACHED_ADDRESS: '' } }).trim();
const calls = (): string => join(dir, 'data/rrd/raotd/calls.rrd');
/** A held update one minute after the file's last one; returns its time (epoch s). */
const holdUpdate = (file: string): number => {
  const t = Number(rrdtool('last', file)) + 60;
  rrdtool('update', '--daemon', `unix:${socket}`, file, `${t}:42`);
  return t;
};

/** RaOTD and AssurPharma of the sample, their config (with `rrdcached:` when given), and a stand-in build. */
async function deployment(rrdcachedKey: string | null): Promise<void> {
  for (const id of ['raotd', 'assurpharma']) await cp(resolve(`data/rrd/${id}`), join(dir, `data/rrd/${id}`), { recursive: true });
  const config = parse(await readFile(resolve('data/status.yaml'), 'utf8')) as { services: { id: string }[]; rrdcached?: string };
  config.services = config.services.filter((s) => s.id === 'raotd' || s.id === 'assurpharma');
  if (rrdcachedKey !== null) config.rrdcached = rrdcachedKey;
  await writeFile(join(dir, 'status.yaml'), stringify(config));
  await writeFile(join(dir, 'env-only.yaml'), stringify({ ...config, rrdcached: undefined }));
  prebuilt = join(dir, 'prebuilt');
  for (const f of REQUIRED_FILES) {
    await mkdir(join(prebuilt, f, '..'), { recursive: true });
    await writeFile(join(prebuilt, f), `<p>${f}</p>`);
  }
}

function cycleIn(state: string, configFile = 'status.yaml'): CycleContext {
  return cycleContext({
    root: resolve('.'),
    configPath: join(dir, configFile),
    dataDir: join(dir, 'data'),
    layout: siteLayout(join(dir, state)),
    ...statePaths(join(dir, state)),
    keep: 3,
    intervalMs: 60_000,
    log: createCycleLog(),
    webhook: null,
    newLedger: true,
    env: {},
    buildSite: (_snapshot, out) => cp(prebuilt, out, { recursive: true }),
  });
}

beforeAll(async () => {
  if (!existsSync('/usr/bin/rrdcached')) throw new Error('rrdcached is not installed: apt-get install rrdcached');
  dir = await mkdtemp(join(tmpdir(), 'fluxstatus-rrdcached-'));
  socket = join(dir, 'rrdcached.sock');
  await deployment(`unix:${socket}`);
  daemon = spawn('/usr/bin/rrdcached', ['-g', '-l', `unix:${socket}`, '-b', join(dir, 'data/rrd/raotd'), '-B', '-w', '3600', '-f', '7200', '-p', join(dir, 'pid')], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(socket)) throw new Error('rrdcached did not start');
});

async function stopDaemon(): Promise<void> {
  if (daemon !== undefined && daemon.exitCode === null && daemon.signalCode === null) {
    const exited = new Promise((r) => daemon.once('exit', r));
    daemon.kill('SIGTERM');
    await exited;
  }
}

afterAll(async () => {
  await stopDaemon();
  await rm(dir, { recursive: true, force: true });
});

describe('rrdcached', () => {
  it('reads the address from the config first, else RRDCACHED_ADDRESS, as rrdtool does', () => {
    expect(cachedAddress('unix:/run/rrdcached.sock', { RRDCACHED_ADDRESS: 'other:1' })).toBe('unix:/run/rrdcached.sock');
    expect(cachedAddress(undefined, { RRDCACHED_ADDRESS: 'collector.example:42217' })).toBe('collector.example:42217');
    expect(cachedAddress(undefined, {})).toBeNull();
    expect(parseAddress('collector.example')).toEqual({ host: 'collector.example', port: 42217 });
    expect(parseAddress('/run/rrdcached.sock')).toEqual({ path: '/run/rrdcached.sock' });
  });

  it('reads the numbered error lines of a BATCH as the files they name; "No such file" lags nothing', () => {
    expect(batchAnswer(['/a.rrd', '/b.rrd', '/c.rrd'], ['2 /b.rrd: Permission denied', '3 No such file: /c.rrd'])).toEqual({ ok: true, flushed: 2, refused: [{ path: '/b.rrd', answer: '/b.rrd: Permission denied' }] });
    expect(batchAnswer(['/a.rrd'], ['garbage'])).toEqual({ ok: false, error: 'answered "garbage" to a BATCH of 1 FLUSH commands' });
  });

  it('flushes a held update, so the file on disk is current before it is read', async () => {
    const before = Number(rrdtool('last', calls()));
    const t = holdUpdate(calls());
    // The daemon holds it: the file on disk still ends at the old update.
    expect(Number(rrdtool('last', calls()))).toBe(before);
    expect(await flushFiles(`unix:${socket}`, [calls()])).toEqual({ ok: true, flushed: 1, refused: [] });
    expect(Number(rrdtool('last', calls()))).toBe(t);
    // Nothing pending any more: no error either.
    expect(await flushFiles(`unix:${socket}`, [calls()])).toEqual({ ok: true, flushed: 1, refused: [] });
  });

  it('names the files the daemon refuses to flush, with its answer', async () => {
    const outside = join(dir, 'data/rrd/assurpharma/calls.rrd');
    const result = await flushFiles(`unix:${socket}`, [calls(), outside]);
    expect(result).toEqual({ ok: true, flushed: 1, refused: [{ path: outside, answer: `${outside}: Permission denied` }] });
  });

  it('says in one line when the daemon does not answer', async () => {
    const result = await flushFiles(`unix:${join(dir, 'nobody.sock')}`, [calls()], 2_000);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^rrdcached at unix:.*nobody\.sock is not reachable \(ENOENT\); the files on disk may lag by its write delay$/);
      expect(result.error).not.toContain('\n');
    }
  });
});

describe('a cycle reading through rrdcached', () => {
  it('flushes before it reads: the held minute is in the snapshot; a refused file leaves only its service unknown', async () => {
    const ctx = cycleIn('state-a');
    const t = holdUpdate(calls());
    const s = await runCycle(ctx, { now: liveAt(t * 1000), wallMs: Date.now() });
    expect(s.outcome, s.error ?? '').toBe('published');
    expect(Number(rrdtool('last', calls()))).toBe(t);
    expect(s.notes.join(' | ')).toMatch(/rrdcached: 4 files flushed in \d+ms, 3 refused \(shown as unknown\)/);
    const snapshot = await readPublishedSnapshot(ctx.layout);
    const level = (id: string): string | undefined => snapshot?.services.find((x) => x.id === id)?.level;
    expect(level('raotd')).not.toBe('unknown');
    expect(level('assurpharma')).toBe('unknown');
    expect(snapshot?.services.find((x) => x.id === 'assurpharma')?.reason).toEqual(INPUT_FAILED_REASON);
    // The held minute of calls.rrd was read: RaOTD's newest data is the row of that update.
    expect(Date.parse(snapshot?.services.find((x) => x.id === 'raotd')?.data_until ?? '')).toBe((t - (t % 60)) * 1000);
    const report = JSON.parse(await readFile(join(dir, 'state-a/report.json'), 'utf8')) as { inputs: { errors: { path: string; message: string }[] } };
    const errors = JSON.stringify(report);
    expect(errors).toContain(`rrdcached at unix:${socket} refused to flush this file`);
    expect(errors).toContain(`correct rrdcached: in ${join(dir, 'status.yaml')}`);
  });

  it('npm run build flushes through RRDCACHED_ADDRESS when the config has no rrdcached: key', async () => {
    const t = holdUpdate(calls());
    const parsed = parseCli('build', ['--config', join(dir, 'env-only.yaml'), '--data', join(dir, 'data'), '--state', join(dir, 'state-b'), '--new-ledger'], {}, t * 1000);
    if (!parsed.ok) throw new Error('bad arguments');
    const ctx = contextFor(parsed.args, createCycleLog(), 60_000, { RRDCACHED_ADDRESS: `unix:${socket}` });
    ctx.buildSite = (_snapshot, out) => cp(prebuilt, out, { recursive: true });
    const s = await runCycle(ctx, { now: parsed.args.now, wallMs: Date.now() });
    expect(s.outcome, s.error ?? '').toBe('published');
    expect(Number(rrdtool('last', calls()))).toBe(t);
    const errors = JSON.stringify(JSON.parse(await readFile(join(dir, 'state-b/report.json'), 'utf8')));
    expect(errors).toContain('or correct RRDCACHED_ADDRESS');
  });

  it('with the daemon down, shows every metric read through it unknown — one line naming the address and the fix — and still publishes', async () => {
    const ctx = cycleIn('state-a');
    const ledgerBefore = await readFile(join(dir, 'data/ledger/incidents.json'), 'utf8');
    await stopDaemon();
    const last = Number(rrdtool('last', calls()));
    const s = await runCycle(ctx, { now: liveAt((last + 60) * 1000), wallMs: Date.now() });
    expect(s.outcome, s.error ?? '').toBe('published');
    expect(s.levels).toEqual([
      { id: 'raotd', level: 'unknown' },
      { id: 'assurpharma', level: 'unknown' },
    ]);
    expect(s.notes.join(' | ')).toContain('rrdcached: not flushed (7 files shown as unknown)');
    const first = s.notes.find((n) => n.includes('inputs failed')) ?? '';
    expect(first).toMatch(new RegExp(`rrdcached at unix:${socket} is not reachable \\((?:ECONNREFUSED|ENOENT)\\); the files on disk may lag by its write delay, so its metric is unknown — start rrdcached there, or correct rrdcached: in `));
    expect(first).not.toContain('\n');
    const snapshot = await readPublishedSnapshot(ctx.layout);
    expect(snapshot?.overall.level).toBe('unknown');
    expect(snapshot?.services.map((x) => x.reason)).toEqual([INPUT_FAILED_REASON, INPUT_FAILED_REASON]);
    // An unreadable input never opens, extends or closes an incident.
    expect(await readFile(join(dir, 'data/ledger/incidents.json'), 'utf8')).toBe(ledgerBefore);
  });
});

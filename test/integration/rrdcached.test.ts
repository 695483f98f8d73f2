/**
 * Reading through rrdcached: a real daemon (started and stopped here, temp socket, a one-hour write
 * delay so the file on disk lags) holds an update; flushing it before the read makes the file on
 * disk current. A daemon that does not answer is one line, never a crash.
 * Needs rrdcached (Debian: apt-get install rrdcached).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedAddress, flushFiles, parseAddress } from '../../scripts/lib/rrdcached';

let dir: string;
let daemon: ChildProcess;
let socket: string;
const rrdtool = (...args: string[]): string => execFileSync('rrdtool', args, { encoding: 'utf8', env: { ...process.env, RRDCACHED_ADDRESS: '' } }).trim();

beforeAll(async () => {
  if (!existsSync('/usr/bin/rrdcached')) throw new Error('rrdcached is not installed: apt-get install rrdcached');
  dir = await mkdtemp(join(tmpdir(), 'fluxstatus-rrdcached-'));
  socket = join(dir, 'rrdcached.sock');
  await copyFile(resolve('data/rrd/raotd/calls.rrd'), join(dir, 'calls.rrd'));
  daemon = spawn('/usr/bin/rrdcached', ['-g', '-l', `unix:${socket}`, '-b', dir, '-B', '-w', '3600', '-f', '7200', '-p', join(dir, 'pid')], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(socket)) throw new Error('rrdcached did not start');
});

afterAll(async () => {
  if (daemon !== undefined && daemon.exitCode === null && daemon.signalCode === null) {
    const exited = new Promise((r) => daemon.once('exit', r));
    daemon.kill('SIGTERM');
    await exited;
  }
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

  it('flushes a held update, so the file on disk is current before it is read', async () => {
    const file = join(dir, 'calls.rrd');
    const before = Number(rrdtool('last', file));
    rrdtool('update', '--daemon', `unix:${socket}`, file, `${before + 60}:42`);
    // The daemon holds it: the file on disk still ends at the old update.
    expect(Number(rrdtool('last', file))).toBe(before);
    const result = await flushFiles(`unix:${socket}`, [file]);
    expect(result).toEqual({ ok: true, flushed: 1, notCached: 0 });
    expect(Number(rrdtool('last', file))).toBe(before + 60);
  });

  it('answers a flush of a file with nothing pending without an error', async () => {
    const result = await flushFiles(`unix:${socket}`, [join(dir, 'calls.rrd')]);
    expect(result).toEqual({ ok: true, flushed: 1, notCached: 0 });
  });

  it('says in one line when the daemon does not answer', async () => {
    const result = await flushFiles(`unix:${join(dir, 'nobody.sock')}`, [join(dir, 'calls.rrd')], 2_000);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^rrdcached at unix:.*nobody\.sock is not reachable \(ENOENT\); the files on disk may lag by its write delay$/);
      expect(result.error).not.toContain('\n');
    }
  });
});

/**
 * `npm start` stopped with SIGTERM while its Astro build child runs: the child (and everything it
 * started) is gone afterwards, the process exits 0 and the reduce state is on disk.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { raotdDeployment } from './helpers/raotd-deployment';

const ROOT = resolve('.');
const DIR = join(ROOT, '.fluxstatus', `test-sigterm-${process.pid}`);

/** Live processes (not zombies) whose parent chain reaches `root`, with their command lines. */
function descendants(root: number): Map<number, string> {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') parent.set(Number(name), Number(fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out = new Map<number, string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!out.has(pid) && (ppid === root || out.has(ppid))) {
        out.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
        grew = true;
      }
    }
  }
  return out;
}

const alive = (pid: number): boolean => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

afterAll(async () => {
  await rm(DIR, { recursive: true, force: true });
});

describe('npm start and SIGTERM', () => {
  it('stops the running build child, flushes the state and exits 0', async () => {
    await mkdir(DIR, { recursive: true });
    await raotdDeployment(DIR);
    const state = join(DIR, 'state');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/start.ts'), '--config', join(DIR, 'status.yaml'), '--data', join(DIR, 'data'), '--state', state, '--now', 'latest', '--fresh-template'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0', HOST: '127.0.0.1' } },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const pid = child.pid as number;

    // Wait until the Astro build child runs (--fresh-template: even when an earlier test left this
    // project a checked render template, this start builds with Astro).
    let seen = new Map<number, string>();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      seen = descendants(pid);
      if ([...seen.values()].some((c) => c.includes('astro') && c.includes(' build'))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([...seen.values()].some((c) => c.includes('astro') && c.includes(' build')), `no build child appeared:\n${out}`).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    seen = new Map([...seen, ...descendants(pid)]);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    const left = [...seen].filter(([p]) => alive(p)).map(([p, c]) => `${p} ${c}`);
    expect(left).toEqual([]);
    expect(out).toContain('SIGTERM: stopping');
    expect(existsSync(join(state, 'state', 'reduce-state.bin'))).toBe(true);
    // The unfinished build is not published.
    expect(existsSync(join(state, 'site'))).toBe(false);
  }, 120_000);
});

/**
 * `npm start` starts a cycle when data lands: an rrdtool update of one file is one cycle, a burst of
 * updates to every file is one cycle; without data and with nothing due no cycle runs at all (an idle
 * minute costs no reduce and no render), and fresh data that stops still turns the service grey on
 * time (a cycle due at its stale limit). Real process, real rrdtool, real Astro build.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raotdDeployment } from './helpers/raotd-deployment';

const ROOT = resolve('.');
const DIR = join(ROOT, '.fluxstatus', `test-triggers-${process.pid}`);
let child: ChildProcess;
let out = '';

/** Resolves with the first cycle line after `from` (an index into `out`). */
async function nextCycle(from: number, timeoutMs: number): Promise<{ line: string; end: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rest = out.slice(from);
    const m = /^cycle [^\n]*\n/m.exec(rest);
    if (m) return { line: m[0], end: from + m.index + m[0].length };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no cycle line within ${timeoutMs / 1000} s:\n${out}`);
}

/** rrdtool update of a file one step after its last update (one unknown value per data source). */
function updateOnce(file: string, step: number): void {
  const last = Number(execFileSync('rrdtool', ['last', file], { encoding: 'utf8' }).trim());
  const sources = execFileSync('rrdtool', ['info', file], { encoding: 'utf8' }).split('\n').filter((l) => /^ds\[[^\]]+\]\.index = /.test(l)).length;
  execFileSync('rrdtool', ['update', file, `${last + step}${':U'.repeat(sources)}`]);
}

beforeAll(async () => {
  await mkdir(DIR, { recursive: true });
  await raotdDeployment(DIR);
  // A short stale limit, so that the grey-on-time case below takes two minutes, not six.
  const config = parse(await readFile(join(DIR, 'status.yaml'), 'utf8')) as Record<string, unknown>;
  config['rules'] = { ...(config['rules'] as object | undefined), stale_after_seconds: 60 };
  await writeFile(join(DIR, 'status.yaml'), stringify(config));
  child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/start.ts'), '--config', join(DIR, 'status.yaml'), '--data', join(DIR, 'data'), '--state', join(DIR, 'state'), '--now', 'live', '--new-ledger', '--interval', '20'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0', HOST: '127.0.0.1' } },
  );
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
});

afterAll(async () => {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await rm(DIR, { recursive: true, force: true });
});

describe('data-triggered cycles of npm start', () => {
  let at = 0;
  it('runs the first cycle at start', async () => {
    const first = await nextCycle(at, 240_000);
    at = first.end;
    expect(first.line).toMatch(/^cycle published .*trigger: start/);
  }, 250_000);

  it('runs one cycle for one rrdtool update', async () => {
    updateOnce(join(DIR, 'data/rrd/raotd/calls.rrd'), 60);
    const c = await nextCycle(at, 120_000);
    at = c.end;
    expect(c.line).toMatch(/^cycle published .*trigger: data \(1 file changed\)/);
  }, 130_000);

  it('runs one cycle for a burst of updates to every file, then none while nothing is due (not one per --interval)', async () => {
    const dir = join(DIR, 'data/rrd/raotd');
    for (const f of await readdir(dir)) updateOnce(join(dir, f), 120);
    const burst = await nextCycle(at, 120_000);
    expect(burst.line).toMatch(/trigger: data \(4 files changed\)/);
    at = burst.end;
    // The data is from 2025, stale in live mode: the next change is at the full hour at the earliest.
    // Three intervals (20 s here) pass without a cycle: no reduce, no render.
    const minute = new Date().getMinutes();
    if (minute < 59) await expect(nextCycle(at, 60_000)).rejects.toThrow(/no cycle line/);
  }, 200_000);

  it('turns fresh data grey on time once it stops, in a cycle due at the stale limit', async () => {
    const dir = join(DIR, 'data/rrd/raotd');
    const t = Math.floor(Date.now() / 60_000) * 60;
    for (const f of await readdir(dir)) {
      const sources = execFileSync('rrdtool', ['info', join(dir, f)], { encoding: 'utf8' }).split('\n').filter((l) => /^ds\[[^\]]+\]\.index = /.test(l)).length;
      execFileSync('rrdtool', ['update', join(dir, f), `${t - 60}${':5'.repeat(sources)}`, `${t}${':5'.repeat(sources)}`]);
    }
    const fresh = await nextCycle(at, 120_000);
    expect(fresh.line).toMatch(/trigger: data \(4 files changed\)/);
    // The row stamped t turns stale at t + 60 s + 1 min; the cycle due then shows it grey (unknown), never green.
    const due = await nextCycle(fresh.end, 200_000);
    expect(due.line).toMatch(/^cycle published .*trigger: due/);
    expect(due.line).toContain('raotd=unknown');
    const at2 = Date.parse(/at=(\S+)/.exec(due.line)![1]!) / 1000;
    expect(at2).toBeGreaterThanOrEqual(t + 120);
    expect(at2).toBeLessThan(t + 120 + 15);
  }, 330_000);
});

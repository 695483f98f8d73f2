/**
 * `npm start` starts a cycle when data lands: an rrdtool update of one file is one cycle, a burst of
 * updates to every file is one cycle, and without data the fallback tick still runs cycles that show
 * the stale service grey (unknown). Real process, real rrdtool, real Astro build.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
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
    // A fallback tick (every 20 s here) may run before the data cycle; the update itself is one cycle.
    let c = await nextCycle(at, 120_000);
    while (c.line.includes('trigger: tick')) c = await nextCycle(c.end, 120_000);
    at = c.end;
    expect(c.line).toMatch(/^cycle published .*trigger: data \(1 file changed\)/);
  }, 130_000);

  it('runs one cycle for a burst of updates to every file, then only the fallback tick, which shows grey', async () => {
    // Right after a fallback tick, so that no tick falls into the burst.
    let tick = await nextCycle(at, 120_000);
    while (!tick.line.includes('trigger: tick')) tick = await nextCycle(tick.end, 120_000);
    const dir = join(DIR, 'data/rrd/raotd');
    for (const f of await readdir(dir)) updateOnce(join(dir, f), 120);
    const burst = await nextCycle(tick.end, 120_000);
    expect(burst.line).toMatch(/trigger: data \(4 files changed\)/);
    const after = await nextCycle(burst.end, 60_000);
    expect(after.line).toContain('trigger: tick');
    // The sample data is from 2025: in live mode it is stale, so the service is unknown (grey), never green.
    expect(after.line).toContain('raotd=unknown');
  }, 200_000);
});

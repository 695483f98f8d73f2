/**
 * Kill tests with real processes, SIGKILLed after a random delay:
 * - 20 kills of the publish step alone (a child publishing copies of a prebuilt site in a loop);
 * - 4 kills of whole cycles (real reduce on a small data set, so the ledger is written too; a prebuilt
 *   site copied in place of the Astro build, which keeps each kill cheap).
 * After every kill the published directory must be one complete build, and the ledger must parse with
 * no entry lost.
 */
import { spawn } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerSchema } from '../../src/lib/ledger/schema';
import { BUILD_SNAPSHOT, COMPLETE_MARKER, checkBuild, cleanupBuilds, siteLayout } from '../../scripts/lib/publish';
import { raotdDeployment } from './helpers/raotd-deployment';

const ROOT = resolve('.');
const PUBLISH_KILLS = 20;
const CYCLE_KILLS = 4;
let dir: string;
let prebuiltFiles: number;

/** The publish-only child: publishes copies of the prebuilt site until killed. */
const PUBLISH_CHILD = `
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanupBuilds, newBuildDir, publishBuild, siteLayout } from '${ROOT}/scripts/lib/publish.ts';
const [state, , , prebuilt] = process.argv.slice(2);
const layout = siteLayout(state);
await cleanupBuilds(layout, 3);
for (;;) {
  const dir = await newBuildDir(layout, Date.now());
  await cp(prebuilt, dir, { recursive: true });
  await cp('${ROOT}/test/fixtures/snapshots/sample.json', join(dir, 'snapshot.json'));
  await publishBuild(layout, dir);
  await cleanupBuilds(layout, 3);
}
`;

/** The cycle child: runs `loops` live cycles in a row at the sample's last minute (so the ledger is written), publishing a copy of the prebuilt site. */
const CHILD = `
import { cp } from 'node:fs/promises';
import { cycleContext, runCycle, statePaths } from '${ROOT}/scripts/lib/cycle-run.ts';
import { createCycleLog } from '${ROOT}/scripts/lib/cycle-log.ts';
import { cleanupBuilds, siteLayout } from '${ROOT}/scripts/lib/publish.ts';
const [state, config, data, prebuilt, loops] = process.argv.slice(2);
const layout = siteLayout(state);
const log = createCycleLog();
const ctx = cycleContext({ root: '${ROOT}', configPath: config, dataDir: data, layout, ...statePaths(state), keep: 3, intervalMs: 60000, log, webhook: null, newLedger: true,
  buildSite: (_snapshot, out) => cp(prebuilt, out, { recursive: true }) });
await cleanupBuilds(layout, 3);
for (let i = 0; i < Number(loops); i++) {
  ctx.published = null; // force a build every loop (the content does not change)
  const s = await runCycle(ctx, { now: { nowMs: 1762266617000, replay: false }, wallMs: Date.now() });
  log.cycle(s);
  if (s.outcome === 'failed') process.exit(2);
}
`;

function runChild(script: string, loops: number, killAfterMs: number | null): Promise<{ code: number | null; signal: string | null; out: string; ms: number }> {
  return new Promise((done) => {
    const t = performance.now();
    // One process (node with tsx's loader, not the tsx CLI, which would fork a grandchild), in its own
    // process group so the kill reaches everything it started.
    const child = spawn(process.execPath, ['--import', 'tsx', join(dir, script), join(dir, 'state'), join(dir, 'status.yaml'), join(dir, 'data'), join(dir, 'prebuilt'), String(loops)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = killAfterMs === null ? null : setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      if (timer !== null) clearTimeout(timer);
      done({ code, signal, out, ms: performance.now() - t });
    });
  });
}

const ledgerFile = (): string => join(dir, 'data/ledger/incidents.json');
async function ledgerIds(): Promise<string[]> {
  return LedgerSchema.parse(JSON.parse(await readFile(ledgerFile(), 'utf8'))).incidents.map((e) => e.id);
}

async function countFiles(d: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(d, { withFileTypes: true })) n += e.isDirectory() ? await countFiles(join(d, e.name)) : 1;
  return n;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxstatus-kill-'));
  // Small data: one service (RaOTD, which has incidents, so the ledger has entries), and a prebuilt
  // site with the key pages and 300 more files, so a copy takes long enough to be interrupted.
  const site = await raotdDeployment(dir);
  for (let i = 0; i < 300; i++) {
    await mkdir(join(site, 'client/pages', String(i % 10)), { recursive: true });
    await writeFile(join(site, 'client/pages', String(i % 10), `${i}.html`), `<p>${'x'.repeat(8_000)}${i}</p>`);
  }
  prebuiltFiles = await countFiles(site);
  await writeFile(join(dir, 'cycle-child.mts'), CHILD);
  await writeFile(join(dir, 'publish-child.mts'), PUBLISH_CHILD);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Asserts that the published directory is one complete build. */
async function expectCompletePublished(what: string): Promise<void> {
  const layout = siteLayout(join(dir, 'state'));
  const published = await realpath(layout.siteLink);
  expect(await checkBuild(published), what).toEqual([]);
  await readFile(join(published, COMPLETE_MARKER), 'utf8');
  // Exactly the prebuilt files plus the snapshot and the marker: nothing missing, nothing extra.
  expect(await countFiles(published), what).toBe(prebuiltFiles + 2);
  JSON.parse(await readFile(join(published, BUILD_SNAPSHOT), 'utf8'));
}

describe('a build killed at a random point', () => {
  it(`never leaves a mixed or partial published site (${PUBLISH_KILLS} SIGKILLs during publishing)`, async () => {
    let published = false;
    let checked = 0;
    let base = 700;
    for (let k = 0; k < PUBLISH_KILLS; k++) {
      // tsx needs ~0.5-1 s to start; a publish takes a few hundred ms: the kills land all over the loop.
      // A kill before the first publish moves the next ones later, so the loop cannot pass without publishing.
      const delay = base + Math.random() * 1500;
      const run = await runChild('publish-child.mts', 0, delay);
      expect(run.signal, run.out).toBe('SIGKILL');
      // Until the first publish there is nothing public to break; from then on it must always be whole.
      const everPublished = await lstat(siteLayout(join(dir, 'state')).siteLink).then(() => true, () => false);
      if (!everPublished && !published) {
        base += 500;
        continue;
      }
      published = true;
      await expectCompletePublished(`publish kill ${k} after ${Math.round(delay)} ms`);
      checked++;
    }
    // Not vacuous: most kills landed after a publish and were checked.
    expect(checked).toBeGreaterThanOrEqual(PUBLISH_KILLS / 2);
  }, 300_000);

  it(`keeps the ledger whole and the site complete when whole cycles are killed (${CYCLE_KILLS} SIGKILLs)`, async () => {
    const seed = await runChild('cycle-child.mts', 1, null);
    expect(seed.code, seed.out).toBe(0);
    const seedIds = await ledgerIds();
    expect(seedIds.length).toBeGreaterThan(0);
    for (let k = 0; k < CYCLE_KILLS; k++) {
      // Anywhere from process start-up to the end of the second cycle (reduce, ledger write, publish).
      const delay = 300 + Math.random() * seed.ms * 1.8;
      const run = await runChild('cycle-child.mts', 3, delay);
      expect(run.signal === 'SIGKILL' || run.code === 0, run.out).toBe(true);
      await expectCompletePublished(`cycle kill ${k} after ${Math.round(delay)} ms`);
      const ids = await ledgerIds();
      for (const id of seedIds) expect(ids, `cycle kill ${k}: ledger lost ${id}`).toContain(id);
    }
  }, 300_000);

  it('leaves nothing behind once the next start cleaned up', async () => {
    const layout = siteLayout(join(dir, 'state'));
    await cleanupBuilds(layout, 3);
    const left = await readdir(layout.buildsDir);
    expect(left.length).toBeLessThanOrEqual(3);
    for (const name of left) expect(await readdir(join(layout.buildsDir, name))).toContain(COMPLETE_MARKER);
    expect((await readdir(join(dir, 'state'))).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

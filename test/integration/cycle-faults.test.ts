/**
 * Faults during cycles, with the real reduce on a small data set (RaOTD) and a prebuilt site copied in
 * place of the Astro build: a truncated file, a vanished file, the clock stepping back, no usable input.
 */
import { cp, mkdtemp, readFile, rm, truncate, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAt } from '../../src/lib/cycle/now';
import { LedgerSchema } from '../../src/lib/ledger/schema';
import { createCycleLog } from '../../scripts/lib/cycle-log';
import { cycleContext, runCycle, statePaths, type CycleContext } from '../../scripts/lib/cycle-run';
import { publishedDir, readPublishedSnapshot, siteLayout } from '../../scripts/lib/publish';
import { cycleNow } from '../../src/lib/cycle/clock';
import { raotdDeployment } from './helpers/raotd-deployment';

const END_MS = 1762266617_000; // last update of the sample RRDs
let dir: string;
let ctx: CycleContext;

async function ledgerIds(): Promise<string[]> {
  return LedgerSchema.parse(JSON.parse(await readFile(join(dir, 'data/ledger/incidents.json'), 'utf8'))).incidents.map((e) => e.id);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxstatus-faults-'));
  const site = await raotdDeployment(dir);
  const state = join(dir, 'state');
  const lines: string[] = [];
  const log = { ...createCycleLog(), line: (l: string) => void lines.push(l) };
  ctx = cycleContext({
    root: resolve('.'),
    configPath: join(dir, 'status.yaml'),
    dataDir: join(dir, 'data'),
    layout: siteLayout(state),
    ...statePaths(state),
    keep: 3,
    intervalMs: 60_000,
    log,
    webhook: null,
    // The cycles run live at the sample's last minute (a replay would not write the ledger).
    newLedger: true,
    buildSite: (_snapshot, out) => cp(site, out, { recursive: true }),
  });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a cycle meeting faults', () => {
  it('publishes the live minute and records the incidents of the sample', async () => {
    const s = await runCycle(ctx, { now: liveAt(END_MS), wallMs: Date.now() });
    expect(s.outcome, s.error ?? '').toBe('published');
    expect(s.files).toMatchObject({ failed: 0 });
    expect(s.levels).toEqual([{ id: 'raotd', level: 'partial_outage' }]);
    expect((await ledgerIds()).length).toBeGreaterThan(0);
  });

  it('reads only the files that changed since the previous cycle', async () => {
    ctx.published = null;
    const s = await runCycle(ctx, { now: liveAt(END_MS), wallMs: Date.now() });
    expect(s.files).toEqual({ read: 0, skipped: 4, failed: 0 });
  });

  it('publishes a live minute held after a small clock step back without the replay banner', async () => {
    // The wall clock is 90 s behind the last cycle: `now` is held there, and it is still live.
    const held = cycleNow(liveAt(0), 0, { wallMs: END_MS - 90_000, monoMs: 0 }, END_MS);
    expect(held.now).toEqual({ nowMs: END_MS, replay: false });
    ctx.published = null;
    const s = await runCycle(ctx, { now: held.now, wallMs: Date.now(), notes: [held.note ?? ''] });
    expect(s.outcome, s.error ?? '').toBe('published');
    expect(s.replay).toBe(false);
    const published = await readPublishedSnapshot(ctx.layout);
    expect(published?.replay).toBe(false);
    expect(s.notes.join(' ')).not.toMatch(/replay/);
  });

  it('holds on when the clock steps back: the ledger keeps every entry and the site stays whole', async () => {
    const before = await ledgerIds();
    const s = await runCycle(ctx, { now: liveAt(END_MS - 90_000), wallMs: Date.now() });
    expect(s.outcome, s.error ?? '').toMatch(/published|unchanged/);
    const after = await ledgerIds();
    for (const id of before) expect(after).toContain(id);
  });

  it('reports a file truncated mid-run and shows its service as not green', async () => {
    await truncate(join(dir, 'data/rrd/raotd/calls.rrd'), 2_000);
    const s = await runCycle(ctx, { now: liveAt(END_MS), wallMs: Date.now() });
    expect(s.outcome, s.error ?? '').toBe('published');
    expect(s.files.failed).toBe(1);
    expect(s.notes.join(' ')).toMatch(/1 input failed, shown as unknown/);
    expect(s.levels[0]?.level).not.toBe('operational');
  });

  it('reports a file that disappeared and shows its service as not green', async () => {
    await unlink(join(dir, 'data/rrd/raotd/calls.rrd'));
    const s = await runCycle(ctx, { now: liveAt(END_MS), wallMs: Date.now() });
    expect(s.outcome, s.error ?? '').toMatch(/published|unchanged/);
    expect(s.levels[0]?.level).not.toBe('operational');
  });

  it('fails the cycle and leaves the published site untouched when no input is usable', async () => {
    const published = await publishedDir(ctx.layout);
    await rm(join(dir, 'data/rrd'), { recursive: true });
    ctx.published = null;
    const s = await runCycle(ctx, { now: liveAt(END_MS), wallMs: Date.now() });
    expect(s.outcome).toBe('failed');
    expect(s.error).toMatch(/^reduce: /);
    expect(await publishedDir(ctx.layout)).toBe(published);
  });
});

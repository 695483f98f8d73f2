/**
 * `npm start [-- --config FILE --data DIR --now ISO-8601|latest --interval SECONDS …]`
 *
 * The server and the rebuild loop together. The server (H5's scripts/serve.ts, HOST/PORT env, default
 * 4321) runs as a child process so that a long reduce in this process never delays a request; it
 * serves the published symlink, so it shows the previous good build until a new one is switched in.
 * A cycle runs at once, then whenever data lands in the data directory (scripts/lib/input-watch.ts:
 * settled bursts, one cycle each), and without data when the status can change by itself (the
 * instant each cycle computes: a metric passing its stale limit, a maintenance edge, the hour, the
 * day — src/lib/cycle/next-change.ts), at the latest an hour later; with rrdcached or after a failed
 * cycle one interval after the last (the old fallback tick). Never two at once. Each cycle's line says what
 * triggered it. Pages are rendered in this process from a template built once (site-builder.ts).
 * SIGTERM/SIGINT stop a running build child, flush the reduce state and stop the server.
 * See docs/operations.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseCli, usage } from '../src/lib/cycle/args';
import { cycleNow, detectClockJump, type ClockReading } from '../src/lib/cycle/clock';
import { failedCycle, formatSkippedTicks } from '../src/lib/cycle/log-line';
import { nextAlignedTick, planAfterCycle } from '../src/lib/cycle/schedule';
import { contextFor } from './build';
import { createCycleLog } from './lib/cycle-log';
import { runCycle } from './lib/cycle-run';
import { BUILD_SNAPSHOT, acquireCycleLock, cleanupBuilds, publishedDir } from './lib/publish';
import { flushState } from './lib/reduce-state';
import { serverUrlIn, startMessage } from './lib/start-message';
import { renderingSiteBuilder } from './lib/site-builder';
import { watchInputs } from './lib/input-watch';

const USAGE = usage('start');
const reading = (): ClockReading => ({ wallMs: Date.now(), monoMs: performance.now() });
const first = reading();
const parsed = parseCli('start', process.argv.slice(2), process.env, first.wallMs);
if (!parsed.ok) {
  if ('help' in parsed) process.stdout.write(`${USAGE}\n`);
  else process.stderr.write(`fluxstatus start: ${parsed.error}\n${USAGE}\n`);
  process.exit('help' in parsed ? 0 : 2);
}
const { args } = parsed;
const intervalMs = args.intervalSeconds * 1000;
const log = createCycleLog();
const ctx = contextFor(args, log, intervalMs);
// Pages are rendered in this process from a template built once (no Vite build per minute).
ctx.buildSite = renderingSiteBuilder({ root: ctx.root, stateDir: args.state, layout: ctx.layout, useProjectTemplate: !args.freshTemplate, log: (l) => log.line(l) });
/** The bundled sample replayed (the `npm start` default) is said so when the site is up. */
const shown = {
  sample: resolve(args.data) === resolve(ctx.root, 'data') && resolve(args.config) === resolve(ctx.root, 'data/status.yaml'),
  replay: args.now === 'latest' || args.now.replay,
};

let release: () => Promise<void>;
try {
  release = await acquireCycleLock(ctx.layout);
} catch (e) {
  process.stderr.write(`fluxstatus start: ${(e as Error).message}\n`);
  process.exit(2);
}

// ── server child ────────────────────────────────────────────────────────────────────────────────
let server: ChildProcess | null = null;
let stopping = false;
let serverRestarts = 0;
function startServerChild(): void {
  // process.execArgv carries tsx's loader flags, so the child runs TypeScript like this process.
  server = spawn(process.execPath, [...process.execArgv, join(ctx.root, 'scripts/serve.ts'), ctx.layout.siteLink, '--snapshot', join(ctx.layout.siteLink, BUILD_SNAPSHOT)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  // The server's lines pass through; its start line becomes the one a person needs (issue 13).
  createInterface({ input: server.stdout! }).on('line', (line) => {
    const url = serverUrlIn(line);
    process.stdout.write(`${url === null ? line : startMessage(url, shown)}\n`);
  });
  server.on('exit', (code, signal) => {
    server = null;
    if (stopping) return;
    serverRestarts++;
    const delay = Math.min(30_000, 1_000 * 2 ** Math.min(serverRestarts, 5));
    log.line(`server exited (${signal ?? `exit ${code}`}), restarting in ${delay / 1000} s`);
    setTimeout(() => stopping || startServerChild(), delay);
  });
}

// ── shutdown ────────────────────────────────────────────────────────────────────────────────────
let wake: (() => void) | null = null;
const abort = new AbortController();
ctx.signal = abort.signal;
/** The cycle running now (shutdown waits for it to stop before flushing the state). */
let running: Promise<unknown> | null = null;
const within = (ms: number, p: Promise<unknown>): Promise<unknown> => Promise.race([p, new Promise((r) => setTimeout(r, ms).unref())]);
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.line(`${signal}: stopping (a running build is stopped and never published; the next start cleans it up)`);
  wake?.();
  // The build child (its whole process group) is killed; the cycle then returns as failed.
  abort.abort();
  watcher.close();
  if (running !== null) await within(10_000, running);
  const unsaved = flushState(join(dirname(ctx.snapshotPath), 'state'), ctx.reduceState.cache);
  if (unsaved !== null) log.line(unsaved);
  const child = server;
  if (child !== null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    if ((await within(5_000, exited.then(() => 'exited'))) !== 'exited') child.kill('SIGKILL');
  }
  await ctx.webhook?.idle(3_000);
  await release();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

// A cycle starts when data lands (settled), else at the fallback tick; never two at once.
// Every file is stat-ed at least once per interval (a lone write is read as soon as the old fallback tick read it);
// a config outside the data directory is watched too.
const dataDir = resolve(args.data);
const configOutside = relative(dataDir, resolve(args.config)).startsWith('..');
const watcher = watchInputs(dataDir, {
  mode: process.env['FLUXSTATUS_WATCH'] === 'events' ? 'events' : 'poll',
  rotationMs: intervalMs,
  ...(configOutside ? { extra: [resolve(args.config)] } : {}),
  log: (l) => log.line(l),
});
wake = () => watcher.interrupt();
/** A data-triggered cycle starts at least this long after the previous one started (continuous writers). */
const MIN_DATA_GAP_MS = 10_000;
/** Without data and without a change due, a cycle still runs this long after the last one (a safety net). */
const MAX_IDLE_MS = 3_600_000;
let trigger = 'start';
let lastStartMono = -Infinity;

// ── loop ────────────────────────────────────────────────────────────────────────────────────────
const removed = await cleanupBuilds(ctx.layout, args.keep);
if (removed.length > 0) log.line(`start: removed ${removed.length} leftover build${removed.length === 1 ? '' : 's'} (killed or old)`);
if ((await publishedDir(ctx.layout)) !== null) startServerChild();
else log.line('start: nothing published yet; the server starts after the first build');

const live = args.now !== 'latest' && !args.now.replay;
let last: ClockReading | null = null;
let lastNowMs: number | null = null;
let tickMs: number | null = null; // null = the first cycle, run at once

while (!stopping) {
  const now = reading();
  const notes: string[] = [`trigger: ${trigger}`];
  watcher.take(); // what changed until now is read by this cycle
  lastStartMono = now.monoMs;
  if (last !== null) {
    const jump = detectClockJump(last, now);
    if (jump.kind !== 'none') notes.push(`wall clock stepped ${jump.kind} ${Math.round(Math.abs(jump.deltaMs) / 1000)} s`);
  }
  // One clock reading per cycle; a live minute held after a small step back is still live (no replay banner).
  const cn = cycleNow(args.now, first.monoMs, now, live ? lastNowMs : null);
  if (cn.note !== null) notes.push(cn.note);
  // The cycle flushes rrdcached itself (cycle-run.ts): files it could not flush are unknown, the rest is published.
  // runCycle never throws; should a bug make it, the loop logs that cycle as failed and goes on.
  const cycle = runCycle(ctx, { now: cn.now, wallMs: now.wallMs, notes }).catch((e: unknown) =>
    failedCycle(now.wallMs, !live, notes, `cycle stopped: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]} — the previous build stays published`),
  );
  running = cycle;
  const summary = await cycle;
  running = null;
  if (stopping) break; // shutdown() logs, flushes and exits
  log.cycle(summary);
  if (live && cn.now !== 'latest') lastNowMs = cn.now.nowMs;
  if (server === null && !stopping && summary.outcome === 'published') startServerChild();

  const end = reading();
  last = end; // the next cycle compares wall and monotonic progress over the sleep
  // Without new data the next cycle runs when the status can change by itself (the cycle says when:
  // a metric passing its stale limit, a maintenance edge, the hour, the day), at the latest an hour
  // after this one; with rrdcached, or when the cycle could not say, one interval after it (the old tick).
  let reason = 'tick';
  if (summary.nextDueMs !== undefined && summary.nextDueMs !== null) {
    tickMs = Math.max(end.wallMs + 1, Math.min(summary.nextDueMs, end.wallMs + MAX_IDLE_MS));
    reason = summary.nextDueMs <= end.wallMs + MAX_IDLE_MS ? 'due (the status may change by itself)' : 'idle check (an hour without a cycle)';
  } else if (tickMs === null) tickMs = nextAlignedTick(end.wallMs, intervalMs);
  else if (trigger.startsWith('data')) tickMs = Math.max(now.wallMs + intervalMs, end.wallMs + 1); // the fallback: one interval after the last data
  else {
    const plan = planAfterCycle(tickMs, end.wallMs, intervalMs);
    if (plan.skippedTicksMs.length > 0) log.line(formatSkippedTicks(plan.skippedTicksMs.length, end.wallMs - tickMs, intervalMs));
    tickMs = plan.nextTickMs;
  }
  // Sleep until the tick; re-check at least every interval because the wall clock may have been stepped.
  const horizonMs = Math.max(intervalMs, tickMs - end.wallMs);
  for (;;) {
    if (stopping) break;
    const wall = Date.now();
    if (wall >= tickMs) {
      trigger = reason;
      break;
    }
    // Stepped back by more than the planned sleep: run now rather than trust a target that far away.
    if (tickMs - wall > horizonMs + 5_000) {
      trigger = 'tick (wall clock stepped back)';
      break;
    }
    const woke = await watcher.next(Math.min(tickMs - wall, intervalMs));
    if (woke.kind === 'data') {
      const gap = lastStartMono + MIN_DATA_GAP_MS - performance.now();
      if (gap > 0) await new Promise((r) => setTimeout(r, gap));
      trigger = `data (${woke.files} file${woke.files === 1 ? '' : 's'} changed)`;
      break;
    }
  }
}

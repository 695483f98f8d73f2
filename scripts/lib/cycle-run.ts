/**
 * One rebuild cycle: reduce → (maybe) Astro build into a fresh directory → check → atomic publish →
 * webhook → cleanup. Shared by `npm run build` (once) and `npm start` (every minute).
 *
 * Whatever fails, the published site stays the previous good build; the cycle returns a summary
 * (one log line) instead of throwing.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { failedCycle, type CycleSummary } from '../../src/lib/cycle/log-line';
import type { NowRequest } from '../../src/lib/cycle/now';
import { levelChanges, webhookPayload } from '../../src/lib/cycle/level-changes';
import { contentOf, decideSkipBuild } from '../../src/lib/cycle/skip-build';
import { nextChangeOf } from '../../src/lib/cycle/next-change';
import { loadConfigFile } from './load-config';
import type { Snapshot } from '../../src/lib/snapshot/schema';
import { plannedAstroBuild } from './astro-build';
import type { CycleLog } from './cycle-log';
import { flushForCycle } from './cycle-flush';
import { BUILD_SNAPSHOT, cleanupBuilds, newBuildDir, publishBuild, publishedDir, readPublishedSnapshot, type SiteLayout } from './publish';
import { newReduceState, runReduce, type ReduceState } from './cycle-reduce';
import type { WebhookSender } from './webhook';

/**
 * Builds the site for a snapshot file into a directory (Astro by default; tests pass a faster one);
 * stops when `signal` aborts. May return a note for the cycle's log line (how it built).
 */
export type SiteBuilder = (snapshotPath: string, outDir: string, signal?: AbortSignal) => Promise<void | string>;

/** What persists between cycles of one process. */
export interface CycleContext {
  root: string;
  configPath: string;
  dataDir: string;
  layout: SiteLayout;
  /** Where reduce writes the newest snapshot (<state>/snapshot.json). */
  snapshotPath: string;
  reportPath: string;
  /** The ledger file (default <data>/ledger/incidents.json). */
  ledgerPath?: string;
  /** Start a new, empty history when a live cycle finds no ledger file (--new-ledger). */
  newLedger?: boolean;
  /** False with --no-state: the derived minute history is not kept on disk. */
  useState?: boolean;
  keep: number;
  intervalMs: number;
  log: CycleLog;
  webhook: WebhookSender | null;
  buildSite: SiteBuilder;
  /** Reduce state reused between cycles (unchanged files are not read again). */
  reduceState: ReduceState;
  /** The published snapshot and its content digest (loaded from disk on the first cycle). */
  published: { snapshot: Snapshot; contentDigest: string } | null | undefined;
  /** Duration of the last Astro build, for the skip margin. */
  lastBuildMs: number;
  /** Aborted on shutdown: a running build (and its child process) is stopped. */
  signal?: AbortSignal;
  /** Where RRDCACHED_ADDRESS is read (default process.env). */
  env?: Record<string, string | undefined>;
}

/** A context with defaults (Astro builder, no published info loaded yet). */
export function cycleContext(init: Omit<CycleContext, 'buildSite' | 'reduceState' | 'published' | 'lastBuildMs'> & { buildSite?: SiteBuilder }): CycleContext {
  const root = init.root;
  return {
    ...init,
    // Incremental reuse (issue 6): archive pages whose content hash did not change are linked from
    // the published build instead of rendered again; anything uncertain makes it a full build.
    buildSite: init.buildSite ?? (async (snapshotPath, outDir, signal) => {
      await plannedAstroBuild({ root, snapshotPath, outDir, previousDir: await publishedDir(init.layout), ...(signal ? { signal } : {}) });
    }),
    reduceState: newReduceState(),
    published: undefined,
    lastBuildMs: 30_000,
  };
}

/** sha256 of what the public sees, minus the fields that move every cycle. */
export function contentDigest(snapshot: Snapshot): string {
  return createHash('sha256').update(JSON.stringify(contentOf(snapshot))).digest('hex');
}

/** snapshot_valid_seconds of the config, read again only when the file changed (stat). */
const validSeconds = { key: '', value: 180 };
/**
 * The instant (epoch ms) the next cycle must run without new data: when the snapshot's status could
 * change by itself (valid_until − snapshot_valid_seconds, src/lib/cycle/next-change.ts).
 */
function nextDue(configPath: string, snapshot: Snapshot, builtAtMs: number, leadMs: number): number | null {
  const st = statSync(configPath, { throwIfNoEntry: false });
  if (st === undefined) return null;
  const key = `${st.ino}:${st.size}:${st.mtimeMs}`;
  if (key !== validSeconds.key) {
    const loaded = loadConfigFile(configPath);
    if (!loaded.ok) return null;
    validSeconds.key = key;
    validSeconds.value = loaded.config.rules.snapshot_valid_seconds;
  }
  return nextChangeOf(snapshot.valid_until, validSeconds.value, builtAtMs, leadMs);
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';

/** What one cycle is asked to do: the instant (or `latest`), the clock reading it was chosen at, notes for its log line. */
export interface CycleRequest {
  now: NowRequest;
  /** The wall clock read once by the entry script for this cycle (epoch ms): build names, validity. */
  wallMs: number;
  notes?: string[];
}

/**
 * Runs one cycle. Never throws: failures are in the summary (outcome `failed`) and the published site
 * is untouched. Only a live `now` writes the ledger; a replay (an ISO instant, `latest`) never does.
 */
export async function runCycle(ctx: CycleContext, request: CycleRequest): Promise<CycleSummary> {
  const started = performance.now();
  const { now, wallMs } = request;
  const summary = failedCycle(wallMs, now === 'latest' || now.replay, request.notes ?? [], null);
  const done = (): CycleSummary => ({ ...summary, totalMs: performance.now() - started });

  if (ctx.published === undefined) {
    const snapshot = await readPublishedSnapshot(ctx.layout);
    ctx.published = snapshot === null ? null : { snapshot, contentDigest: contentDigest(snapshot) };
  }

  // 1. Files held by rrdcached are flushed first; those it could not flush are read, but their
  // metrics are unknown now (never green on lagging rows), and the rest of the site is published.
  const flushed = await flushForCycle(ctx.configPath, ctx.dataDir, ctx.env ?? process.env);
  if (flushed.note !== null) summary.notes.push(flushed.note);

  // 2. Reduce.
  const t0 = performance.now();
  const reduced = await runReduce(ctx, ctx.reduceState, now, wallMs, flushed.unflushed);
  summary.phases.reduceMs = performance.now() - t0;
  summary.files = reduced.files;
  summary.notes.push(...reduced.notes);
  if (reduced.snapshot === null) {
    summary.error = reduced.error ?? 'reduce produced no snapshot';
    return done();
  }
  const snapshot = reduced.snapshot;
  summary.now = snapshot.generated_at;
  summary.replay = snapshot.replay;
  summary.levels = snapshot.services.map((s) => ({ id: s.id, level: s.level }));
  summary.overall = snapshot.overall.level;

  // 3. Skip the build when nothing public changed and the published build stays valid long enough.
  const digest = contentDigest(snapshot);
  const margin = ctx.intervalMs + 2 * ctx.lastBuildMs;
  const published = ctx.published === null ? null : { contentDigest: ctx.published.contentDigest, validUntilMs: Date.parse(ctx.published.snapshot.valid_until) };
  const decision = decideSkipBuild(digest, published, wallMs, margin, Date.parse(snapshot.valid_until));
  // A skipped build leaves the published one (and its valid_until) in place: renew before that one expires.
  const live = decision.skip && ctx.published !== null ? ctx.published.snapshot : snapshot;
  summary.nextDueMs = flushed.note === null ? nextDue(ctx.configPath, live, wallMs, margin) : null;
  if (decision.skip) {
    summary.outcome = 'unchanged';
    summary.notes.push('build skipped: unchanged');
    return done();
  }

  // 4. Build into a fresh directory; the published site is not touched until the switch.
  let buildDir: string | null = null;
  try {
    const t1 = performance.now();
    buildDir = await newBuildDir(ctx.layout, wallMs);
    // Astro empties its outDir first, so the snapshot waits beside the build and moves in afterwards.
    const frozen = `${buildDir}.${BUILD_SNAPSHOT}`;
    await writeFile(frozen, JSON.stringify(snapshot));
    const built = await ctx.buildSite(frozen, buildDir, ctx.signal);
    if (typeof built === 'string') summary.notes.push(built);
    await rename(frozen, join(buildDir, BUILD_SNAPSHOT));
    summary.phases.buildMs = performance.now() - t1;
    ctx.lastBuildMs = summary.phases.buildMs;

    // 5. Check and switch atomically.
    const t2 = performance.now();
    await publishBuild(ctx.layout, buildDir, { digest, generated_at: snapshot.generated_at });
    summary.phases.publishMs = performance.now() - t2;
  } catch (e) {
    summary.error = `${message(e)} — the previous build stays published`;
    if (buildDir !== null) {
      await rm(buildDir, { recursive: true, force: true }).catch(() => undefined);
      await rm(`${buildDir}.${BUILD_SNAPSHOT}`, { force: true }).catch(() => undefined);
    }
    return done();
  }
  summary.outcome = 'published';
  if (decision.reason !== 'content changed' && decision.reason !== 'nothing published yet') summary.notes.push(`rebuilt: ${decision.reason}`);

  // 6. Tell subscribers what changed (never waits), remember what is published, clean old builds.
  const previous = ctx.published?.snapshot ?? null;
  const payload = webhookPayload(previous, snapshot);
  if (payload !== null) {
    const changed = levelChanges(previous, snapshot).map((c) => `${c.service_id} ${c.previous_level ?? 'new'}→${c.level}`);
    summary.notes.push(`level change: ${changed.join(', ')}${ctx.webhook === null ? '' : ' (webhook queued)'}`);
    ctx.webhook?.send(payload);
  }
  ctx.published = { snapshot, contentDigest: digest };
  const removed = await cleanupBuilds(ctx.layout, ctx.keep, null).catch((e: unknown) => {
    summary.notes.push(`cleanup failed: ${message(e)}`);
    return [];
  });
  if (removed.length > 0) summary.notes.push(`removed ${removed.length} old build${removed.length === 1 ? '' : 's'}`);
  return done();
}

/** Absolute paths of the standard files under a state directory. */
export function statePaths(stateDir: string): { snapshotPath: string; reportPath: string } {
  return { snapshotPath: resolve(stateDir, 'snapshot.json'), reportPath: resolve(stateDir, 'report.json') };
}

/**
 * Reduces the RRD data to the snapshot the site is built from, and records detected incidents.
 *
 *   npm run reduce -- [--config FILE] [--data DIR] [--now ISO-8601] [--out FILE] [--report FILE] [--ledger FILE]
 *                     [--state DIR | --no-state]
 *
 * The minute history derived from the RRDs is kept in --state (default .fluxstatus/state) so the
 * next run reads only what is new; without it every file is read in full at all its resolutions.
 *
 * Exit code: 0 ok, 1 some inputs failed (their metrics are unknown, never green), 2 nothing usable
 * or bad config. The snapshot and the ledger are written atomically; the report (internal: paths,
 * errors, notes) never goes to the public site.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config, ServiceConfig } from '../src/lib/config/schema';
import { checkDetectedLinks, type Communication } from '../src/lib/content/communication';
import type { MaintenanceWindow } from '../src/lib/content/maintenance';
import { gridBetween, rowTime, type Grid } from '../src/lib/health/grid';
import { mergeEpisodes } from '../src/lib/ledger/ledger';
import type { DetectedEpisode } from '../src/lib/ledger/schema';
import { buildSnapshot } from '../src/lib/snapshot/build';
import type { Snapshot } from '../src/lib/snapshot/schema';
import { parseIso, toZonedIso } from '../src/lib/time/zone';
import { writeFileAtomic } from './lib/atomic-write';
import { collectHealth, type InputError } from './lib/collect';
import { ledgerPath, readLedger, serializeLedger, writeLedgerAtomic } from './lib/ledger-file';
import { loadConfigFile } from './lib/load-config';
import { loadContent } from './lib/load-content';
import { ReduceCache } from './lib/reduce-cache';
import { loadState, saveStateEvery } from './lib/reduce-state';

export interface ReduceOptions {
  config?: string;
  data?: string;
  /** Evaluated instant (epoch s); default the wall clock (then the snapshot is not a replay). */
  now?: number;
  out?: string;
  report?: string;
  ledger?: string;
  /** Kept between calls of the rebuild loop: unchanged files (size, mtime) are not read again, changed ones only after their last row taken in. */
  cache?: ReduceCache;
  /** Directory of the derived state on disk (loaded into an empty cache; saved after the first run, then every few changed runs and at exit); none by default. */
  statePath?: string;
  /** With a cache kept between runs: write the state every this many changed runs (default 10; 1 = every run). Call flushState on shutdown. */
  stateSaveEveryRuns?: number;
  /** Progress lines on stderr (default: when stderr is a TTY). */
  progress?: boolean;
}

export interface ReduceResult {
  /** 0 ok, 1 some inputs failed, 2 nothing usable or bad config. */
  exitCode: 0 | 1 | 2;
  /** One-line messages for stderr. */
  messages: string[];
  snapshot?: Snapshot;
  inputErrors: InputError[];
  ledgerAdded: string[];
  ledgerUpdated: string[];
}

/** Days of history evaluated before the 90 shown, so the oldest shown day has a baseline. */
const EXTRA_DAYS = 1;

/** The grid of minutes evaluated at `now`: 90 days shown plus the baseline's weeks before them. */
export function reduceGrid(config: Config, now: number): Grid {
  const weeks = Math.max(config.rules.baseline_weeks, ...config.services.map((s) => s.rules?.baseline_weeks ?? 0));
  return gridBetween(now - (90 + EXTRA_DAYS + weeks * 7) * 86_400, now);
}

/** Maintenance flags per minute of a service. */
function maintenanceFlags(windows: readonly MaintenanceWindow[], grid: Grid): (s: ServiceConfig) => Uint8Array | undefined {
  return (service) => {
    const mine = windows.filter((w) => w.service_ids.includes(service.id));
    if (mine.length === 0) return undefined;
    const flags = new Uint8Array(grid.length);
    for (let i = 0; i < grid.length; i++) {
      const start = rowTime(grid, i) - 60;
      if (mine.some((w) => w.start <= start && start < w.end)) flags[i] = 1;
    }
    return flags;
  };
}

/** sha256 over the config text, content and input file identities (only the hash is published, never a path). */
function digestOf(configText: string, communications: readonly Communication[], maintenance: readonly MaintenanceWindow[], inputs: { path: string; size: number; mtimeMs: number }[], now: number): string {
  const h = createHash('sha256');
  h.update(configText);
  h.update(JSON.stringify(communications.map((c) => ({ ...c, file: undefined }))));
  h.update(JSON.stringify(maintenance.map((m) => ({ ...m, file: undefined }))));
  // Plain code-unit order and one hash: a locale compare and a hash per file cost ~0.1 s at 6,000 files.
  for (const f of [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) h.update(`${f.path}\0${f.size}:${f.mtimeMs}\n`);
  h.update(String(Math.floor(now / 60)));
  return h.digest('hex');
}

/** Runs one reduce: config → series → health → ledger → snapshot (+ report). */
export async function reduce(options: ReduceOptions = {}): Promise<ReduceResult> {
  const configPath = options.config ?? 'data/status.yaml';
  const dataDir = options.data ?? 'data';
  const out = options.out ?? join('.fluxstatus', 'snapshot.json');
  const reportPath = options.report ?? join('.fluxstatus', 'report.json');
  const ledgerFile = options.ledger ?? ledgerPath(dataDir);
  const builtAt = Date.now() / 1000;
  const now = options.now ?? Math.floor(builtAt);
  const messages: string[] = [];
  const fail = (m: string[]): ReduceResult => ({ exitCode: 2, messages: m, inputErrors: [], ledgerAdded: [], ledgerUpdated: [] });

  const loaded = loadConfigFile(configPath);
  if (!loaded.ok) return fail(loaded.errors);
  const config = loaded.config;
  const tz = config.site.time_zone;

  const content = loadContent(dataDir, { serviceIds: config.services.map((s) => s.id), languages: config.site.languages, defaultLanguage: config.site.default_language, timeZone: tz, now });
  messages.push(...content.errors, ...content.warnings);

  const ledgerRead = readLedger(ledgerFile);
  if (!ledgerRead.ok) return fail([ledgerRead.error]);

  const grid = reduceGrid(config, now);
  // Phase times for the internal report (where a slow cycle spends its time).
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string): void => {
    const t = performance.now();
    timings[phase] = Math.round(t - mark);
    mark = t;
  };
  const cache = options.cache ?? (options.statePath === undefined ? undefined : new ReduceCache());
  if (cache !== undefined && options.statePath !== undefined) {
    const ignored = loadState(options.statePath, cache);
    if (ignored !== null) messages.push(ignored);
  }
  const progress = options.progress ?? process.stderr.isTTY === true;
  lap('setup');
  const collected = collectHealth(config, {
    dataDir,
    grid,
    configSource: { file: configPath, locate: loaded.locate },
    maintenance: maintenanceFlags(content.maintenance, grid),
    ...(cache === undefined ? {} : { cache }),
    onFile: (n) => {
      if (progress) process.stderr.write(`reduce: ${n} files seen\n`);
    },
  });
  if (cache !== undefined && options.statePath !== undefined) {
    const unsaved = saveStateEvery(options.statePath, cache, options.stateSaveEveryRuns);
    if (unsaved !== null) messages.push(unsaved);
  }
  for (const e of collected.errors) messages.push(`${e.path}: ${e.message} (service ${e.service}, metric ${e.metric} is unknown)`);
  const healths = collected.services.map((s) => s.health);
  const usable = collected.filesOk > 0;
  if (!usable) return { ...fail([...messages, `${dataDir}: no readable RRD data for any service — check --data and the file globs in ${configPath}.`]), inputErrors: collected.errors };

  // Services whose inputs all failed are not evaluated: their ledger entries stay as they are.
  const failedServices = new Set(collected.errors.map((e) => e.service));
  const evaluated = healths.filter((h) => !failedServices.has(h.serviceId) || h.metrics.some((m) => m.values.some(Number.isFinite)));
  const episodes: DetectedEpisode[] = evaluated.flatMap((h) => h.episodes);
  lap('collect_and_evaluate');
  const merged = mergeEpisodes(ledgerRead.ledger, episodes, { now, coveredFrom: grid.start, timeZone: tz, services: evaluated.map((h) => h.serviceId) });
  // A communication linked to a detected incident the ledger does not hold is rejected (a typo, or a deleted ledger).
  const links = checkDetectedLinks(content.incidents, new Set(merged.ledger.incidents.map((e) => e.id)));
  content.incidents = links.kept;
  content.errors.push(...links.errors);
  messages.push(...links.errors);

  const snapshot = buildSnapshot({
    config,
    now,
    healths,
    ledger: merged.ledger,
    communications: content.incidents,
    maintenance: content.maintenance,
    digest: digestOf(loaded.text, content.incidents, content.maintenance, collected.inputs, now),
    builtAt,
    replay: options.now !== undefined,
  });

  lap('ledger_and_snapshot');
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomic(out, `${JSON.stringify(snapshot)}\n`);
  if (merged.added.length > 0 || merged.updated.length > 0 || serializeLedger(merged.ledger) !== serializeLedger(ledgerRead.ledger)) {
    mkdirSync(dirname(ledgerFile), { recursive: true });
    writeLedgerAtomic(ledgerFile, merged.ledger);
  }
  lap('write');
  const report = {
    generated_at: toZonedIso(now, tz),
    files_read: collected.filesRead,
    input_errors: collected.errors,
    content_errors: content.errors,
    content_warnings: content.warnings,
    notes: collected.services.flatMap((s) => s.notes.map((n) => ({ service: s.health.serviceId, ...n }))),
    ledger: { added: merged.added, updated: merged.updated },
    services: snapshot.services.map((s) => ({ id: s.id, level: s.level, score: s.score, data_until: s.data_until })),
    cache: cache === undefined ? null : { hits: cache.hits, misses: cache.misses },
    timings_ms: timings,
  };
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  // Every rejected input (an RRD, a Markdown file) makes the exit code 1: no silent grey.
  return { exitCode: collected.errors.length > 0 || content.errors.length > 0 ? 1 : 0, messages, snapshot, inputErrors: collected.errors, ledgerAdded: merged.added, ledgerUpdated: merged.updated };
}

/** Parses the command line; throws a one-line message on a bad argument. */
export function parseReduceArgs(argv: readonly string[]): ReduceOptions {
  const o: ReduceOptions = {};
  let noState = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value — e.g. ${a} ${a === '--now' ? '2025-11-04T15:30:30+01:00' : 'PATH'}`);
      return v;
    };
    if (a === '--config') o.config = value();
    else if (a === '--data') o.data = value();
    else if (a === '--out') o.out = value();
    else if (a === '--report') o.report = value();
    else if (a === '--ledger') o.ledger = value();
    else if (a === '--state') o.statePath = value();
    else if (a === '--no-state') noState = true;
    else if (a === '--now') {
      const v = value();
      const t = parseIso(v);
      if (Number.isNaN(t)) throw new Error(`--now ${v}: not an ISO-8601 time with offset — use e.g. 2025-11-04T15:30:30+01:00`);
      o.now = t;
    } else throw new Error(`unknown argument "${a}" — use --config FILE, --data DIR, --now ISO-8601, --out FILE, --report FILE, --ledger FILE, --state DIR, --no-state`);
  }
  // The command line keeps the derived history by default; the function does only when asked.
  if (noState) delete o.statePath;
  else o.statePath ??= join('.fluxstatus', 'state');
  return o;
}

async function main(): Promise<void> {
  let options: ReduceOptions;
  try {
    options = parseReduceArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`reduce: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    const result = await reduce(options);
    for (const m of result.messages) process.stderr.write(`${m}\n`);
    if (result.snapshot !== undefined) {
      const s = result.snapshot;
      process.stderr.write(`reduce: ${s.generated_at} overall ${s.overall.level}; ${s.services.map((x) => `${x.id} ${x.level}`).join(', ')}; ledger +${result.ledgerAdded.length} ~${result.ledgerUpdated.length}\n`);
    }
    process.exitCode = result.exitCode;
  } catch (error) {
    process.stderr.write(`reduce: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} — this is a bug; the previous snapshot was kept.\n`);
    process.exitCode = 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();

/**
 * One reduce run, the I/O around the pure pipeline (src/lib/reduce/): reads config, ledger, content
 * and the RRDs (through the reduce cache), calls reduceSnapshot, and writes ledger, snapshot and
 * report — the ledger first, and only in a live run; a replay merges in memory and says so; a check
 * writes nothing. Used by `npm run reduce`/`check` (scripts/reduce.ts) and by every cycle.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nowSeconds, replayAt, type Instant, type NowRequest } from '../../src/lib/cycle/now';
import { inputDigest, publicInstant } from '../../src/lib/reduce/digest';
import { ledgerMode, missingLedger } from '../../src/lib/reduce/ledger-policy';
import { maintenanceFlags } from '../../src/lib/reduce/maintenance-flags';
import { reduceSnapshot } from '../../src/lib/reduce/reduce-snapshot';
import type { Report } from '../../src/lib/reduce/report';
import { reduceGrid } from '../../src/lib/reduce/window';
import type { Snapshot } from '../../src/lib/snapshot/schema';
import { summarizeHealth } from '../../src/lib/snapshot/build';
import { toZonedIso } from '../../src/lib/time/zone';
import { writeFileAtomic } from './atomic-write';
import { collectHealth, type InputError } from './collect';
import { latestInputTime, type LatestCache } from './latest-input';
import { keepLastGood, lastGoodPath, ledgerPath, readLedger, serializeLedger, writeLedger } from './ledger-file';
import { loadConfigFile } from './load-config';
import { loadContent } from './load-content';
import { ReduceCache } from './reduce-cache';
import { loadState, saveStateEvery } from './reduce-state';

export interface ReduceOptions {
  config?: string;
  data?: string;
  /** The instant evaluated (a live instant writes the ledger; a replay or `latest` never does). */
  now: NowRequest;
  /** The wall-clock reading of this run, epoch ms (the snapshot's valid_until counts from it). */
  wallMs: number;
  out?: string;
  report?: string;
  ledger?: string;
  /** Start a new, empty history when a live run finds no ledger file (refused otherwise). */
  newLedger?: boolean;
  /** Validate and report only: no snapshot, report, ledger or state is written (`npm run check`). */
  check?: boolean;
  /** Kept between calls of the rebuild loop: unchanged files (size, mtime) are not read again, changed ones only after their last row taken in. */
  cache?: ReduceCache;
  /** `--now latest` lookups kept between calls (file headers are read again only when they changed). */
  latest?: LatestCache;
  /** Directory of the derived state on disk (loaded into an empty cache; saved after the first run, then every few changed runs and at exit); none by default. */
  statePath?: string;
  /** With a cache kept between runs: write the state every this many changed runs (default 10; 1 = every run). Call flushState on shutdown. */
  stateSaveEveryRuns?: number;
  /** Progress lines on stderr (default: when stderr is a TTY). */
  progress?: boolean;
  /** Files rrdcached could not flush this run (path → one-line message): their metrics are unknown now. */
  unflushed?: ReadonlyMap<string, string>;
}

export interface ReduceResult {
  /** 0 ok, 1 some inputs failed, 2 nothing usable, bad config or a ledger problem. */
  exitCode: 0 | 1 | 2;
  /** One-line problems for stderr. */
  messages: string[];
  /** One-line notes for stderr that are no problem (a replay did not write the ledger, …). */
  notes: string[];
  /** The instant evaluated (null when it could not be chosen). */
  now: Instant | null;
  snapshot?: Snapshot;
  report?: Report;
  inputErrors: InputError[];
  ledgerAdded: string[];
  ledgerUpdated: string[];
}

/** `latest` as an instant: the newest data in the inputs (a replay); null when no input is readable. */
function resolveNow(now: NowRequest, find: () => number | null): Instant | null {
  if (now !== 'latest') return now;
  const t = find();
  return t === null ? null : replayAt(t * 1000);
}

/** Runs one reduce: config → ledger → series → health → (pure) reduceSnapshot → writes. */
export async function reduce(options: ReduceOptions): Promise<ReduceResult> {
  const configPath = options.config ?? 'data/status.yaml';
  const dataDir = options.data ?? 'data';
  const out = options.out ?? join('.fluxstatus', 'snapshot.json');
  const reportPath = options.report ?? join('.fluxstatus', 'report.json');
  const ledgerFile = options.ledger ?? ledgerPath(dataDir);
  const check = options.check === true;
  const builtAt = options.wallMs / 1000;
  const messages: string[] = [];
  const notes: string[] = [];
  const fail = (messages: string[], now: Instant | null = null, inputErrors: InputError[] = []): ReduceResult => ({ exitCode: 2, messages, notes, now, inputErrors, ledgerAdded: [], ledgerUpdated: [] });
  // Phase times for the internal report (where a slow cycle spends its time).
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string): void => {
    const t = performance.now();
    timings[phase] = Math.round(t - mark);
    mark = t;
  };

  const loaded = loadConfigFile(configPath);
  if (!loaded.ok) return fail(loaded.errors);
  const config = loaded.config;
  const tz = config.site.time_zone;
  const now = resolveNow(options.now, () => latestInputTime(config, dataDir, options.latest ?? new Map()));
  if (now === null) return fail([`--now latest: no readable input under ${dataDir} — check --data and the file globs in ${configPath}`]);
  const t = nowSeconds(now);
  const mode = ledgerMode(now, check);

  const ledgerRead = readLedger(ledgerFile);
  if (!ledgerRead.ok) return fail([ledgerRead.error], now);
  const missing = missingLedger(ledgerFile, ledgerRead.exists, mode, options.newLedger === true, existsSync(lastGoodPath(ledgerFile)));
  if (missing?.refuse === true) return fail([missing.message], now);
  if (missing !== null) notes.push(missing.message);

  // "Starts in the future" is judged against the wall clock; a replay then leaves out what was written after its `now`.
  const content = loadContent(dataDir, { serviceIds: config.services.map((s) => s.id), languages: config.site.languages, defaultLanguage: config.site.default_language, timeZone: tz, now: Math.floor(builtAt) });
  const grid = reduceGrid(config, t);
  // A check reads every file in full and keeps nothing.
  const statePath = check ? undefined : options.statePath;
  const cache = check ? new ReduceCache() : (options.cache ?? (statePath === undefined ? undefined : new ReduceCache()));
  if (cache !== undefined && statePath !== undefined) {
    const ignored = loadState(statePath, cache);
    if (ignored !== null) messages.push(ignored);
  }
  const hits = cache?.hits ?? 0;
  const misses = cache?.misses ?? 0;
  const progress = options.progress ?? process.stderr.isTTY === true;
  lap('setup');
  const collected = collectHealth(config, {
    // Only the summary of each service is kept: memory per cycle stays the aggregates plus one service's arrays.
    keep: (health) => summarizeHealth(config, health),
    dataDir,
    grid,
    configSource: { file: configPath, locate: loaded.locate },
    maintenance: maintenanceFlags(content.maintenance, grid),
    ...(cache === undefined ? {} : { cache }),
    ...(options.unflushed === undefined ? {} : { unflushed: options.unflushed }),
    onFile: (n) => {
      if (progress) process.stderr.write(`reduce: ${n} files seen\n`);
    },
  });
  if (cache !== undefined && statePath !== undefined) {
    const unsaved = saveStateEvery(statePath, cache, options.stateSaveEveryRuns);
    if (unsaved !== null) messages.push(unsaved);
  }
  lap('collect_and_evaluate');
  if (collected.filesOk === 0) {
    const errors = collected.errors.map((e) => `${e.path}: ${e.message} (service ${e.service}, metric ${e.metric} is unknown)`);
    return fail([...messages, ...errors, `${dataDir}: no readable RRD data for any service — check --data and the file globs in ${configPath}; nothing was written.`], now, collected.errors);
  }

  const reduced = reduceSnapshot({
    config,
    content,
    ledger: ledgerRead.ledger,
    metrics: collected,
    now,
    grid,
    mode,
    digest: inputDigest(loaded.text, content.incidents, content.maintenance, collected.inputs, publicInstant(collected.services.map((s) => s.evaluatedEnd), t, tz, content.maintenance)),
    builtAt,
  });
  messages.push(...reduced.messages);
  const exitCode: 0 | 1 = reduced.exitCode === 1 || reduced.report.content_errors.length > 0 ? 1 : 0;
  const report: Report = { ...reduced.report, cache: cache === undefined ? null : { hits: cache.hits - hits, misses: cache.misses - misses }, timings_ms: timings };
  const { added, updated } = reduced.report.ledger;
  const result = { exitCode, messages, notes, now, snapshot: reduced.snapshot, report, inputErrors: collected.errors, ledgerAdded: added, ledgerUpdated: updated };
  lap('ledger_and_snapshot');
  if (mode === 'check') return result;
  if (mode === 'replay') {
    notes.push(`replay at ${toZonedIso(t, tz)}: ${ledgerFile} was not written (merged in memory: +${added.length} ~${updated.length})`);
  } else if (reduced.write) {
    // The ledger first: a snapshot must never claim a history the ledger does not hold.
    const refused = writeLedger(ledgerFile, ledgerRead.ledger, reduced.ledger);
    if (refused !== null) return { ...fail([...messages, refused], now, collected.errors) };
  } else if (ledgerRead.exists) {
    const copy = keepLastGood(ledgerFile, serializeLedger(ledgerRead.ledger));
    if (copy !== null) messages.push(copy);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomic(out, `${JSON.stringify(reduced.snapshot)}\n`);
  lap('write');
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileAtomic(reportPath, `${JSON.stringify({ ...report, timings_ms: timings }, null, 2)}\n`);
  return result;
}


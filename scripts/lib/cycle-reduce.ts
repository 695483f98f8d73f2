/**
 * The reduce phase of a cycle: calls `reduce()` (scripts/reduce.ts) with the cycle's `now` and the
 * cache kept in the cycle context, and turns its result into what the cycle needs (snapshot, file
 * counts, one-line error).
 */
import { dirname, join } from 'node:path';
import { reduce } from '../reduce';
import { ReduceCache } from './reduce-cache';
import { latestInputTime, type LatestCache } from './latest-input';
import { loadConfigFile } from './load-config';
import type { Snapshot } from '../../src/lib/snapshot/schema';

/** State kept between cycles of one process. */
export interface ReduceState {
  cache: ReduceCache;
  latest: LatestCache;
}

/** What the reduce phase hands to the cycle. */
export interface ReduceStep {
  snapshot: Snapshot | null;
  files: { read: number; skipped: number; failed: number };
  notes: string[];
  error: string | null;
}

/** Where reduce reads and writes. */
export interface ReducePaths {
  configPath: string;
  dataDir: string;
  snapshotPath: string;
  reportPath: string;
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';

/**
 * Runs reduce for `nowMs` (null = the newest data in the inputs; undefined = the wall clock) and reports.
 * Never throws.
 */
export async function runReduce(paths: ReducePaths, state: ReduceState, nowMs: number | null | undefined): Promise<ReduceStep> {
  const { cache } = state;
  const hits = cache.hits;
  const misses = cache.misses;
  const empty = { read: 0, skipped: 0, failed: 0 };
  try {
    let now: number | undefined = nowMs === undefined || nowMs === null ? undefined : Math.floor(nowMs / 1000);
    if (nowMs === null) {
      const loaded = loadConfigFile(paths.configPath);
      if (!loaded.ok) return { snapshot: null, files: empty, notes: [], error: loaded.errors[0] ?? `${paths.configPath}: invalid config` };
      const latest = latestInputTime(loaded.config, paths.dataDir, state.latest);
      if (latest === null) return { snapshot: null, files: empty, notes: [], error: `--now latest: no readable input under ${paths.dataDir} — check --data and the file globs in ${paths.configPath}` };
      now = latest;
    }
    const result = await reduce({
      config: paths.configPath,
      data: paths.dataDir,
      ...(now === undefined ? {} : { now }),
      out: paths.snapshotPath,
      report: paths.reportPath,
      cache,
      // The derived minute history survives restarts: <state dir>/state, beside the snapshot (as the reduce CLI).
      statePath: join(dirname(paths.snapshotPath), 'state'),
      progress: process.stderr.isTTY === true,
    });
    const failed = result.inputErrors.length;
    const files = { read: cache.misses - misses, skipped: cache.hits - hits, failed };
    if (result.exitCode === 2 || result.snapshot === undefined) {
      return { snapshot: null, files, notes: [], error: `reduce: ${result.messages.at(-1) ?? 'nothing usable'}` };
    }
    const notes = failed > 0 ? [`${failed} input${failed === 1 ? '' : 's'} failed, shown as unknown (details in ${paths.reportPath}); first: ${result.messages[0] ?? ''}`] : [];
    return { snapshot: result.snapshot, files, notes, error: null };
  } catch (e) {
    return { snapshot: null, files: empty, notes: [], error: `reduce failed: ${firstLine(e)}` };
  }
}

/** Fresh state for a new process. */
export function newReduceState(): ReduceState {
  return { cache: new ReduceCache(), latest: new Map() };
}

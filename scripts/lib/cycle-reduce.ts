/**
 * The reduce phase of a cycle: calls `reduce()` (reduce-run.ts) with the cycle's `now` and the cache
 * kept in the cycle context, and turns its result into what the cycle needs (snapshot, file counts,
 * one-line error).
 */
import { dirname, join } from 'node:path';
import type { NowRequest } from '../../src/lib/cycle/now';
import type { Snapshot } from '../../src/lib/snapshot/schema';
import { ReduceCache } from './reduce-cache';
import type { LatestCache } from './latest-input';
import { reduce } from './reduce-run';

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

/** Where reduce reads and writes, and how it treats the ledger. */
export interface ReducePaths {
  configPath: string;
  dataDir: string;
  snapshotPath: string;
  reportPath: string;
  /** The ledger file (default <data>/ledger/incidents.json). */
  ledgerPath?: string;
  /** Start a new, empty history when a live cycle finds no ledger file (--new-ledger). */
  newLedger?: boolean;
  /** False with --no-state: the derived minute history is not kept on disk. */
  useState?: boolean;
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';

/**
 * Runs reduce for `now` (`wallMs`: the cycle's clock reading) and reports. Never throws. `unflushed`:
 * the files rrdcached could not flush this cycle (their metrics are unknown now).
 */
export async function runReduce(paths: ReducePaths, state: ReduceState, now: NowRequest, wallMs: number, unflushed?: ReadonlyMap<string, string>): Promise<ReduceStep> {
  const { cache } = state;
  const hits = cache.hits;
  const misses = cache.misses;
  const empty = { read: 0, skipped: 0, failed: 0 };
  try {
    const result = await reduce({
      config: paths.configPath,
      data: paths.dataDir,
      now,
      wallMs,
      out: paths.snapshotPath,
      report: paths.reportPath,
      ...(paths.ledgerPath === undefined ? {} : { ledger: paths.ledgerPath }),
      newLedger: paths.newLedger === true,
      cache,
      latest: state.latest,
      // The derived minute history survives restarts: <state dir>/state, beside the snapshot (as the reduce CLI).
      ...(paths.useState === false ? {} : { statePath: join(dirname(paths.snapshotPath), 'state') }),
      progress: process.stderr.isTTY === true,
      ...(unflushed === undefined ? {} : { unflushed }),
    });
    const failed = result.inputErrors.length;
    const files = { read: cache.misses - misses, skipped: cache.hits - hits, failed };
    if (result.exitCode === 2 || result.snapshot === undefined) {
      // Every problem, as reduce reports them (a bad config has several): one line, separated.
      const all = result.messages.length > 1 ? `${result.messages.length} problems: ${result.messages.join(' | ')}` : (result.messages[0] ?? 'nothing usable');
      return { snapshot: null, files, notes: [], error: `reduce: ${all}` };
    }
    const notes = failed > 0 ? [`${failed} input${failed === 1 ? '' : 's'} failed, shown as unknown (details in ${paths.reportPath}); first: ${result.messages.find((m) => result.inputErrors.some((e) => m.startsWith(e.path))) ?? ''}`] : [];
    const replayNote = result.notes.find((m) => m.startsWith('replay at '));
    if (replayNote !== undefined) notes.push(replayNote);
    return { snapshot: result.snapshot, files, notes, error: null };
  } catch (e) {
    return { snapshot: null, files: empty, notes: [], error: `reduce failed: ${firstLine(e)}` };
  }
}

/** Fresh state for a new process. */
export function newReduceState(): ReduceState {
  return { cache: new ReduceCache(), latest: new Map() };
}

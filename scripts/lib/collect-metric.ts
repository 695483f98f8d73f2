/**
 * One metric's combined minute series (the I/O side of metric assembly): globs its files, takes
 * each file's new rows into the metric's running aggregates (all RRA resolutions for a file seen for
 * the first time, only the rows after its mark afterwards), and reads the combination on the grid.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { globSync, type FileSystemAdapter } from 'tinyglobby';
import type { MetricConfig, Rules, ServiceConfig } from '../../src/lib/config/schema';
import { addRuns, combinedOnGrid, coverSpan, detailOnGrid, emptyAggregate, type MinuteDetail } from '../../src/lib/health/aggregate';
import { dsColumn, missingDsMessage, type DsKeyPlace } from '../../src/lib/config/data-source';
import { knownFacts, unitScale } from '../../src/lib/health/assemble';
import { clampRuns, fileRuns, runValues } from '../../src/lib/health/minute-runs';
import type { AssemblyNote } from '../../src/lib/health/assemble-service';
import { gridBetween, rowTime, type Grid } from '../../src/lib/health/grid';
import { ingestStep, markAfterRead, wentBackInTime } from '../../src/lib/reduce/ingest';
import { RrdReadError, type Series } from '../../src/lib/rrd/series';
import type { ReduceCache } from './reduce-cache';
import { unusableMatches } from './rrd-unusable';

/** Identity of an input file (for the digest and the cache): never published in clear. */
export interface InputFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface InputError {
  service: string;
  metric: string;
  path: string;
  message: string;
}

/** Reads one file's rows with start < t <= end at every resolution needed (collect.ts readTiers). */
export type TierReader = (path: string, cf: string, start: number, end: number, stat?: Stats) => Series[];

export interface MetricCollected {
  /** Combined per-minute values on the grid (before the service-wide artifact clamp). */
  values: Float64Array;
  /** Per minute the smallest file value and the RRA row span behind it (aggregate.ts). */
  detail?: MinuteDetail;
  failed: boolean;
  notes: AssemblyNote[];
  inputs: InputFile[];
  errors: InputError[];
  filesRead: number;
  filesOk: number;
}

/**
 * A `readdirSync` that lists each directory once per run: the metrics of a service glob the same
 * tree (rrd/<service>/**), and at thousands of host directories the repeated walks cost more than
 * reading the new rows. Make one per run, never keep it across runs (new files must be seen).
 */
export function sharedDirListing(): FileSystemAdapter {
  const listed = new Map<string, unknown>();
  const readdir = ((path: string, options?: unknown) => {
    const key = `${path}\0${JSON.stringify(options ?? null)}`;
    let entries = listed.get(key);
    if (entries === undefined) {
      entries = readdirSync(path, options as Parameters<typeof readdirSync>[1]);
      listed.set(key, entries);
    }
    return entries;
  }) as unknown as typeof readdirSync;
  return { readdirSync: readdir };
}

/** Room kept after the newest minute, so the aggregates are re-based about once a day, not every minute. */
const SLACK_ROWS = 1440;

/**
 * Takes the new rows of every file of `metric` into `cache` and returns the metric on `grid`.
 * A file without the configured `ds:` is a configuration error (`dsPlace` says where that key is
 * written): one error line, and the whole metric unknown — never another column instead.
 */
export function collectMetric(service: ServiceConfig, metric: MetricConfig, rules: Rules, grid: Grid, dataDir: string, cache: ReduceCache, readTiers: TierReader, dsPlace: DsKeyPlace, listing?: FileSystemAdapter): MetricCollected {
  const patterns = Array.isArray(metric.files) ? metric.files : [metric.files];
  const paths = globSync(patterns, { cwd: dataDir, absolute: true, onlyFiles: true, ...(listing === undefined ? {} : { fs: listing }) }).sort();
  const out: MetricCollected = { values: new Float64Array(0), failed: true, notes: [], inputs: [], errors: [], filesRead: 0, filesOk: 0 };
  if (paths.length === 0) {
    // A FIFO, a directory or a symlink loop matching the glob is named as such, not "no file matches".
    const unusable = unusableMatches(patterns, dataDir);
    for (const u of unusable) out.errors.push({ service: service.id, metric: metric.key, path: u.path, message: u.message });
    if (unusable.length === 0) out.errors.push({ service: service.id, metric: metric.key, path: resolve(dataDir, patterns.join(', ')), message: 'no file matches — check the files: glob and --data' });
    out.notes.push({ metric: metric.key, note: 'no file matched' });
    out.values = new Float64Array(grid.length).fill(Number.NaN);
    return out;
  }
  const key = `${service.id}/${metric.key}`;
  const configKey = JSON.stringify({ data: resolve(dataDir), metric });
  const gridEnd = rowTime(grid, grid.length - 1);
  let state = cache.metrics.get(key);
  // History older than the aggregates hold (a replay further back, longer baselines) cannot be patched in.
  if (state === undefined || state.configKey !== configKey || state.agg.start > grid.start) {
    state = { configKey, agg: emptyAggregate(grid.start, grid.length + SLACK_ROWS), files: new Map() };
    cache.metrics.set(key, state);
    cache.dirty = true;
  } else state.agg = coverSpan(state.agg, grid.start, gridEnd, SLACK_ROWS);

  const scale = unitScale(metric.unit);
  const clampRate = (metric.unit === 'per_second' || metric.unit === 'per_minute') && metric.max_rate !== undefined ? metric.max_rate * 60 : Number.POSITIVE_INFINITY;
  let replaced = false;
  let dsMissing = false;
  paths.forEach((path, f) => {
    out.filesRead++;
    try {
      const st = statSync(path);
      out.inputs.push({ path, size: st.size, mtimeMs: st.mtimeMs });
      const mark = state.files.get(path);
      // What to read is src/lib/reduce/ingest.ts's decision (keyed on the file and on the window).
      const step = ingestStep(mark, st, grid.start, gridEnd);
      if (step.kind === 'unchanged') {
        cache.hits++;
        out.filesOk++;
        return;
      }
      cache.misses++;
      if (step.kind === 'nothing-new') {
        // Changed, but nothing of it is inside this window: still opened (no row taken in), so a file
        // truncated or spoilt since its mark is reported now, not at the next later window.
        readTiers(path, metric.cf, gridEnd, gridEnd, st);
        out.filesOk++;
        return;
      }
      const { from } = step;
      const tiers = readTiers(path, metric.cf, from, gridEnd, st);
      const cols = tiers.map((s) => dsColumn(s.columns, metric.ds));
      const first = tiers[0];
      if (first !== undefined && cols.every((c) => c < 0)) {
        dsMissing = true;
        out.errors.push({ service: service.id, metric: metric.key, path: resolve(path), message: missingDsMessage(metric.ds, first.columns, first.format, dsPlace) });
        // The file itself was read: the run has something to publish (this metric grey, with its line), exit 1 not 2.
        out.filesOk++;
        return;
      }
      const newest = newestRow(tiers);
      // A file whose rows end before what was already taken in was replaced (restored, recreated).
      if (wentBackInTime(mark, newest)) replaced = true;
      const sub = gridBetween(from, gridEnd);
      // The file's known rows as runs of identical minutes (a 1-h row is one run, not 60 minutes).
      const runs = fileRuns(tiers, cols, sub, scale);
      const at = (t: number): string => `${new Date(t * 1000).toISOString().slice(0, 16)}Z`;
      const facts = mark === undefined ? knownFacts(runValues(runs)) : undefined;
      if (facts !== undefined && newest > from && !facts.anyFinite) {
        // A file updated inside the window without one known minute there would be a silent grey: say so
        // (issue 11). A file last updated before the window is merely stale: the engine says so on the site.
        out.errors.push({ service: service.id, metric: metric.key, path: resolve(path), message: `no known value of "${metric.ds}" between ${at(from)} and ${at(gridEnd)} — the file is new, its collector stopped, or its rows were wiped; check the collector` });
        return;
      }
      if (facts !== undefined && metric.role === 'traffic' && facts.zerosOnly) {
        // Zero traffic over the whole window is no evidence of health (a wiped or forged file, an unused service).
        out.errors.push({ service: service.id, metric: metric.key, path: resolve(path), message: `every known value of "${metric.ds}" between ${at(from)} and ${at(gridEnd)} is 0 — no traffic at all gives no baseline to judge by; check the collector and the ds:` });
        return;
      }
      const clamped = clampRuns(runs, clampRate);
      if (clamped > 0) out.notes.push({ metric: metric.key, note: `file ${f + 1}: ${clamped} minutes above max_rate treated as unknown` });
      addRuns(state.agg, sub.start, runs);
      state.files.set(path, markAfterRead(st, from, newest, gridEnd));
      cache.dirty = true;
      out.filesOk++;
    } catch (error) {
      // The path is printed beside the message: keep it out of the message itself.
      const message = error instanceof RrdReadError ? error.detail : error instanceof Error ? error.message.split('\n')[0]! : String(error);
      out.errors.push({ service: service.id, metric: metric.key, path: resolve(path), message });
    }
  });
  if (replaced) {
    // Its old rows cannot be taken out of the sums: rebuild this metric from its files.
    cache.metrics.delete(key);
    const again = collectMetric(service, metric, rules, grid, dataDir, cache, readTiers, dsPlace, listing);
    again.notes.push({ metric: metric.key, note: 'a file went back in time (replaced?): history rebuilt from the files' });
    return again;
  }
  if (dsMissing) {
    // A configuration error: the other files' sum would be read as the whole (a false drop or a false green).
    out.failed = true;
    out.values = new Float64Array(grid.length).fill(Number.NaN);
    return out;
  }
  out.failed = out.filesOk === 0;
  out.values = combinedOnGrid(state.agg, grid, metric.combine, paths.length, rules.combine_min_known_fraction);
  // One minute past the grid: a coarse row ends where the next minute holds another row (row-span.ts).
  out.detail = detailOnGrid(state.agg, { start: grid.start, length: grid.length + 1 });
  return out;
}

/** Time stamp of the newest row a file holds: from its last update when known (binary, dump), else its last row. */
function newestRow(tiers: readonly Series[]): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const s of tiers) {
    const last = s.meta.lastUpdate;
    const t = last !== undefined && Number.isFinite(last) ? Math.floor(last) - (Math.floor(last) % s.step) : (s.timestamps[s.timestamps.length - 1] ?? Number.NEGATIVE_INFINITY);
    if (t > newest) newest = t;
  }
  return newest;
}

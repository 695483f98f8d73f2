/**
 * Reads the series of every service's metrics (the I/O side of metric assembly, collect-metric.ts:
 * new files at every resolution of their RRAs, known files only after what was already taken in),
 * then the pure engine. A file that cannot be read becomes unknown for the metrics it feeds; it is
 * listed in the report and the run goes on.
 */
import type { Locate } from '../../src/lib/config/friendly-errors';
import type { Config, ServiceConfig } from '../../src/lib/config/schema';
import { clampArtifacts, type AssemblyNote } from '../../src/lib/health/assemble-service';
import { evaluateService, serviceRules, type MetricValues, type ServiceHealth } from '../../src/lib/health/engine';
import { clockPrefix, MINUTE, rowTime, wallClock, type Grid } from '../../src/lib/health/grid';
import { evaluationEnd } from '../../src/lib/reduce/evaluation-end';
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { holidayCalendar } from '../../src/lib/health/holidays';
import { tierPlan } from '../../src/lib/rrd/select';
import { RrdReadError, type Series } from '../../src/lib/rrd/series';
import { collectMetric, sharedDirListing, type InputError, type InputFile } from './collect-metric';
import { localTimeFormatter } from '../../src/lib/view/time';
import { unflushedInputs, unknownNow } from '../../src/lib/cycle/unflushed';
import { withOpenedRrd } from './rrd-open';
import { aggregateId, ReduceCache } from './reduce-cache';

export type { InputError, InputFile } from './collect-metric';

export interface CollectedService<H = ServiceHealth> {
  health: H;
  notes: AssemblyNote[];
  /** The minute the service was evaluated up to (reduce/evaluation-end.ts): its newest data, or a later minute at which only time changed something. */
  evaluatedEnd: number;
  /** True when the evaluation of the previous run was reused (same inputs, same evaluated grid). */
  reused: boolean;
}

export interface CollectResult<H = ServiceHealth> {
  services: CollectedService<H>[];
  inputs: InputFile[];
  errors: InputError[];
  filesRead: number;
  /** Files read without error. */
  filesOk: number;
}

/** Reads one file at every resolution of the cf that reaches into (start, end], opening it once, within `budgetMs` (default: the config default); `stat` is the caller's fresh stat of it, if any. */
export function readTiers(path: string, cf: string, start: number, end: number, stat?: Stats, budgetMs?: number): Series[] {
  return withOpenedRrd(path, (opened) => {
    if (opened.kind === 'series') return [opened.series];
    const { db } = opened;
    const tiers: Series[] = [];
    const rras = db.meta.rras.filter((r) => r.cf === cf).sort((a, b) => a.resolution - b.resolution);
    if (rras.length === 0) {
      const cfs = [...new Set(db.meta.rras.map((r) => r.cf))].join(', ');
      throw new RrdReadError(path, db.format, undefined, `no ${cf} RRA in this file (it has ${cfs})`, `set cf: to one of ${cfs} for this metric in the config`);
    }
    // The tier choice is rrd/select.ts's (pure): a coarser RRA only for what the finer ones do not cover.
    for (const read of tierPlan(rras, db.meta.lastUpdate, start, end)) tiers.push(db.select({ cf, ...read }));
    // No row in the window: an empty series still carries the DS names (checked against ds:) and the last update.
    if (tiers.length === 0) tiers.push(db.select({ cf, resolution: rras[0]!.resolution, start: end, end }));
    return tiers;
  }, { ...(budgetMs === undefined ? {} : { budgetMs }), ...(stat === undefined ? {} : { stat }) });
}

export interface CollectOptions<H = ServiceHealth> {
  /**
   * What is kept of each service's evaluation (default: all of it). Reduce keeps a summary, so the
   * per-minute arrays of one service are freed before the next is evaluated (memory per cycle).
   */
  keep?: (health: ServiceHealth) => H;
  dataDir: string;
  grid: Grid;
  /** Maintenance flags per service id (1 per minute in a window). */
  maintenance?: (service: ServiceConfig) => Uint8Array | undefined;
  /**
   * Derived state kept between runs; without it every file is read in full (a cold run). With a cache
   * and `keep`, a service whose inputs and evaluated grid did not change reuses what was kept of its
   * previous evaluation (`keep` must depend on the config and the health only).
   */
  cache?: ReduceCache;
  /** The config file and where its keys are written, so a `ds:` not in its file is reported at its line. */
  configSource?: { file: string; locate: Locate };
  /** Called after each metric with the number of files seen so far (progress). */
  onFile?: (done: number) => void;
  /** Files rrdcached could not flush (path → one-line message): their metrics are unknown now (cycle-flush.ts). */
  unflushed?: ReadonlyMap<string, string>;
}

/** Reads and evaluates every service of the config over the grid. */
export function collectHealth<H = ServiceHealth>(config: Config, options: CollectOptions<H>): CollectResult<H> {
  const { grid, dataDir } = options;
  const cache = options.cache ?? new ReduceCache();
  const inputs: InputFile[] = [];
  const errors: InputError[] = [];
  const services: CollectedService<H>[] = [];
  let filesRead = 0;
  let filesOk = 0;
  const clocks = new Map<string, ReturnType<typeof wallClock>>();
  // Reuse needs a cache of the caller's (kept between runs) and a summary (`keep`) to keep in it.
  const reusable = options.cache !== undefined && options.keep !== undefined ? { config: createHash('sha256').update(JSON.stringify(config)).digest('hex') } : undefined;
  const listing = sharedDirListing();
  const budgetMs = config.read_budget_seconds * 1000;
  const readWithinBudget = (path: string, cf: string, start: number, end: number, stat?: Stats) => readTiers(path, cf, start, end, stat, budgetMs);
  for (const [s, service] of config.services.entries()) {
    const rules = serviceRules(config, service);
    // The wall clock is made only when a service is evaluated (a reused one needs none), once per holiday calendar.
    const clockOf = (): ReturnType<typeof wallClock> => {
      const clockKey = `${rules.holidays}|${rules.extra_holidays.join(',')}`;
      let clock = clocks.get(clockKey);
      if (clock === undefined) {
        // Made for the grid up to the end of its last UTC day and kept in the cache: the grid's start moves
        // once a day (reduce/window.ts), so every run of the day uses a prefix of the same clock (wall-clock
        // lookups through the time zone cost ~0.1 s per run otherwise).
        const key = `${config.site.time_zone}|${clockKey}|${grid.start}`;
        const kept = cache.clocks.get(key);
        if (kept !== undefined && kept.grid.length >= grid.length) clock = clockPrefix(kept, grid.length);
        else {
          const dayEnd = Math.ceil((rowTime(grid, grid.length - 1) + 1) / 86_400) * 86_400;
          const full = wallClock({ start: grid.start, length: Math.max(grid.length, Math.round((dayEnd - grid.start) / MINUTE) + 1) }, config.site.time_zone, holidayCalendar(rules.holidays, rules.extra_holidays));
          for (const k of [...cache.clocks.keys()]) if (k.startsWith(`${config.site.time_zone}|${clockKey}|`)) cache.clocks.delete(k);
          cache.clocks.set(key, full);
          clock = clockPrefix(full, grid.length);
        }
        clocks.set(clockKey, clock);
      }
      return clock;
    };
    const notes: AssemblyNote[] = [];
    const identities: string[] = [];
    const metrics: MetricValues[] = service.metrics.map((metric, k) => {
      const path = ['services', s, 'metrics', k, 'ds'];
      const source = options.configSource;
      const place = source === undefined ? { file: 'the config', path } : { file: source.file, position: source.locate(path, true), path };
      const m = collectMetric(service, metric, rules, grid, dataDir, cache, readWithinBudget, place, listing);
      inputs.push(...m.inputs);
      errors.push(...m.errors);
      // Rows rrdcached still holds are not on disk: the metric is unknown now, never judged on lagging rows.
      const lagging = unflushedInputs(m.inputs, options.unflushed);
      if (lagging.length > 0) {
        for (const f of lagging) errors.push({ service: service.id, metric: metric.key, ...f });
        m.values = unknownNow(m.values, rules.stale_after_seconds);
        m.failed = true;
      }
      notes.push(...m.notes);
      filesRead += m.filesRead;
      filesOk += m.filesOk;
      options.onFile?.(filesRead);
      const agg = cache.metrics.get(`${service.id}/${metric.key}`)?.agg;
      identities.push(`${metric.key}:${m.failed ? 'failed' : 'ok'}:${lagging.length}:${m.filesRead}:${agg === undefined ? '-' : aggregateId(agg)}`, ...m.inputs.map((f) => `${f.path}\0${f.size}:${f.mtimeMs}`));
      return { config: metric, values: m.values, failed: m.failed, files: m.filesRead, ...(m.detail === undefined ? {} : { detail: m.detail }) };
    });
    // Evaluated up to the newest data or the last minute at which time alone changed something (evaluation-end.ts).
    const fullMaintenance = options.maintenance?.(service);
    const end = evaluationEnd(metrics.map((m) => m.values), fullMaintenance, Math.floor(rules.stale_after_seconds / 60), grid.length - 1, grid.start);
    const n = Math.min(grid.length, end + 1);
    const prefix = metrics.map((m): MetricValues => ({
      ...m,
      values: m.values.subarray(0, n),
      // The detail keeps the minute after the evaluated ones: a coarse row ends where the next minute holds another (row-span.ts).
      ...(m.detail === undefined ? {} : { detail: { fileMin: m.detail.fileMin.subarray(0, n + 1), span: m.detail.span.subarray(0, n + 1) } }),
    }));
    const maintenance = fullMaintenance?.subarray(0, n);
    const evaluatedEnd = rowTime(grid, n - 1);
    const reuseKey = reusable === undefined ? undefined : serviceKey(reusable.config, service.id, grid.start, n, identities, maintenance);
    const previous = reuseKey === undefined ? undefined : cache.services.get(service.id);
    if (previous !== undefined && previous.key === reuseKey) {
      // The same inputs clamp the same artifacts: their notes are kept with the evaluation.
      cache.reused++;
      services.push({ health: previous.kept as H, notes: [...notes, ...previous.notes], evaluatedEnd, reused: true });
      continue;
    }
    const clampNotes: AssemblyNote[] = [];
    clampArtifacts(prefix, rules, clampNotes);
    notes.push(...clampNotes);
    const health = evaluateService({
      service,
      rules,
      clock: clockPrefix(clockOf(), n),
      metrics: prefix,
      ...(maintenance === undefined ? {} : { maintenance }),
      formatTime: localTimeFormatter(config.site.time_zone),
    });
    const kept = options.keep === undefined ? (health as H) : options.keep(health);
    if (reuseKey !== undefined) cache.services.set(service.id, { key: reuseKey, kept, notes: clampNotes });
    services.push({ health: kept, notes, evaluatedEnd, reused: false });
  }
  return { services, inputs, errors, filesRead, filesOk };
}

/**
 * What a service's evaluation depends on besides the code: the config (its hash), the evaluated grid
 * (start and length), each metric's inputs (identity of every file, failed or not, and the aggregate
 * object its history lives in) and the maintenance flags. Same key, same evaluation.
 */
function serviceKey(configHash: string, serviceId: string, start: number, length: number, identities: readonly string[], maintenance: Uint8Array | undefined): string {
  const h = createHash('sha256').update(`${configHash}\n${serviceId}\n${start}:${length}\n`);
  for (const id of identities) h.update(`${id}\n`);
  if (maintenance !== undefined) h.update(maintenance);
  return h.digest('hex');
}

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
import { wallClock, type Grid } from '../../src/lib/health/grid';
import { holidayCalendar } from '../../src/lib/health/holidays';
import { tierPlan } from '../../src/lib/rrd/select';
import { RrdReadError, type Series } from '../../src/lib/rrd/series';
import { collectMetric, sharedDirListing, type InputError, type InputFile } from './collect-metric';
import { localTimeFormatter } from '../../src/lib/view/time';
import { unflushedInputs, unknownNow } from '../../src/lib/cycle/unflushed';
import { withOpenedRrd } from './rrd-open';
import { ReduceCache } from './reduce-cache';

export type { InputError, InputFile } from './collect-metric';

export interface CollectedService<H = ServiceHealth> {
  health: H;
  notes: AssemblyNote[];
}

export interface CollectResult<H = ServiceHealth> {
  services: CollectedService<H>[];
  inputs: InputFile[];
  errors: InputError[];
  filesRead: number;
  /** Files read without error. */
  filesOk: number;
}

/** Reads one file at every resolution of the cf that reaches into (start, end], opening it once, within `budgetMs` (default: the config default). */
export function readTiers(path: string, cf: string, start: number, end: number, budgetMs?: number): Series[] {
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
  }, budgetMs === undefined ? {} : { budgetMs });
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
  /** Derived state kept between runs; without it every file is read in full (a cold run). */
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
  const listing = sharedDirListing();
  const budgetMs = config.read_budget_seconds * 1000;
  const readWithinBudget = (path: string, cf: string, start: number, end: number) => readTiers(path, cf, start, end, budgetMs);
  for (const [s, service] of config.services.entries()) {
    const rules = serviceRules(config, service);
    const clockKey = `${rules.holidays}|${rules.extra_holidays.join(',')}`;
    let clock = clocks.get(clockKey);
    if (clock === undefined) {
      clock = wallClock(grid, config.site.time_zone, holidayCalendar(rules.holidays, rules.extra_holidays));
      clocks.set(clockKey, clock);
    }
    const notes: AssemblyNote[] = [];
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
      return { config: metric, values: m.values, failed: m.failed, files: m.filesRead, ...(m.detail === undefined ? {} : { detail: m.detail }) };
    });
    clampArtifacts(metrics, rules, notes);
    const maintenance = options.maintenance?.(service);
    const health = evaluateService({
      service,
      rules,
      clock,
      metrics,
      ...(maintenance === undefined ? {} : { maintenance }),
      formatTime: localTimeFormatter(config.site.time_zone),
    });
    services.push({ health: options.keep === undefined ? (health as H) : options.keep(health), notes });
  }
  return { services, inputs, errors, filesRead, filesOk };
}

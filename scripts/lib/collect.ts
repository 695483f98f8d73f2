/**
 * Reads the series of every service's metrics (the I/O side of metric assembly): file globs with
 * tinyglobby, each file at every resolution of its RRAs (1 min, 5 min, 1 h …) over the window, then
 * the pure engine. A file that cannot be read becomes unknown for the metrics it feeds; it is listed
 * in the report and the run goes on.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { Config, ServiceConfig } from '../../src/lib/config/schema';
import { assembleService, type AssemblyNote, type ServiceFiles } from '../../src/lib/health/assemble-service';
import { evaluateService, serviceRules, type ServiceHealth } from '../../src/lib/health/engine';
import { wallClock, type Grid } from '../../src/lib/health/grid';
import { holidayCalendar } from '../../src/lib/health/holidays';
import { newestRowTime } from '../../src/lib/rrd/select';
import { RrdReadError, type Series } from '../../src/lib/rrd/series';
import { localDate, localParts } from '../../src/lib/time/zone';
import { inspectRrdFile } from './rrd-file';
import type { ReduceCache } from './reduce-cache';

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

export interface CollectedService {
  health: ServiceHealth;
  notes: AssemblyNote[];
}

export interface CollectResult {
  services: CollectedService[];
  inputs: InputFile[];
  errors: InputError[];
  filesRead: number;
  /** Files read without error. */
  filesOk: number;
}

/** Reads one file at every resolution of the cf that reaches into (start, end]. */
export function readTiers(path: string, cf: string, start: number, end: number): Series[] {
  const opened = inspectRrdFile(path);
  if (opened.kind === 'series') return [opened.series];
  const { db } = opened;
  const tiers: Series[] = [];
  const rras = db.meta.rras.filter((r) => r.cf === cf).sort((a, b) => a.resolution - b.resolution);
  if (rras.length === 0) {
    const cfs = [...new Set(db.meta.rras.map((r) => r.cf))].join(', ');
    throw new RrdReadError(path, db.format, undefined, `no ${cf} RRA in this file (it has ${cfs})`, `set cf: to one of ${cfs} for this metric in the config`);
  }
  let coveredFrom = end;
  for (const rra of rras) {
    const span = newestRowTime(db.meta.lastUpdate, rra.resolution) - rra.rows * rra.resolution;
    // A coarser RRA is only needed for the part the finer ones do not cover.
    if (span >= coveredFrom || coveredFrom <= start) continue;
    const from = Math.max(start, span);
    tiers.push(db.select({ cf, resolution: rra.resolution, start: from, end: Math.min(end, coveredFrom + rra.resolution) }));
    coveredFrom = Math.min(coveredFrom, Math.max(from, span));
  }
  return tiers;
}

/** "13:50" for a time on the same local day as `relativeTo`, else "3/11 13:50". */
export function localTimeFormatter(timeZone: string): (epoch: number, relativeTo: number) => string {
  return (epoch, relativeTo) => {
    const p = localParts(epoch, timeZone);
    const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
    return localDate(epoch, timeZone) === localDate(relativeTo, timeZone) ? hm : `${p.day}/${p.month} ${hm}`;
  };
}

export interface CollectOptions {
  dataDir: string;
  grid: Grid;
  /** Maintenance flags per service id (1 per minute in a window). */
  maintenance?: (service: ServiceConfig) => Uint8Array | undefined;
  cache?: ReduceCache;
  /** Called after each file (progress). */
  onFile?: (done: number) => void;
}

/** Reads and evaluates every service of the config over the grid. */
export function collectHealth(config: Config, options: CollectOptions): CollectResult {
  const { grid, dataDir } = options;
  const start = grid.start - 60;
  const end = grid.start + (grid.length - 1) * 60;
  const inputs: InputFile[] = [];
  const errors: InputError[] = [];
  const services: CollectedService[] = [];
  let filesRead = 0;
  let filesOk = 0;
  const clocks = new Map<string, ReturnType<typeof wallClock>>();
  for (const service of config.services) {
    const rules = serviceRules(config, service);
    const clockKey = `${rules.holidays}|${rules.extra_holidays.join(',')}`;
    let clock = clocks.get(clockKey);
    if (clock === undefined) {
      clock = wallClock(grid, config.site.time_zone, holidayCalendar(rules.holidays, rules.extra_holidays));
      clocks.set(clockKey, clock);
    }
    const files: ServiceFiles = service.metrics.map((metric) => {
      const patterns = Array.isArray(metric.files) ? metric.files : [metric.files];
      const paths = globSync(patterns, { cwd: dataDir, absolute: true, onlyFiles: true }).sort();
      if (paths.length === 0) {
        errors.push({ service: service.id, metric: metric.key, path: resolve(dataDir, patterns.join(', ')), message: 'no file matches — check the files: glob and --data' });
      }
      return paths.map((path) => {
        filesRead++;
        options.onFile?.(filesRead);
        try {
          const st = statSync(path);
          inputs.push({ path, size: st.size, mtimeMs: st.mtimeMs });
          const read = (): Series[] => readTiers(path, metric.cf, start, end);
          const tiers = options.cache ? options.cache.tiers(path, st.size, st.mtimeMs, metric.cf, read) : read();
          filesOk++;
          return tiers;
        } catch (error) {
          const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
          errors.push({ service: service.id, metric: metric.key, path: resolve(path), message });
          return null;
        }
      });
    });
    const { metrics, notes } = assembleService(service, rules, grid, files);
    const maintenance = options.maintenance?.(service);
    const health = evaluateService({
      service,
      rules,
      clock,
      metrics,
      ...(maintenance === undefined ? {} : { maintenance }),
      formatTime: localTimeFormatter(config.site.time_zone),
    });
    services.push({ health, notes });
  }
  return { services, inputs, errors, filesRead, filesOk };
}

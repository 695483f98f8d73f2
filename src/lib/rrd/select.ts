/**
 * RRA choice and row windows shared by the binary (.rrd) and the dump reader, so both answer a
 * `select()` exactly as `rrdtool fetch` would (rrd_fetch_fn in rrdtool's src/rrd_fetch.c).
 */
import { RrdReadError, type RraDef, type SelectOptions } from './series';

/** Time of the newest row of an RRA: last update rounded down to the RRA's resolution (UTC epoch). */
export function newestRowTime(lastUpdate: number, resolution: number): number {
  const lastUp = Math.floor(lastUpdate);
  return lastUp - (lastUp % resolution);
}

/** Time of the oldest row an RRA can hold, i.e. the start of the span it covers (exclusive). */
function coverageStart(rra: RraDef, lastUpdate: number): number {
  return newestRowTime(lastUpdate, rra.resolution) - rra.rows * rra.resolution;
}

const finite = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

/** The RRA chosen for a select, and a note when it is not what was asked for. */
export interface RraChoice {
  rra: RraDef;
  /** Set when the resolution differs from the one asked or the RRA covers the window only partly. */
  quirk?: string;
}

/**
 * Picks the RRA like rrdtool fetch: among the RRAs of the cf whose span reaches back to `start`,
 * the one whose resolution is nearest to the asked one (default: the finest; first in file order
 * on a tie); when none reaches back that far, the one covering most of the window. Without a
 * start every RRA of the cf counts as covering, so the asked resolution decides.
 */
export function chooseRra(rras: readonly RraDef[], lastUpdate: number, options: SelectOptions, source: string, format: 'dump' | 'rrd'): RraChoice {
  const cf = (options.cf ?? 'AVERAGE').toUpperCase();
  // rrdtool's default step is 1 s, which makes "nearest" mean "finest".
  const asked = finite(options.resolution) && options.resolution > 0 ? options.resolution : 1;
  const start = finite(options.start) ? options.start : undefined;
  const end = finite(options.end) ? options.end : Math.floor(lastUpdate);
  let full: RraDef | undefined;
  let fullDiff = Infinity;
  let partial: RraDef | undefined;
  let partialMatch = -Infinity;
  let partialDiff = Infinity;
  for (const rra of rras) {
    if (rra.cf !== cf) continue;
    const diff = Math.abs(asked - rra.resolution);
    const calStart = coverageStart(rra, lastUpdate);
    if (start === undefined || calStart <= start) {
      if (diff < fullDiff) {
        full = rra;
        fullDiff = diff;
      }
    } else {
      const match = end - start - (calStart - start);
      if (match > partialMatch || (match === partialMatch && diff < partialDiff)) {
        partial = rra;
        partialMatch = match;
        partialDiff = diff;
      }
    }
  }
  const rra = full ?? partial;
  if (rra === undefined) {
    const cfs = [...new Set(rras.map((r) => r.cf))].join(', ');
    throw new RrdReadError(source, format, undefined, `no ${cf} RRA in this file (it has ${cfs})`, `select one of ${cfs}`);
  }
  const notes: string[] = [];
  if (full === undefined && start !== undefined) {
    notes.push(`no ${cf} RRA reaches back to ${start}; the ${rra.resolution} s RRA covers the window only from ${coverageStart(rra, lastUpdate)}`);
  }
  if (finite(options.resolution) && options.resolution > 0 && rra.resolution !== options.resolution) {
    notes.push(`asked for ${cf} at ${options.resolution} s, got ${rra.resolution} s (as rrdtool fetch would)`);
  }
  return notes.length > 0 ? { rra, quirk: notes.join('; ') } : { rra };
}

/** Rows of an RRA inside a window, counted by age: 0 is the oldest row, rows-1 the newest. */
export interface RowWindow {
  /** Age index of the first row returned. */
  first: number;
  /** Number of rows returned (0 when the window misses the RRA). */
  count: number;
  /** Time of the newest row of the RRA. */
  newest: number;
}

/** The rows with start < t <= end of an RRA whose newest row is stamped at `newestRowTime`. */
export function rowWindow(rra: RraDef, lastUpdate: number, options: SelectOptions): RowWindow {
  const newest = newestRowTime(lastUpdate, rra.resolution);
  const last = rra.rows - 1;
  const start = finite(options.start) ? options.start : -Infinity;
  const end = finite(options.end) ? options.end : Infinity;
  // Row k is stamped newest - (last - k) * resolution.
  const first = start === -Infinity ? 0 : Math.max(0, last - Math.ceil((newest - start) / rra.resolution) + 1);
  const lastIn = end === Infinity ? last : Math.min(last, last - Math.ceil((newest - end) / rra.resolution));
  return { first, count: Math.max(0, lastIn - first + 1), newest };
}

/** One read of a tier plan: an RRA resolution and the window (start, end] to select from it. */
export interface TierRead {
  resolution: number;
  start: number;
  end: number;
}

/**
 * The RRAs of `cf` to read for the window (start, end], finest first: a coarser RRA only for the
 * part the finer ones do not reach back to. Empty when no RRA of the cf reaches into the window
 * (the caller still reads an empty series for the DS names); the RRAs must all be of `cf`.
 */
export function tierPlan(rras: readonly RraDef[], lastUpdate: number, start: number, end: number): TierRead[] {
  const plan: TierRead[] = [];
  let coveredFrom = end;
  for (const rra of [...rras].sort((a, b) => a.resolution - b.resolution)) {
    const span = coverageStart(rra, lastUpdate);
    if (span >= coveredFrom || coveredFrom <= start) continue;
    const from = Math.max(start, span);
    plan.push({ resolution: rra.resolution, start: from, end: Math.min(end, coveredFrom + rra.resolution) });
    coveredFrom = Math.min(coveredFrom, Math.max(from, span));
  }
  return plan;
}

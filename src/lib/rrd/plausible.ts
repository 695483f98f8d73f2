/**
 * Plausibility before judgement: a file can be well-formed and still not be data rrdtool wrote for
 * this installation — a header claiming 2^31 rows, a thousand data sources, a last update ahead of
 * the clock or in 1990, rows of random bits or of foreign bytes. Such a file must make its metrics
 * unknown with a reason, never feed the health engine (a green or a phantom incident from garbage).
 *
 * Pure: the wall clock is passed in. Every check throws an RrdReadError naming the place and the fix.
 */
import { RrdReadError, type DsDef, type RrdDatabase, type Series } from './series';

/** Bounds of a believable file. */
export const PLAUSIBLE = {
  /** Seconds a last update or a row may lie ahead of the clock (clock skew between hosts). */
  futureSlackSeconds: 300,
  /** Nothing before 2000-01-01 UTC was written by a collector feeding a status site. */
  earliest: 946_684_800,
  /** Data sources per file: status metrics live in files of a few (collectd, Cacti ≤ ~20). */
  maxDataSources: 256,
  /** Rows per RRA: 2^25 minutes are 64 years. */
  maxRows: 2 ** 25,
  /** Share of the known values that may look like stray bits before the whole file is refused. */
  maxStrangeShare: 0.02,
  /** |x| beyond which (or, nonzero, below whose inverse) a value is stray bits, not a measurement. */
  magnitude: 1e100,
} as const;

const CONSOLIDATING = new Set(['AVERAGE', 'MIN', 'MAX', 'LAST']);

/** "2100-01-01 00:00 UTC". */
function utc(epoch: number): string {
  const d = new Date(Math.floor(epoch) * 1000);
  return Number.isNaN(d.getTime()) ? String(epoch) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How far ahead, in words ("73 min", "4 days", "73 years"). */
function ahead(seconds: number): string {
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${Math.round(seconds / 3600)} h`;
  if (seconds < 730 * 86_400) return `${Math.round(seconds / 86_400)} days`;
  return `${Math.round(seconds / (365.25 * 86_400))} years`;
}

/** Refuses a time (last update, newest row) ahead of the clock or before 2000. `what` names the place. */
export function checkTime(t: number, clock: number, source: string, format: Series['format'], what: string): void {
  if (t > clock + PLAUSIBLE.futureSlackSeconds) {
    throw new RrdReadError(
      source,
      format,
      undefined,
      `${what} ${utc(t)} is ${ahead(t - clock)} ahead of the clock (${utc(clock)})`,
      "set the collector's clock right (NTP), then recreate or restore the file: rrdtool refuses updates older than its last one",
    );
  }
  if (t < PLAUSIBLE.earliest) {
    throw new RrdReadError(source, format, undefined, `${what} ${utc(t)} is before 2000`, 'the file is corrupt or was written with a wrong clock; restore it from a backup');
  }
}

/** Refuses a database (binary .rrd, dump) whose header is not believable. */
export function checkDatabase(db: RrdDatabase, clock: number): void {
  const { meta, source, format } = db;
  const fail = (problem: string, fix: string): never => {
    throw new RrdReadError(source, format, undefined, problem, fix);
  };
  if (meta.ds.length > PLAUSIBLE.maxDataSources) {
    fail(
      `the header declares ${meta.ds.length} data sources, more than the ${PLAUSIBLE.maxDataSources} a status metric file plausibly holds`,
      'export the data source the metric needs with `rrdtool xport`, or check that the file is not corrupt',
    );
  }
  for (const rra of meta.rras) {
    if (rra.rows > PLAUSIBLE.maxRows) {
      fail(
        `RRA ${rra.index} declares ${rra.rows} rows, more than ${PLAUSIBLE.maxRows} (64 years of minutes)`,
        'the header is corrupt or was forged; restore the file from a backup or recreate it with `rrdtool create`',
      );
    }
  }
  checkTime(meta.lastUpdate, clock, source, format, 'last_update');
}

/**
 * Checks the rows of one selected RRA or export. Values rrdtool cannot have written (outside the DS
 * min/max, beyond ±1e100 or nonzero within ±1e-100, ±Infinity in a database, NaN with a payload) are
 * stray bits: a few are blanked (NaN) with a quirk; more than 2 % of the known values refuse the file.
 * An export cut short, one with no rows, and a newest row ahead of the clock are refused too.
 */
export function plausibleSeries(series: Series, ds: readonly DsDef[] | undefined, clock: number): Series {
  const { source, format } = series;
  if (series.meta.truncated !== undefined) {
    throw new RrdReadError(
      source,
      format,
      undefined,
      `the file ends after ${series.meta.truncated.rows} complete rows, before its end: it is truncated`,
      'it was being written or copied; store the complete export (write it to a temporary name, then rename it)',
    );
  }
  const isDatabase = format === 'rrd' || format === 'dump';
  if (!isDatabase && series.timestamps.length === 0) {
    throw new RrdReadError(source, format, undefined, 'the export has no data rows', 'export a window that holds data (-s/-e), e.g. the last 48 hours');
  }
  if (!isDatabase) {
    // The newest row holding a value: an export asked to end later than now has unknown rows there.
    let last = series.timestamps.length - 1;
    while (last >= 0 && series.values.every((v) => Number.isNaN(v[last]!))) last--;
    if (last >= 0) checkTime(series.timestamps[last]!, clock, source, format, 'the newest row with a value');
  }
  if (series.cf !== undefined && !CONSOLIDATING.has(series.cf)) return series;

  let known = 0;
  let strange = series.meta.strangeBits ?? 0;
  const blank: [number, number][] = [];
  series.values.forEach((column, c) => {
    const def = ds?.find((d) => d.name === series.columns[c]);
    const min = def?.min ?? Number.NEGATIVE_INFINITY;
    const max = def?.max ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < column.length; i++) {
      const x = column[i]!;
      if (Number.isNaN(x)) continue;
      known++;
      const a = Math.abs(x);
      const stray = (isDatabase && !Number.isFinite(x)) || (Number.isFinite(x) && (a >= PLAUSIBLE.magnitude || (a !== 0 && a < 1 / PLAUSIBLE.magnitude))) || x < min || x > max;
      if (stray) {
        strange++;
        blank.push([c, i]);
      }
    }
  });
  if (strange === 0) return series;
  const total = known + (series.meta.strangeBits ?? 0);
  if (strange > Math.max(2, total * PLAUSIBLE.maxStrangeShare)) {
    const range = ds?.some((d) => d.min != null || d.max != null) ? ', outside the data sources’ min/max' : '';
    throw new RrdReadError(
      source,
      format,
      undefined,
      `${strange} of ${total} values in the rows read look like random or foreign bytes (magnitudes rrdtool does not write${range}, NaN with a payload)`,
      'the rows are corrupt or not rrdtool data; restore the file from a backup, or recreate it',
    );
  }
  const values = series.values.map((v) => v.slice());
  for (const [c, i] of blank) values[c]![i] = Number.NaN;
  return { ...series, values, meta: { ...series.meta, quirks: [...series.meta.quirks, `${strange} value(s) outside what rrdtool writes for this file (min/max, magnitude) treated as unknown`] } };
}

/**
 * The one time-series model every RRD reader produces and everything downstream consumes.
 *
 * Conventions (rrdtool's own):
 * - `timestamps[i]` is epoch seconds marking the END of interval i, i.e. row i covers (t - step, t].
 * - Timestamps are ascending and evenly spaced by `step`.
 * - `values[c][i]` is the value of column c at row i; unknown is NaN (never 0). ±Infinity is kept
 *   as read (a CDEF such as `x,0,/`), consumers treat non-finite as unknown.
 */

/** rrdtool data-source types. */
export const DS_TYPES = ['GAUGE', 'COUNTER', 'DERIVE', 'ABSOLUTE', 'DCOUNTER', 'DDERIVE', 'COMPUTE'] as const;
export type DsType = (typeof DS_TYPES)[number];

/** Where a series came from. Detected from content, never from the file name. */
export const SOURCE_FORMATS = [
  'xport-xml', // rrdtool xport / graph --imgformat XML|XMLENUM
  'xport-json', // rrdtool xport --json / graph --imgformat JSON|JSONTIME
  'graph-csv', // graph --imgformat CSV|TSV|SSV
  'fetch', // rrdtool fetch text
  'dump', // rrdtool dump XML (plain or gzip)
  'rrd', // binary .rrd file (LP64 little-endian)
] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** One data source definition, where the format carries it (dump, .rrd). */
export interface DsDef {
  name: string;
  type: DsType;
  /** Minimal heartbeat in seconds (absent for COMPUTE). */
  heartbeat?: number;
  /** Minimum / maximum, null when `U`. */
  min?: number | null;
  max?: number | null;
  /** RPN expression of a COMPUTE data source. */
  cdef?: string;
  /** Raw last input (`last_ds`), e.g. "253092450" or "U". */
  lastDs?: string;
}

/** One round-robin archive definition. */
export interface RraDef {
  /** 0-based index in file order. */
  index: number;
  /** AVERAGE, MIN, MAX, LAST, HWPREDICT, MHWPREDICT, SEASONAL, DEVSEASONAL, DEVPREDICT, FAILURES. */
  cf: string;
  pdpPerRow: number;
  /** Resolution in seconds = pdpPerRow × step. */
  resolution: number;
  rows: number;
  /** xff for consolidating RRAs; undefined for Holt-Winters RRAs. */
  xff?: number;
  /** Other parameters by rrdtool's dump names (hw_alpha, seasonal_period, window_len …). */
  params?: Record<string, number>;
}

/** Metadata a format may carry. Fields are absent when the format does not have them. */
export interface SeriesMeta {
  /** File format version of a dump or .rrd ("0003", "0004", "0005"). */
  version?: string;
  /** Base step (pdp_step) of the RRD in seconds. */
  pdpStep?: number;
  /** Last update time, epoch seconds (fractional for .rrd with microseconds). */
  lastUpdate?: number;
  ds?: DsDef[];
  rras?: RraDef[];
  /** Legends of an xport/graph export, in column order. */
  legends?: string[];
  /** Quirks detected while reading, in words (e.g. "rrdtool 1.4.7-1.4.9 wrong <end> ignored"). */
  quirks: string[];
  /** Set when the reader kept the complete rows of a file cut short (an export being written or copied). */
  truncated?: { rows: number };
  /** Values whose bit pattern rrdtool never writes (NaN with a payload): a sign of random or foreign bytes. */
  strangeBits?: number;
}

/** A parsed series: one RRA (or one export) in time order. */
export interface Series {
  /** File name or label of the source (for messages). */
  source: string;
  format: SourceFormat;
  /** Seconds between rows. */
  step: number;
  /** Column names: DS names (dump, .rrd, fetch) or legends / vnames (exports). */
  columns: string[];
  /** Consolidation function of the selected RRA, when known. */
  cf?: string;
  /** Interval END times, epoch seconds, ascending. */
  timestamps: Float64Array;
  /** One array per column, same length as `timestamps`; NaN = unknown. */
  values: Float64Array[];
  meta: SeriesMeta;
}

/** What to select from a multi-RRA source (dump or .rrd). Exports ignore cf/resolution. */
export interface SelectOptions {
  /** Consolidation function; default AVERAGE. */
  cf?: string;
  /** Wanted resolution in seconds; default the finest RRA of that cf. */
  resolution?: number;
  /** Window (epoch seconds). Rows with start < t <= end are returned. */
  start?: number;
  end?: number;
}

/** A source holding several RRAs (dump XML, binary .rrd): metadata plus selection of one RRA as a Series. */
export interface RrdDatabase {
  source: string;
  format: 'dump' | 'rrd';
  meta: SeriesMeta & { ds: DsDef[]; rras: RraDef[]; pdpStep: number; lastUpdate: number; version: string };
  /** One RRA as a Series, rows limited to the window. Throws RrdReadError when no RRA has that cf. */
  select(options?: SelectOptions): Series;
}

/** Where in the input a problem was found. */
export type InputPosition = { line: number; column?: number } | { offset: number };

/**
 * The one error type of the readers: names the file, the format it looked like, the position and
 * what was expected, and says how to fix it. `message` is a single line.
 */
export class RrdReadError extends Error {
  override readonly name = 'RrdReadError';
  constructor(
    readonly source: string,
    readonly format: SourceFormat | 'unknown',
    readonly position: InputPosition | undefined,
    readonly problem: string,
    readonly fix: string,
  ) {
    const where = position === undefined ? '' : 'line' in position ? ` at line ${position.line}` : ` at byte ${position.offset}`;
    // A problem with the file itself (no such file, a FIFO …) says so directly: nothing was recognised or not.
    const kind = format === 'unknown' ? (position === undefined ? '' : 'unrecognised input') : `looks like ${format}`;
    const detail = `${kind}${where}${kind === '' ? '' : ': '}${problem}; ${fix}`;
    super(`${source}: ${detail}`);
    this.detail = detail;
  }

  /** The message without the leading `source: `, for callers that print the path themselves. */
  readonly detail: string;
}

/**
 * Random access to the bytes of a file, so the binary reader can read the header and only the rows
 * of the window asked for. The scripts back it with a file descriptor; tests with a Uint8Array.
 */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at end of file). */
  read(offset: number, length: number): Uint8Array;
}

/** A ByteSource over bytes already in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

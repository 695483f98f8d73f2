/**
 * The one entry point from bytes to a Series: detect the format from content, gunzip when needed,
 * dispatch to the reader, select the RRA (dump, .rrd) or cut the window (exports).
 */
import { gunzipSync } from 'node:zlib';
import { openRrd } from './binary';
import { detectFormat } from './detect';
import { parseDump } from './dump-xml';
import { parseFetchText } from './fetch-text';
import { parseGraphCsv } from './graph-csv';
import { BudgetError } from './text/columns';
import { bytesSource, RrdReadError, type RrdDatabase, type SelectOptions, type Series, type SourceFormat } from './series';
import { parseXportJson } from './xport-json';
import { parseXportXml } from './xport-xml';

/**
 * Largest text input read (plain, or once gunzipped): a full dump of a big RRD is a few tens of MB;
 * more is a mistake or a bomb, and would not fit the per-file memory budget.
 */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

const UNKNOWN_FIX = 'give rrdtool output as is: xport XML/JSON, graph CSV/TSV/SSV/XML/JSON, fetch text, dump XML (plain or .gz) or a binary .rrd';

/** What `openRrdBytes` found: a multi-RRA database (dump, .rrd) or a single export series. */
export type OpenedRrd = { kind: 'database'; db: RrdDatabase } | { kind: 'series'; series: Series };

/** Reads any supported RRD format from bytes into one Series; `options` selects the RRA and window. Throws only RrdReadError. */
export function readRrdBytes(bytes: Uint8Array, source: string, options: SelectOptions = {}): Series {
  const opened = openRrdBytes(bytes, source);
  return guard(source, opened.kind === 'database' ? opened.db.format : opened.series.format, () =>
    opened.kind === 'database' ? opened.db.select(options) : cutWindow(opened.series, options),
  );
}

/** Opens bytes without selecting: the database (for --info and RRA choice) or the export's series. Throws only RrdReadError. */
export function openRrdBytes(bytes: Uint8Array, source: string): OpenedRrd {
  let data = bytes;
  let format = detectFormat(data);
  if (format === 'gzip') {
    data = gunzip(data, source);
    format = detectFormat(data);
    if (format === 'gzip') throw new RrdReadError(source, 'unknown', { offset: 0 }, 'gzip inside gzip', 'gunzip the file once and store the result');
  }
  const found = format;
  if (found === 'unknown') {
    const problem = data.length === 0 ? 'the file is empty' : 'the content is not a known rrdtool output';
    throw new RrdReadError(source, 'unknown', { offset: 0 }, problem, UNKNOWN_FIX);
  }
  return guard(source, found, () => dispatch(data, source, found));
}

function dispatch(data: Uint8Array, source: string, format: SourceFormat): OpenedRrd {
  switch (format) {
    case 'rrd':
      return { kind: 'database', db: openRrd(bytesSource(data), source) };
    case 'dump':
      return { kind: 'database', db: parseDump(utf8(data), source) };
    case 'xport-xml':
      return { kind: 'series', series: parseXportXml(data, source) };
    case 'xport-json':
      return { kind: 'series', series: parseXportJson(utf8(data), source) };
    case 'graph-csv':
      return { kind: 'series', series: parseGraphCsv(utf8(data), source) };
    case 'fetch':
      return { kind: 'series', series: parseFetchText(utf8(data), source) };
  }
}

/** Rows with start < t <= end, the window convention of SelectOptions. */
export function cutWindow(series: Series, options: SelectOptions): Series {
  const { start, end } = options;
  if (start === undefined && end === undefined) return series;
  const t = series.timestamps;
  let from = 0;
  let to = t.length;
  if (start !== undefined) while (from < to && (t[from] as number) <= start) from++;
  if (end !== undefined) while (to > from && (t[to - 1] as number) > end) to--;
  if (from === 0 && to === t.length) return series;
  return { ...series, timestamps: t.slice(from, to), values: series.values.map((v) => v.slice(from, to)) };
}

function gunzip(data: Uint8Array, source: string): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(data, { maxOutputLength: MAX_TEXT_BYTES }));
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new RrdReadError(source, 'unknown', { offset: 0 }, `it unpacks to more than ${MAX_TEXT_BYTES / 2 ** 20} MB`, 'export a shorter window, or give the binary .rrd instead of its dump');
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new RrdReadError(
      source,
      'unknown',
      { offset: 0 },
      `bad gzip data (${reason})`,
      'store the file again, e.g. `rrdtool dump FILE | gzip > FILE.xml.gz`',
    );
  }
}

/** Text of a text format. Invalid UTF-8 bytes become U+FFFD rather than failing: only legends can hold them. */
function utf8(data: Uint8Array): string {
  return new TextDecoder('utf-8').decode(data);
}

/**
 * Runs a reader and turns anything but an RrdReadError into one: a reader bug or a resource error on
 * hostile input (RangeError of a huge allocation) must fail this file, never the whole run.
 */
function guard<T>(source: string, format: SourceFormat, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RrdReadError) throw error;
    if (error instanceof BudgetError) throw new RrdReadError(source, format, undefined, error.message, 'export a shorter window (-s/-e) or fewer columns per file');
    const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ');
    throw new RrdReadError(source, format, undefined, `the reader failed unexpectedly (${reason})`, 'report this file to the fluxstatus maintainers');
  }
}

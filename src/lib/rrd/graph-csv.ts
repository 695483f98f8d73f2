/**
 * Reader for `rrdtool graph - --imgformat CSV|TSV|SSV`:
 *
 * ```
 * "time","GFD calls/s","GFD avg ms"␍␊
 * 1762180260,"3.1907438613e+01","2.2717833333e+02"␍␊
 * ```
 * CRLF line ends, a quoted header, quoted numbers, `"NaN"` for unknown and `"inf"`/`"-inf"`. The
 * separator (`,` tab `;`) is taken from the header. Legends are not escaped by rrdtool, so a quoted
 * field ends at a quote followed by the separator or the line end. The step comes from row spacing.
 */
import { RrdReadError, type Series } from './series';
import { capLegends, ColumnBuffer, columnNames } from './text/columns';
import { splitLines, stepFromTimes } from './text/lines';
import { excerpt, parseInteger, parseSlow } from './text/number';

const FIX = 'export with `rrdtool graph - --imgformat CSV -w 1440 …` (no strftime --x-grid) and store it unchanged';

/** Parses rrdtool graph CSV/TSV/SSV output into a Series; throws RrdReadError on bad input. */
export function parseGraphCsv(text: string, source: string): Series {
  const { lines, complete } = splitLines(text, source, 'graph-csv', FIX);
  const fail = (line: number, problem: string, fix = FIX): RrdReadError => new RrdReadError(source, 'graph-csv', { line: line + 1 }, problem, fix);
  const header = lines[0];
  if (header === undefined || header.trim() === '') throw fail(0, 'empty input: no header line');
  const sep = detectSeparator(header);
  if (sep === undefined) throw fail(0, 'no separator (comma, tab or semicolon) in the header line');
  const names = splitFields(header, sep);
  if (names.length < 2) throw fail(0, 'the header has no value columns');
  const ncols = names.length - 1;
  const legends = capLegends(names.slice(1), ncols);
  const quirks: string[] = [];
  const buf = new ColumnBuffer(ncols, lines.length);
  const rowLine: number[] = [];
  let truncated = false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const fields = splitFields(line, sep);
    const last = i === lines.length - 1;
    const time = fields[0] ?? '';
    const t = parseInteger(time, 0, time.length);
    const parsed = fields.slice(1).map((f) => (f.trim() === '' ? NaN : parseSlow(f)));
    const bad = parsed.indexOf(undefined);
    // rrdtool quotes every value and ends every line: an unterminated last line without its closing
    // quote was cut short and could hold a truncated number, so it is dropped.
    const cut = last && !complete && header.startsWith('"') && !line.trimEnd().endsWith('"');
    if (t === undefined || parsed.length !== ncols || bad >= 0 || cut) {
      if (last && !complete && buf.length > 0) {
        quirks.push(`file truncated: incomplete last line ${i + 1} dropped`);
        truncated = true;
        break;
      }
      if (t === undefined)
        throw fail(i, `time ${excerpt(time.slice(0, 40))} is not an epoch`, 'remove the strftime format from --x-grid so times print as epochs');
      if (bad >= 0) throw fail(i, `${excerpt((fields[bad + 1] as string).slice(0, 40))} is not a number, NaN or inf`);
      throw fail(i, `${parsed.length} value(s) where the header names ${ncols}`);
    }
    const row = buf.length;
    buf.ensure(row);
    buf.timestamps[row] = t;
    for (let c = 0; c < ncols; c++) (buf.values[c] as Float64Array)[row] = parsed[c] as number;
    buf.length = row + 1;
    rowLine.push(i + 1);
  }
  const { timestamps, values } = buf.finish();
  const step = stepFromTimes(timestamps, (r) => rowLine[r] ?? 1, source, 'graph-csv', FIX, quirks);
  return { source, format: 'graph-csv', step, columns: columnNames(legends, ncols), timestamps, values, meta: { legends, quirks, ...(truncated ? { truncated: { rows: timestamps.length } } : {}) } };
}

/** The separator: the character after the first (quoted) header field, else the first of tab, `;`, `,`. */
function detectSeparator(header: string): string | undefined {
  if (header.startsWith('"')) {
    const close = header.indexOf('"', 1);
    const after = close < 0 ? undefined : header[close + 1];
    if (after === ',' || after === '\t' || after === ';') return after;
  }
  for (const sep of ['\t', ';', ',']) if (header.includes(sep)) return sep;
  return undefined;
}

/** Fields of one line, quotes removed. A quoted field ends at a quote followed by the separator or the line end. */
export function splitFields(line: string, sep: string): string[] {
  const fields: string[] = [];
  let p = 0;
  const n = line.length;
  for (;;) {
    if (line[p] === '"') {
      let close = line.indexOf(`"${sep}`, p + 1);
      if (close < 0) close = line.endsWith('"') && n - 1 > p ? n - 1 : n;
      fields.push(line.slice(p + 1, close).replace(/""/g, '"'));
      p = close + 2;
      if (p > n) return fields;
    } else {
      const next = line.indexOf(sep, p);
      if (next < 0) {
        fields.push(line.slice(p));
        return fields;
      }
      fields.push(line.slice(p, next));
      p = next + 1;
    }
  }
}

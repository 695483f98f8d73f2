/**
 * Reader for the text of `rrdtool fetch file CF [-r res] [-s start] [-e end]`:
 *
 * ```
 *                           calls
 *
 * 1762180260: 3.1907438613e+01
 * 1762266660: -nan
 * ```
 * Header of DS names (split on whitespace: names have ≤ 19 characters, printed `%20s`), a blank line,
 * then `%10lu:` and one `%0.10e` per DS. Unknown prints as `-nan`/`nan` (glibc), `NaN` or `nan(…)`
 * (other libcs), and under a non-C locale (fr_BE) numbers have decimal commas.
 *
 * Rows are kept exactly as printed, including the extra row fetch adds after an aligned END (usually
 * unknown): callers cut by their window. The step is inferred from the row spacing.
 */
import { RrdReadError, type Series } from './series';
import { ColumnBuffer } from './text/columns';
import { splitLines, stepFromTimes } from './text/lines';
import { excerpt, parseInteger, parseSlow } from './text/number';

/** A value exactly as printf prints it: `%0.10e` (any locale) or an unknown/infinite spelling. */
const PRINTED = /^(?:[-+]?\d[.,]\d+e[-+]\d{2,}|[-+]?(?:nan|inf)\S*)$/i;

const FIX = 'store the output of `LC_ALL=C rrdtool fetch FILE AVERAGE -r 60 -s START -e END` unchanged';

/** Parses `rrdtool fetch` text output into a Series; throws RrdReadError on bad input. */
export function parseFetchText(text: string, source: string): Series {
  const { lines, complete } = splitLines(text, source, 'fetch', FIX);
  const fail = (line: number, problem: string): RrdReadError => new RrdReadError(source, 'fetch', { line: line + 1 }, problem, FIX);
  let h = 0;
  while (h < lines.length && (lines[h] as string).trim() === '') h++;
  if (h >= lines.length) throw fail(0, 'empty input: no header of data-source names');
  const header = (lines[h] as string).trim();
  if (/^\d+:/.test(header)) throw fail(h, 'the header line of data-source names is missing');
  const columns = header.split(/\s+/);
  const quirks: string[] = [];
  const buf = new ColumnBuffer(columns.length, lines.length);
  const rowLine: number[] = [];
  let comma = false;
  let truncated = false;
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const t = colon < 0 ? undefined : parseInteger(line, 0, colon);
    const tokens =
      colon < 0
        ? []
        : line
            .slice(colon + 1)
            .trim()
            .split(/\s+/);
    const last = i === lines.length - 1;
    const parsed = tokens.map(parseSlow);
    const bad = parsed.indexOf(undefined);
    // rrdtool ends every line with a newline: an unterminated last line whose numbers are cut short
    // (`3.19074386` of `3.1907438613e+01`) would parse to wrong values, so it is dropped.
    const cut = last && !complete && !tokens.every((tok) => PRINTED.test(tok));
    if (t === undefined || tokens.length !== columns.length || tokens[0] === '' || bad >= 0 || cut) {
      if (last && !complete && buf.length > 0) {
        quirks.push(`file truncated: incomplete last line ${i + 1} dropped`);
        truncated = true;
        break;
      }
      if (t !== undefined && bad >= 0 && tokens.length === columns.length) {
        throw fail(i, `${excerpt((tokens[bad] as string).slice(0, 40))} is not a number (nor nan, -nan, inf)`);
      }
      throw fail(i, `expected "TIME: value" with ${columns.length} value(s) (${columns.join(' ')}), found ${excerpt(line.trim().slice(0, 60))}`);
    }
    if (!comma && line.indexOf(',') >= 0) comma = true;
    const row = buf.length;
    buf.ensure(row);
    buf.timestamps[row] = t;
    for (let c = 0; c < parsed.length; c++) (buf.values[c] as Float64Array)[row] = parsed[c] as number;
    buf.length = row + 1;
    rowLine.push(i + 1);
  }
  if (comma) quirks.push('decimal commas (fetch ran under a non-C locale) read as points');
  const { timestamps, values } = buf.finish();
  const step = stepFromTimes(timestamps, (r) => rowLine[r] ?? h + 1, source, 'fetch', FIX, quirks);
  return { source, format: 'fetch', step, columns, timestamps, values, meta: { quirks, ...(truncated ? { truncated: { rows: timestamps.length } } : {}) } };
}

/**
 * Reader for `rrdtool xport --json` and `rrdtool graph --imgformat JSON|JSONTIME`.
 *
 * A tolerant hand-written scanner rather than JSON.parse, because much of what rrdtool writes under
 * the name JSON is not JSON: 1.4.7-1.4.8 print `{ about: '…', meta: { start: …` with unquoted keys and
 * 'single-quoted' legends; legends are not escaped up to 1.7.2 (`"RaOTD "calls" & <errors>"`); and
 * 1.7.2 graph JSON with PRINT/GPRINT has a broken `"prints"` block (a missing comma, then `,,`).
 * We read the scalars by name, the legend best-effort (strings first, one entry per line as a
 * fallback), and the data rows strictly. Without a time column rows are timed as in `impliedTimes`.
 */
import { RrdReadError, type Series } from './series';
import { lineOfChar } from './text/bytes';
import { capLegends, ColumnBuffer, columnNames, impliedTimes } from './text/columns';
import { excerpt, parseInteger, parseValue } from './text/number';

const FIX = 'export with `rrdtool xport --json -t --step 60 -m 100000 …` and store its output unchanged';

/** Parses rrdtool xport / graph JSON (including the invalid pseudo-JSON of old versions) into a Series. */
export function parseXportJson(text: string, source: string): Series {
  const fail = (pos: number, problem: string, fix = FIX): RrdReadError => new RrdReadError(source, 'xport-json', { line: lineOfChar(text, pos) }, problem, fix);
  const quirks: string[] = [];
  if (/^\s*\{\s*about\s*:/.test(text) || /legend["']?\s*:\s*\[\s*'/.test(text)) {
    quirks.push("pseudo-JSON of rrdtool 1.4.7-1.4.8 (unquoted keys, 'single-quoted' legends) read tolerantly");
  }

  const legendKey = /["']?legend["']?\s*:\s*\[/.exec(text);
  let legends: string[] = [];
  let legendEnd = -1;
  if (legendKey) {
    const legend = readLegend(text, legendKey.index + legendKey[0].length);
    legends = legend.entries;
    legendEnd = legend.end;
    if (legend.lineMode) quirks.push('legend strings are not valid JSON (unescaped quotes): read one entry per line');
  }
  const dataKey = /["']?data["']?\s*:\s*\[/g;
  dataKey.lastIndex = Math.max(0, legendEnd);
  const data = dataKey.exec(text);
  if (!data) throw fail(text.length, 'no "data" array found: the file is truncated or not an export');

  // Scalars by name, outside the legend block whose text could contain anything.
  const metaText = legendKey
    ? text.slice(0, legendKey.index) + ' '.repeat(Math.max(0, legendEnd - legendKey.index)) + text.slice(legendEnd, data.index)
    : text.slice(0, data.index);
  const scalar = (name: string): number | undefined => {
    const m = new RegExp(`["']?\\b${name}["']?\\s*:\\s*("[^"\\n]*"|'[^'\\n]*'|[^,\\s}]+)`).exec(metaText);
    if (!m?.[1]) return undefined;
    const raw = m[1].replace(/^["']|["']$/g, '');
    const value = parseInteger(raw, 0, raw.length);
    if (value === undefined)
      throw fail(m.index, `meta ${name} is ${excerpt(raw.slice(0, 40))}, not an integer`, 'remove the strftime format from --x-grid so times print as epochs');
    return value;
  };
  const start = scalar('start');
  const end = scalar('end');
  let step = scalar('step');
  if (/"prints"\s*:\s*\[[^\]]*\]\s*,\s*,/.test(metaText) || /\]\s*"prints"/.test(metaText)) {
    quirks.push('broken "prints" block of rrdtool 1.7.2 graph JSON ignored');
  }

  // Data rows: [ "ts"?, v, v, … ] separated by commas, values as numbers or null.
  const n = text.length;
  let ncols = legendKey ? legends.length : -1;
  // A row takes at least 2 characters per value plus its brackets (`[1,2]`): the text after "data"
  // bounds the rows, whatever start, end and step announce.
  const maxRows = Math.floor((n - data.index) / (2 * Math.max(ncols, 1) + 1)) + 1;
  const announced = start !== undefined && end !== undefined && step ? (end - start) / step + 2 : n / 40;
  const buf = new ColumnBuffer(Math.max(ncols, 1), announced, maxRows);
  let withTime = -1;
  let p = data.index + data[0].length;
  let complete = false;
  const skipSpace = (): void => {
    while (p < n && text.charCodeAt(p) <= 32) p++;
  };
  rows: while (p < n) {
    skipSpace();
    const c = text.charCodeAt(p);
    if (c === 44) {
      p++;
      continue;
    }
    if (c === 93) {
      complete = true;
      break;
    }
    if (c !== 91) throw fail(p, `expected "[" to start row ${buf.length + 1}, found ${excerpt(text.slice(p, p + 20))}`);
    const rowAt = p;
    p++;
    const row = buf.length;
    buf.ensure(row);
    let col = 0;
    let hasTime = 0;
    for (;;) {
      skipSpace();
      if (p >= n) break rows; // truncated inside a row
      const ch = text.charCodeAt(p);
      if (ch === 93 && col === 0 && hasTime === 0) {
        p++;
        break; // empty row []
      }
      if (ch === 34 || ch === 39) {
        // A quoted time ("1762157760"), only as the first item.
        const close = text.indexOf(text[p] as string, p + 1);
        if (close < 0) break rows;
        const t = parseInteger(text, p + 1, close);
        if (col > 0 || hasTime || t === undefined) {
          throw fail(
            p,
            `unexpected string ${excerpt(text.slice(p, close + 1))} in row ${row + 1}`,
            'remove the strftime format from --x-grid so times print as epochs',
          );
        }
        if (row > 0 && withTime === 1 && !(t > (buf.timestamps[row - 1] as number))) throw fail(p, `row time ${t} is not after the row before it`);
        buf.timestamps[row] = t;
        hasTime = 1;
        p = close + 1;
      } else {
        let q = p;
        while (q < n) {
          const d = text.charCodeAt(q);
          if (d === 44 || d === 93 || d <= 32) break;
          q++;
        }
        if (q >= n) break rows;
        const value = parseValue(text, p, q);
        if (value === undefined) throw fail(p, `expected a number or null in row ${row + 1}, found ${excerpt(text.slice(p, Math.min(q, p + 40)))}`);
        if (col >= buf.values.length) {
          // Without a legend the first row fixes the column count.
          if (ncols < 0 && row === 0) buf.addColumn();
          else throw fail(p, `row ${row + 1} has more values than the ${ncols} legend entries`);
        }
        (buf.values[col] as Float64Array)[row] = value;
        col++;
        p = q;
      }
      skipSpace();
      const sep = text.charCodeAt(p);
      if (p >= n) break rows;
      if (sep === 44) p++;
      else if (sep === 93) {
        p++;
        break;
      } else throw fail(p, `expected "," or "]" in row ${row + 1}, found ${excerpt(text.slice(p, p + 20))}`);
    }
    if (ncols < 0) ncols = col;
    if (col !== ncols) throw fail(rowAt, `row ${row + 1} has ${col} values for ${ncols} columns`);
    if (withTime < 0) withTime = hasTime;
    else if (withTime !== hasTime) throw fail(rowAt, `row ${row + 1} ${hasTime ? 'has' : 'lacks'} a time unlike the rows before it`);
    buf.length = row + 1;
  }
  if (ncols <= 0) {
    throw fail(data.index, 'the export has no columns', 'add at least one XPORT:vname to the command');
  }
  if (!complete) {
    if (buf.length === 0) throw fail(n, 'the file ends before the first complete row: it is truncated');
    quirks.push(`file truncated after ${buf.length} complete rows`);
  }
  buf.values.length = ncols;
  legends = capLegends(legends, ncols);
  const { timestamps: readTimes, values } = buf.finish();
  const count = readTimes.length;
  let timestamps = readTimes;
  if (withTime === 1) {
    if (step === undefined && count >= 2) step = (readTimes[1] as number) - (readTimes[0] as number);
    const last = readTimes[count - 1];
    if (end !== undefined && last !== undefined && end !== last) {
      quirks.push(
        start === end && count > 1
          ? 'rrdtool 1.4.7-1.4.9 wrong end (equal to start) ignored; row times used'
          : `meta end ${end} differs from the last row time ${last}; row times used`,
      );
    }
  } else {
    if (start === undefined || step === undefined)
      throw fail(0, 'rows have no time and meta lacks start or step', 'export with `-t` (--showtime) so each row carries its time');
    timestamps = impliedTimes(count, start, complete ? end : undefined, step, quirks);
  }
  if (step === undefined || !(step > 0)) throw fail(0, 'no usable "step" in meta', FIX);
  for (let i = 1; i < count; i++) {
    if ((timestamps[i] as number) - (timestamps[i - 1] as number) !== step) {
      quirks.push(`row ${i + 1} is not one step (${step} s) after the row before it`);
      break;
    }
  }
  const truncated = complete ? {} : { truncated: { rows: count } };
  return { source, format: 'xport-json', step, columns: columnNames(legends, ncols), timestamps, values, meta: { legends, quirks, ...truncated } };
}

/**
 * The legend array starting after its `[`: a list of JSON ("…") or single-quoted ('…') strings. When
 * that structure breaks (unescaped `"` inside a legend), fall back to rrdtool's layout of one entry per
 * line, ended by a line starting with `]`.
 */
function readLegend(text: string, from: number): { entries: string[]; end: number; lineMode: boolean } {
  const entries: string[] = [];
  let p = from;
  const n = text.length;
  for (;;) {
    while (p < n && text.charCodeAt(p) <= 32) p++;
    const c = text[p];
    if (c === ']') return { entries, end: p + 1, lineMode: false };
    if (c === '"' || c === "'") {
      const literal = readString(text, p);
      if (literal === undefined) break;
      entries.push(literal.value);
      p = literal.end;
      while (p < n && text.charCodeAt(p) <= 32) p++;
      if (text[p] === ',') {
        p++;
        continue;
      }
      if (text[p] === ']') return { entries, end: p + 1, lineMode: false };
    }
    break;
  }
  // Line mode.
  const lines: string[] = [];
  let lineStart = text.indexOf('\n', from) + 1;
  if (lineStart === 0) return { entries, end: from, lineMode: true };
  const firstLine = text.slice(from, lineStart - 1).trim();
  if (firstLine !== '') lines.push(firstLine);
  for (;;) {
    const nl = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, nl < 0 ? n : nl).trim();
    if (line.startsWith(']') || nl < 0)
      return { entries: lines.map(unquoteLine), end: line.startsWith(']') ? lineStart + text.slice(lineStart).indexOf(']') + 1 : n, lineMode: true };
    lines.push(line);
    lineStart = nl + 1;
  }
}

/** `"RaOTD "calls" & <errors>",` → `RaOTD "calls" & <errors>`. */
function unquoteLine(line: string): string {
  let s = line.endsWith(',') ? line.slice(0, -1).trimEnd() : line;
  const q = s[0];
  if ((q === '"' || q === "'") && s.length >= 2 && s.endsWith(q)) s = s.slice(1, -1);
  return s;
}

/** A JSON string literal (escapes decoded) or a single-quoted one (taken raw) at `from`; undefined if unterminated on its line. */
function readString(text: string, from: number): { value: string; end: number } | undefined {
  const quote = text[from];
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return undefined;
    if (c === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (c === quote) {
      const raw = text.slice(from, i + 1);
      if (quote === "'") return { value: raw.slice(1, -1), end: i + 1 };
      try {
        return { value: JSON.parse(raw) as string, end: i + 1 };
      } catch {
        return { value: raw.slice(1, -1), end: i + 1 };
      }
    }
  }
  return undefined;
}

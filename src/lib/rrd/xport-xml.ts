/**
 * Reader for `rrdtool xport` XML and `rrdtool graph --imgformat XML|XMLENUM`, every rrdtool from 1.2 to 1.9.
 *
 * Hand-written byte scanner, no XML library, for two reasons:
 * 1. speed: a build reads thousands of exports a minute; scanning the bytes for `<row>`, `<t>`, `<v…>`
 *    and parsing the `%0.10e` numbers in place is ~30-100× faster than a general XML parser building
 *    objects (scripts/bench/readers.ts measures it);
 * 2. tolerance: rrdtool's XML is often not XML. Legends are never escaped (`RaOTD "calls" & <errors>`),
 *    and the declared ISO-8859-1 usually carries UTF-8 bytes. A conforming parser must reject such a
 *    file; we map columns by position and keep the legend text best-effort.
 *
 * Time labels: when rows carry `<t>` we trust it. rrdtool 1.6.0-1.7.0 labelled each row with the START
 * of its interval (one step early, fixed in 1.7.1); nothing in the file tells those versions apart, so
 * their times stay one step early. Without `<t>` see `impliedTimes` (1.5.x meta start is detected by
 * arithmetic). The 1.4.7-1.4.9 `<end>` bug (end printed equal to start) is detected and ignored.
 */
import { RrdReadError, type Series } from './series';
import { capLegends, ColumnBuffer, columnNames, impliedTimes } from './text/columns';
import { decodeText, indexOfAscii, latin1, lineOfByte, parseTokenBytes, scanEnd, scanNumber } from './text/bytes';
import { excerpt, parseInteger } from './text/number';

const TRUNCATED = Symbol('truncated');

const FIX = 'export with `rrdtool xport --step 60 -m 100000 -t …` and store its output unchanged';

interface XportMeta {
  start?: number;
  end?: number;
  step?: number;
  rows?: number;
  columns?: number;
  legends: string[];
}

/** Parses rrdtool xport / graph XML (bytes or text) into a Series; throws RrdReadError on bad input. */
export function parseXportXml(input: string | Uint8Array, source: string): Series {
  const b = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const fail = (pos: number, problem: string, fix = FIX): RrdReadError => new RrdReadError(source, 'xport-xml', { line: lineOfByte(b, pos) }, problem, fix);

  const root = indexOfAscii(b, '<xport', 0);
  if (root < 0) throw fail(0, 'no <xport> element found', FIX);
  const dataTag = indexOfAscii(b, '<data>', root);
  if (dataTag < 0) throw fail(b.length, 'no <data> element: the file is truncated or not an export', FIX);
  const quirks: string[] = [];
  const meta = readMeta(b, root, dataTag, fail);
  const ncols = meta.columns ?? meta.legends.length;
  if (ncols <= 0) throw fail(root, 'the export announces no columns', 'add at least one XPORT:vname to the command');
  const n = b.length;
  // Each value takes at least `<v>0</v>` (8 bytes) and each row `<row></row>` (11): the bytes after
  // <data> bound what the header may announce, before anything is allocated.
  const dataBytes = n - dataTag;
  if (ncols > Math.max(meta.legends.length, dataBytes / 8)) {
    throw fail(root, `<columns> announces ${ncols} columns, more than the ${dataBytes} bytes of <data> can hold`, 'export again: the header of this file does not describe its rows');
  }
  if (meta.legends.length !== ncols) quirks.push(`meta has ${meta.legends.length} legend entries for ${ncols} columns`);
  meta.legends = capLegends(meta.legends, ncols);

  const maxRows = Math.floor(dataBytes / (11 + 8 * ncols)) + 1;
  const buf = new ColumnBuffer(ncols, meta.rows ?? dataBytes / (20 + 25 * ncols), maxRows);
  let p = dataTag + 6;
  let row = -1; // index of the row being read; -1 between rows
  let col = 0;
  let withTime = -1; // -1 unknown, 0 no <t>, 1 <t>
  let rowHasTime = false;
  let complete = false;
  let rowStart = 0;
  let values = buf.values;
  let times = buf.timestamps;

  // An error inside a row that never closes is the cut of a truncated file, not bad content.
  const rowFail = (pos: number, problem: string, fix = FIX): unknown =>
    row >= 0 && indexOfAscii(b, '</row>', rowStart) < 0 ? TRUNCATED : fail(pos, problem, fix);
  try {
    scan: while (p < n) {
      while (p < n && b[p] !== 60) p++; // to the next '<'
      if (p >= n) break;
      const c1 = b[p + 1];
      if (c1 === 118) {
        // <v> or <vN>
        if (row < 0) throw rowFail(p, 'a <v> outside <row>');
        let q = p + 2;
        let index = col;
        if (b[q] !== 62) {
          index = 0;
          let c = b[q];
          while (c !== undefined && c >= 48 && c <= 57) {
            index = index * 10 + (c - 48);
            c = b[++q];
          }
          if (c !== 62 || q === p + 2) throw rowFail(p, 'expected <v> or <vN>');
        }
        q++;
        if (index >= ncols || col >= ncols) throw rowFail(p, `row ${row + 1} has more values than the ${ncols} columns announced in <meta>`);
        let value = scanNumber(b, q);
        let end = scanEnd;
        if (b[end] !== 60) {
          // Not a plain number: NaN, inf, -inf, or garbage.
          end = q;
          while (end < n && b[end] !== 60) end++;
          const token = parseTokenBytes(b, q, end);
          if (token === undefined) throw rowFail(q, `expected a number, NaN or inf in row ${row + 1}, found ${excerpt(latin1(b, q, Math.min(end, q + 40)))}`);
          value = token;
        }
        (values[index] as Float64Array)[row] = value;
        col++;
        p = end;
        while (p < n && b[p] !== 62) p++; // past </v…>
        p++;
        continue;
      }
      if (c1 === 114 && b[p + 2] === 111 && b[p + 3] === 119 && b[p + 4] === 62) {
        // <row>
        if (row >= 0) throw rowFail(p, `row ${row + 1} is not closed by </row>`);
        row = buf.length;
        if (row >= times.length) {
          buf.ensure(row);
          values = buf.values;
          times = buf.timestamps;
        }
        col = 0;
        rowHasTime = false;
        rowStart = p;
        p += 5;
        continue;
      }
      if (c1 === 116 && b[p + 2] === 62) {
        // <t>epoch</t>
        if (row < 0) throw rowFail(p, 'a <t> outside <row>');
        const t = scanNumber(b, p + 3);
        if (b[scanEnd] !== 60 || !Number.isInteger(t)) {
          let q = p + 3;
          while (q < n && b[q] !== 60) q++;
          throw rowFail(
            p,
            `row time ${excerpt(latin1(b, p + 3, Math.min(q, p + 43)))} is not an epoch`,
            'remove the strftime format from --x-grid so times print as epochs',
          );
        }
        if (row > 0 && !(t > (times[row - 1] as number))) throw rowFail(p, `row time ${t} is not after the row before it`);
        times[row] = t;
        rowHasTime = true;
        p = scanEnd;
        continue;
      }
      if (c1 === 47) {
        if (b[p + 2] === 114 && b[p + 3] === 111 && b[p + 4] === 119 && b[p + 5] === 62) {
          // </row>
          if (row < 0) throw rowFail(p, '</row> without <row>');
          if (col !== ncols) throw rowFail(p, `row ${row + 1} has ${col} values, <meta> announces ${ncols} columns`);
          const has = rowHasTime ? 1 : 0;
          if (withTime < 0) withTime = has;
          else if (withTime !== has) throw rowFail(p, `row ${row + 1} ${has ? 'has' : 'lacks'} a <t> unlike the rows before it`);
          buf.length = row + 1;
          row = -1;
          p += 6;
          continue;
        }
        if (b[p + 2] === 100 && b[p + 3] === 97 && b[p + 4] === 116 && b[p + 5] === 97) {
          complete = true; // </data>
          break scan;
        }
      }
      // Any other tag (pretty-printing, comments, future additions): skip it.
      while (p < n && b[p] !== 62) p++;
    }
  } catch (error) {
    if (error !== TRUNCATED) throw error;
  }

  if (!complete) {
    if (buf.length === 0) throw fail(n, 'the file ends before the first complete <row>: it is truncated');
    quirks.push(`file truncated after ${buf.length} complete rows${row >= 0 ? ` (partial row at line ${lineOfByte(b, rowStart)} dropped)` : ''}`);
  }
  const truncated = complete ? {} : { truncated: { rows: buf.length } };
  const { timestamps: readTimes, values: cols } = buf.finish();
  const count = buf.length;
  if (meta.rows !== undefined && meta.rows !== count && complete) quirks.push(`meta announces ${meta.rows} rows but the file has ${count}`);

  let step = meta.step;
  let timestamps = readTimes;
  if (withTime === 1) {
    if (step === undefined && count >= 2) step = (readTimes[1] as number) - (readTimes[0] as number);
    checkEnd(meta, readTimes, quirks);
  } else {
    if (meta.start === undefined || step === undefined) {
      throw fail(root, 'rows have no <t> and <meta> lacks <start> or <step>', 'export with `-t` (--showtime) so each row carries its time');
    }
    timestamps = impliedTimes(count, meta.start, complete ? meta.end : undefined, step, quirks);
  }
  if (step === undefined || !(step > 0)) throw fail(root, 'no usable <step> in <meta>', FIX);
  checkSpacing(timestamps, step, quirks);

  return {
    source,
    format: 'xport-xml',
    step,
    columns: columnNames(meta.legends, ncols),
    timestamps,
    values: cols,
    meta: { legends: meta.legends, quirks, ...truncated },
  };
}

/** Reads start/end/step/rows/columns and the legend by name (the order changed across versions). */
function readMeta(b: Uint8Array, from: number, to: number, fail: (pos: number, problem: string, fix?: string) => RrdReadError): XportMeta {
  const legendOpen = indexOfAscii(b, '<legend>', from, to);
  const legendClose = legendOpen < 0 ? -1 : indexOfAscii(b, '</legend>', legendOpen, to);
  const legends: string[] = [];
  if (legendOpen >= 0) {
    const stop = legendClose < 0 ? to : legendClose;
    // `</entry>` is the only reliable delimiter: the legend text itself may hold `<`, `&` or `"`.
    for (let e = indexOfAscii(b, '<entry>', legendOpen, stop); e >= 0;) {
      const close = indexOfAscii(b, '</entry>', e + 7, stop);
      const textEnd = close < 0 ? stop : close;
      legends.push(unescapeXml(decodeText(b, e + 7, textEnd)));
      if (close < 0) break;
      e = indexOfAscii(b, '<entry>', close + 8, stop);
    }
  }
  // Look the scalars up outside the legend block, whose text could contain anything.
  const outside = (name: string): number | undefined => {
    const tag = `<${name}>`;
    let at = indexOfAscii(b, tag, from, legendOpen < 0 ? to : legendOpen);
    if (at < 0 && legendClose >= 0) at = indexOfAscii(b, tag, legendClose, to);
    if (at < 0) return undefined;
    const valueFrom = at + tag.length;
    let valueTo = valueFrom;
    while (valueTo < to && b[valueTo] !== 60) valueTo++;
    const text = latin1(b, valueFrom, valueTo);
    const value = parseInteger(text, 0, text.length);
    if (value === undefined) {
      throw fail(at, `<${name}> is ${excerpt(text.trim().slice(0, 40))}, not an integer`, 'remove the strftime format from --x-grid so times print as epochs');
    }
    return value;
  };
  const meta: XportMeta = { legends };
  for (const name of ['start', 'end', 'step', 'rows', 'columns'] as const) {
    const value = outside(name);
    if (value !== undefined) meta[name] = value;
  }
  return meta;
}

/** Legends are unescaped by rrdtool, but other tools (or a future rrdtool) may escape them: undo the five entities and numeric references. */
function unescapeXml(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (all, name: string) => {
    switch (name) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
      }
    }
  });
}

/** With `<t>`, meta end should be the last row; rrdtool 1.4.7-1.4.9 printed start there instead. */
function checkEnd(meta: XportMeta, times: Float64Array, quirks: string[]): void {
  const count = times.length;
  if (meta.end === undefined || count === 0) return;
  const last = times[count - 1] as number;
  if (meta.end === last) return;
  if (count > 1 && meta.start !== undefined && meta.end === meta.start)
    quirks.push('rrdtool 1.4.7-1.4.9 wrong <end> (equal to <start>) ignored; row times used');
  else quirks.push(`meta <end> ${meta.end} differs from the last row time ${last}; row times used`);
}

/** Rows should be ascending and evenly spaced by step; note (not fail) when they are not. */
function checkSpacing(times: Float64Array, step: number, quirks: string[]): void {
  for (let i = 1; i < times.length; i++) {
    if ((times[i] as number) - (times[i - 1] as number) !== step) {
      quirks.push(`row ${i + 1} is not one step (${step} s) after the row before it`);
      return;
    }
  }
}

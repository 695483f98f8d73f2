/**
 * Reader for `rrdtool dump` XML (DTD header, XSD header with a namespaced root, or no header).
 *
 * Why plain string scanning and no XML library: a row's timestamp exists only in the comment before
 * it (`<!-- 2025-11-04 15:30:00 CET / 1762266600 -->`), which DOM-style parsers drop; the format is
 * rigid (rrd_dump.c prints it with fixed fprintf calls); and dumps are 2.5–4 MB, where indexOf
 * scanning is many times faster than building a tree. Gzipped dumps are inflated by the caller.
 */
import { chooseRra, newestRowTime } from './select';
import { DS_TYPES, RrdReadError, type DsDef, type DsType, type RraDef, type RrdDatabase, type Series } from './series';

const CFS = ['AVERAGE', 'MIN', 'MAX', 'LAST', 'HWPREDICT', 'MHWPREDICT', 'SEASONAL', 'DEVSEASONAL', 'DEVPREDICT', 'FAILURES'];
const FIX_CORRUPT = 'dump the .rrd again with `rrdtool dump file.rrd`';

interface RraData {
  timestamps: Float64Array;
  values: Float64Array[];
}

/** Parses a whole dump: metadata and every RRA, rows oldest first. */
export function parseDump(text: string, source: string): RrdDatabase {
  const fail = (offset: number, problem: string, fix = FIX_CORRUPT): never => {
    throw new RrdReadError(source, 'dump', { line: lineAt(text, offset) }, problem, fix);
  };
  /** Trimmed text of the first `<name>…</name>` in [from, to); undefined when absent. */
  const find = (name: string, from: number, to: number): { value: string; end: number } | undefined => {
    const open = text.indexOf(`<${name}>`, from);
    if (open < 0 || open >= to) return undefined;
    const close = text.indexOf(`</${name}>`, open);
    if (close < 0 || close > to) fail(open, `<${name}> is not closed`);
    return { value: text.slice(open + name.length + 2, close).trim(), end: close + name.length + 3 };
  };
  const need = (name: string, from: number, to: number, what: string) => find(name, from, to) ?? fail(from, `${what} has no <${name}>`);
  const int = (s: string, at: number, what: string, min: number): number => {
    const n = Number(s);
    if (s === '' || !Number.isSafeInteger(n) || n < min) fail(at, `${what} is ${JSON.stringify(s)}, expected an integer ≥ ${min}`);
    return n;
  };

  const root = /<rrd[\s>]/.exec(text);
  if (root === null) {
    throw new RrdReadError(source, 'dump', { line: 1 }, 'no <rrd> root element', 'pass the output of `rrdtool dump` (gzip is fine)');
  }
  const end = text.lastIndexOf('</rrd>');
  if (end < root.index) fail(text.length, 'the dump ends before </rrd>, so it is truncated', FIX_CORRUPT);
  const version = need('version', root.index, end, '<rrd>').value;
  if (!/^\d{4}$/.test(version)) fail(root.index, `<version> is ${JSON.stringify(version)}, expected four digits such as 0003`);
  const stepTag = need('step', root.index, end, '<rrd>');
  const pdpStep = int(stepTag.value, stepTag.end, '<step>', 1);
  const lastTag = need('lastupdate', root.index, end, '<rrd>');
  const lastUpdate = int(lastTag.value, lastTag.end, '<lastupdate>', 0);

  const firstRra = text.indexOf('<rra>', lastTag.end);
  const dsEnd = firstRra < 0 || firstRra > end ? end : firstRra;
  const ds: DsDef[] = [];
  for (let at = text.indexOf('<ds>', lastTag.end); at >= 0 && at < dsEnd; at = text.indexOf('<ds>', at + 4)) {
    const close = text.indexOf('</ds>', at);
    if (close < 0 || close > dsEnd) fail(at, '<ds> is not closed');
    ds.push(parseDsDef(at, close));
    at = close;
  }
  if (ds.length === 0) fail(lastTag.end, 'no <ds> definition before the first <rra>');

  const rras: RraDef[] = [];
  const data: RraData[] = [];
  const quirks: string[] = [];
  for (let at = dsEnd; at >= 0 && at < end; at = text.indexOf('<rra>', at)) {
    const close = text.indexOf('</rra>', at);
    if (close < 0 || close > end) fail(at, '<rra> is not closed');
    parseRra(at, close, rras.length);
    at = close;
  }
  if (rras.length === 0) fail(dsEnd, 'no <rra> in the dump');
  const meta = { version, pdpStep, lastUpdate, ds, rras, quirks };

  return {
    source,
    format: 'dump',
    meta,
    select(options = {}): Series {
      const choice = chooseRra(rras, lastUpdate, options, source, 'dump');
      const rra = choice.rra;
      const { timestamps, values } = data[rra.index]!;
      const lo = firstAfter(timestamps, options.start);
      const hi = options.end !== undefined && Number.isFinite(options.end) ? firstAfter(timestamps, options.end) : timestamps.length;
      const to = Math.max(lo, hi);
      const seriesQuirks = choice.quirk === undefined ? [...quirks] : [...quirks, choice.quirk];
      return {
        source,
        format: 'dump',
        step: rra.resolution,
        columns: ds.map((d) => d.name),
        cf: rra.cf,
        timestamps: timestamps.slice(lo, to),
        values: values.map((v) => v.slice(lo, to)),
        meta: { ...meta, quirks: seriesQuirks },
      };
    },
  };

  function parseDsDef(at: number, close: number): DsDef {
    const name = need('name', at, close, '<ds>').value;
    if (!/^[A-Za-z0-9_-]{1,19}$/.test(name)) fail(at, `DS name ${JSON.stringify(name)} is not a valid rrdtool DS name`);
    const type = need('type', at, close, `DS ${name}`).value;
    if (!(DS_TYPES as readonly string[]).includes(type))
      fail(at, `DS ${name} has the unknown type ${JSON.stringify(type)}`, `expected one of ${DS_TYPES.join(', ')}`);
    const def: DsDef = { name, type: type as DsType };
    const cdef = find('cdef', at, close);
    if (cdef !== undefined) def.cdef = cdef.value;
    const hb = find('minimal_heartbeat', at, close);
    if (hb !== undefined) def.heartbeat = int(hb.value, hb.end, `minimal_heartbeat of DS ${name}`, 1);
    for (const key of ['min', 'max'] as const) {
      const tag = find(key, at, close);
      if (tag !== undefined) {
        const x = number(tag.value, tag.end);
        def[key] = Number.isNaN(x) ? null : x;
      }
    }
    const lastDs = find('last_ds', at, close);
    if (lastDs !== undefined) def.lastDs = lastDs.value;
    return def;
  }

  function parseRra(at: number, close: number, index: number): void {
    const cfTag = need('cf', at, close, `RRA ${index}`);
    const cf = cfTag.value;
    if (!CFS.includes(cf)) fail(at, `RRA ${index} has the unknown consolidation function ${JSON.stringify(cf)}`, `expected one of ${CFS.join(', ')}`);
    const pdpTag = need('pdp_per_row', at, close, `RRA ${index}`);
    const pdpPerRow = int(pdpTag.value, pdpTag.end, `pdp_per_row of RRA ${index}`, 1);
    const resolution = pdpPerRow * pdpStep;
    const rra: RraDef = { index, cf, pdpPerRow, resolution, rows: 0 };
    const paramsTag = find('params', at, close);
    if (paramsTag !== undefined) {
      const params: Record<string, number> = {};
      const start = text.indexOf('<params>', at) + 8;
      for (const m of text.slice(start, paramsTag.end).matchAll(/<(\w+)>([^<]*)<\/\1>/g)) {
        const x = number(m[2]!.trim(), start + m.index);
        if (m[1] === 'xff') rra.xff = x;
        else params[m[1]!] = x;
      }
      if (Object.keys(params).length > 0) rra.params = params;
    }
    const db = need('database', at, close, `RRA ${index}`);
    const dbStart = text.indexOf('<database>', at);
    const rows = parseRows(dbStart, db.end, index, resolution);
    rra.rows = rows.timestamps.length;
    if (rra.rows === 0) fail(dbStart, `RRA ${index} has no rows`);
    rras.push(rra);
    data.push(rows);
  }

  function parseRows(from: number, to: number, index: number, resolution: number): RraData {
    const times: number[] = [];
    const cols: number[][] = ds.map(() => []);
    let missing = 0;
    for (let p = from; ;) {
      const open = text.indexOf('<row>', p);
      if (open < 0 || open > to) break;
      const rowEnd = text.indexOf('</row>', open);
      if (rowEnd < 0 || rowEnd > to) fail(open, `a row of RRA ${index} is not closed`);
      // The row's time is the epoch after the last "/" of the comment just before it. Only the short
      // gap since the previous row is searched, so dumps without comments stay linear.
      const gap = text.slice(p, open);
      const c = gap.indexOf('<!--');
      const cEnd = c < 0 ? -1 : gap.indexOf('-->', c);
      const slash = cEnd < 0 ? -1 : gap.lastIndexOf('/', cEnd);
      const t = slash > c ? Number(gap.slice(slash + 1, cEnd)) : NaN;
      if (!Number.isInteger(t)) missing++;
      times.push(t);
      let q = open + 5;
      for (const col of cols) {
        const a = text.indexOf('<v>', q);
        const b = a < 0 ? -1 : text.indexOf('</v>', a);
        if (a < 0 || b < 0 || b > rowEnd) fail(open, `a row of RRA ${index} has fewer than ${ds.length} <v> values`);
        col.push(number(text.slice(a + 3, b), a));
        q = b + 4;
      }
      const extra = text.indexOf('<v>', q);
      if (extra >= 0 && extra < rowEnd) fail(open, `a row of RRA ${index} has more than ${ds.length} <v> values`);
      p = rowEnd + 6;
    }
    const n = times.length;
    const newest = newestRowTime(lastUpdate, resolution);
    const computed = new Float64Array(n);
    for (let k = 0; k < n; k++) computed[k] = newest - (n - 1 - k) * resolution;
    let timestamps = computed;
    if (missing === 0) {
      const fromComments = Float64Array.from(times);
      const mismatch = fromComments.findIndex((t, k) => t !== computed[k]);
      const regular = fromComments.every((t, k) => k === 0 || t - fromComments[k - 1]! === resolution);
      if (mismatch >= 0) {
        quirks.push(
          `RRA ${index}: row ${mismatch} is stamped ${fromComments[mismatch]} in its comment but ${computed[mismatch]} from <lastupdate>; ` +
            (regular ? 'using the comments' : 'the comments are not evenly spaced, using <lastupdate>'),
        );
      }
      if (regular) timestamps = fromComments;
    } else if (missing < n) {
      quirks.push(`RRA ${index}: ${missing} of ${n} rows have no time comment; times computed from <lastupdate>`);
    }
    return { timestamps, values: cols.map((c) => Float64Array.from(c)) };
  }

  /** A dump number: %0.10e, `NaN` for unknown, `inf`/`-inf`. */
  function number(s: string, at: number): number {
    const x = Number(s);
    if (!Number.isNaN(x) && s.trim() !== '') return x;
    const t = s.trim().toLowerCase();
    if (t === 'nan' || t === '-nan' || t === 'u') return NaN;
    if (t === 'inf') return Infinity;
    if (t === '-inf') return -Infinity;
    return fail(at, `${JSON.stringify(s)} is not a number`);
  }
}

/** Index of the first timestamp greater than `t` (0 when t is absent). */
function firstAfter(ts: Float64Array, t: number | undefined): number {
  if (t === undefined || !Number.isFinite(t)) return 0;
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 1-based line number of an offset (computed only when reporting an error). */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

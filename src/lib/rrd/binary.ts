/**
 * Reader for binary `.rrd` files written on LP64 little-endian hosts (x86-64, arm64), formats
 * 0003, 0004 and 0005 (layout in docs: RRD-FORMATS.md §5).
 *
 * Hand-written because no usable npm reader exists: the only npm package (`rrd`) shells out to the
 * rrdtool CLI and cannot read binaries, and the JS readers that can (javascriptRRD,
 * node-rrd-stream) are unmaintained, not on npm, and reject format 0005.
 *
 * The header is read once at open; `select()` reads only the rows of the asked window, in at most
 * two contiguous reads (each RRA is a ring). Files from other architectures are recognised by the
 * float cookie and refused with a message saying how to export them.
 */
import { chooseRra, rowWindow } from './select';
import { DS_TYPES, RrdReadError, type ByteSource, type DsDef, type DsType, type RraDef, type RrdDatabase, type Series } from './series';

const STAT_HEAD = 128;
const DS_DEF = 120;
const RRA_DEF = 120;
const LIVE_HEAD = 16;
const PDP_PREP = 112;
const CDP_PREP = 80;
const RRA_PTR = 8;
/** 8.642135e130 as an IEEE double, little-endian: rrdtool's architecture marker. */
const FLOAT_COOKIE = [0x2f, 0x25, 0xc0, 0xc7, 0x43, 0x2b, 0x1f, 0x5b];
const CFS = ['AVERAGE', 'MIN', 'MAX', 'LAST', 'HWPREDICT', 'MHWPREDICT', 'SEASONAL', 'DEVSEASONAL', 'DEVPREDICT', 'FAILURES'];
// Generous bounds: beyond them the header is garbage, and trusting it would mean huge allocations.
const MAX_COUNT = 100_000;
const MAX_ROWS = 2 ** 31;
const MAX_RESOLUTION = 2 ** 31;
const MAX_TIME = 2 ** 40;
/** Memory one select may take for its rows (rows × DS × 8 bytes): the per-file budget of a read. */
export const MAX_SELECT_BYTES = 256 * 1024 * 1024;

const EXPORT_FIX = 'fluxstatus reads LP64 little-endian files only — export it with `rrdtool xport` (or dump/restore on an x86-64 host)';

/** Opens a binary .rrd: validates and reads the header; rows are read on `select()`. */
export function openRrd(src: ByteSource, source: string): RrdDatabase {
  const fail = (offset: number, problem: string, fix: string): never => {
    throw new RrdReadError(source, 'rrd', { offset }, problem, fix);
  };
  const size = src.size;
  const truncated = (expected: number, what: string): never =>
    fail(
      size,
      `file truncated at byte ${size}, expected ${expected} bytes${what}`,
      'copy the file again once rrdtool has finished writing it, or re-export it',
    );
  if (size === 0) fail(0, 'the file is empty', 'check that the collector wrote it completely');
  const head = src.read(0, Math.min(size, STAT_HEAD));
  if (head.length < 4 || head[0] !== 0x52 || head[1] !== 0x52 || head[2] !== 0x44 || head[3] !== 0) {
    fail(0, 'not an RRD file (it does not start with "RRD\\0")', 'pass a .rrd written by rrdtool, or an xport/dump export');
  }
  // The layout checks below look at bytes 12..40.
  if (head.length < 40) truncated(STAT_HEAD, ' of header');
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  const foreign = foreignLayout(head, view);
  if (foreign === 'missing') {
    fail(
      16,
      'the float cookie 8.642135e130 is missing at byte 16, so the file is corrupt or from an unknown architecture',
      'restore it from a dump or a backup, or export it with `rrdtool xport` on the collector',
    );
  } else if (foreign !== undefined) {
    fail(foreign.offset, `this .rrd was written on a ${foreign.layout} host`, EXPORT_FIX);
  }
  if (head.length < STAT_HEAD) truncated(STAT_HEAD, ' of header');

  const version = cString(head, 4, 5);
  if (!/^\d{4}$/.test(version))
    fail(4, `the version field is ${JSON.stringify(version)}, not four digits`, 'the file is corrupt; restore it from a dump or a backup');
  if (version < '0003')
    fail(4, `format ${version} predates rrdtool 1.2 and is not supported`, 'upgrade it with `rrdtool dump` then `rrdtool restore` (rrdtool ≥ 1.2)');
  if (version > '0005')
    fail(4, `format ${version} is newer than this reader (0003–0005)`, 'export it with `rrdtool xport`, or dump/restore it with rrdtool 1.7');

  const dsCnt = count(view, 24, 'ds_cnt', MAX_COUNT, fail);
  const rraCnt = count(view, 32, 'rra_cnt', MAX_COUNT, fail);
  const pdpStep = count(view, 40, 'pdp_step', MAX_RESOLUTION, fail);
  const dsAt = STAT_HEAD;
  const rraAt = dsAt + DS_DEF * dsCnt;
  const liveAt = rraAt + RRA_DEF * rraCnt;
  const pdpAt = liveAt + LIVE_HEAD;
  const cdpAt = pdpAt + PDP_PREP * dsCnt;
  const ptrAt = cdpAt + CDP_PREP * dsCnt * rraCnt;
  const headerLen = ptrAt + RRA_PTR * rraCnt;
  if (size < headerLen) truncated(headerLen, ' of header');
  const header = src.read(0, headerLen);
  if (header.length < headerLen) truncated(headerLen, ' of header');
  const hv = new DataView(header.buffer, header.byteOffset, header.length);

  const ds: DsDef[] = [];
  for (let i = 0; i < dsCnt; i++) {
    const at = dsAt + i * DS_DEF;
    const name = cString(header, at, 20);
    if (!/^[A-Za-z0-9_-]{1,19}$/.test(name))
      fail(at, `DS ${i} has the invalid name ${JSON.stringify(name)}`, 'the file is corrupt; restore it from a dump or a backup');
    const type = cString(header, at + 20, 20);
    if (!(DS_TYPES as readonly string[]).includes(type))
      fail(at + 20, `DS ${name} has the unknown type ${JSON.stringify(type)}`, `expected one of ${DS_TYPES.join(', ')}`);
    const def: DsDef = { name, type: type as DsType };
    if (type !== 'COMPUTE') {
      def.heartbeat = count(hv, at + 40, `heartbeat of DS ${name}`, MAX_RESOLUTION, fail);
      def.min = nullIfNaN(hv.getFloat64(at + 48, true));
      def.max = nullIfNaN(hv.getFloat64(at + 56, true));
    }
    def.lastDs = cString(header, pdpAt + i * PDP_PREP, 30);
    ds.push(def);
  }
  // A COMPUTE refers to other DSs by index, so decode its RPN once all names are known.
  ds.forEach((def, i) => {
    if (def.type !== 'COMPUTE') return;
    const at = dsAt + i * DS_DEF + 40;
    const rpn = decodeComputeRpn(header.subarray(at, at + 80), ds);
    if (rpn !== undefined) def.cdef = rpn;
  });

  const rras: RraDef[] = [];
  const curRows: number[] = [];
  const dataAt: number[] = [];
  let dataEnd = headerLen;
  for (let i = 0; i < rraCnt; i++) {
    const at = rraAt + i * RRA_DEF;
    const cf = cString(header, at, 20);
    if (!CFS.includes(cf)) fail(at, `RRA ${i} has the unknown consolidation function ${JSON.stringify(cf)}`, `expected one of ${CFS.join(', ')}`);
    const rows = count(hv, at + 24, `row count of RRA ${i}`, MAX_ROWS, fail);
    const pdpPerRow = count(hv, at + 32, `pdp_per_row of RRA ${i}`, MAX_RESOLUTION, fail);
    const resolution = pdpPerRow * pdpStep;
    if (resolution > MAX_RESOLUTION)
      fail(at + 32, `RRA ${i} has an implausible resolution of ${resolution} s`, 'the file is corrupt; restore it from a dump or a backup');
    rras.push({ index: i, cf, pdpPerRow, resolution, rows, ...rraParams(cf, hv, at + 40, version) });
    const ptr = ptrAt + i * RRA_PTR;
    const cur = hv.getUint32(ptr + 4, true) === 0 ? hv.getUint32(ptr, true) : -1;
    if (cur < 0 || cur >= rows) fail(ptr, `cur_row of RRA ${i} lies outside its ${rows} rows`, 'the file is corrupt; restore it from a dump or a backup');
    curRows.push(cur);
    dataAt.push(dataEnd);
    dataEnd += rows * dsCnt * 8;
  }
  if (size < dataEnd) truncated(dataEnd, '');

  const lastUp = int64(hv, liveAt);
  const usec = int64(hv, liveAt + 8);
  if (lastUp < 0 || lastUp > MAX_TIME) fail(liveAt, `implausible last update time ${lastUp}`, 'the file is corrupt; restore it from a dump or a backup');
  if (usec < 0 || usec > 999_999) fail(liveAt + 8, `implausible last update microseconds ${usec}`, 'the file is corrupt; restore it from a dump or a backup');
  const quirks: string[] = [];
  if (size > dataEnd) quirks.push(`${size - dataEnd} bytes after the last RRA ignored`);
  const meta = { version, pdpStep, lastUpdate: lastUp + usec / 1e6, ds, rras, quirks };

  return {
    source,
    format: 'rrd',
    meta,
    select(options = {}): Series {
      const choice = chooseRra(rras, lastUp, options, source, 'rrd');
      const { rra } = choice;
      const win = rowWindow(rra, lastUp, options);
      const need = win.count * (dsCnt + 1) * 8;
      if (need > MAX_SELECT_BYTES)
        fail(
          rraAt + rra.index * RRA_DEF,
          `reading ${win.count} rows × ${dsCnt} data sources of RRA ${rra.index} would take ${Math.round(need / 2 ** 20)} MB, over the per-file budget of ${MAX_SELECT_BYTES / 2 ** 20} MB`,
          'keep status metrics in files with a few data sources, or export the one needed with `rrdtool xport`',
        );
      let strange = 0;
      const timestamps = new Float64Array(win.count);
      const values = ds.map(() => new Float64Array(win.count));
      for (let k = 0; k < win.count; k++) timestamps[k] = win.newest - (rra.rows - 1 - win.first - k) * rra.resolution;
      // Oldest row sits just after cur_row; the window may wrap around the end of the ring.
      const p0 = (curRows[rra.index]! + 1 + win.first) % rra.rows;
      const n1 = Math.min(win.count, rra.rows - p0);
      const base = dataAt[rra.index]!;
      readRows(base + p0 * dsCnt * 8, n1, 0);
      if (win.count > n1) readRows(base, win.count - n1, n1);
      const seriesQuirks = choice.quirk === undefined ? [...quirks] : [...quirks, choice.quirk];
      const seriesMeta = { ...meta, quirks: seriesQuirks, ...(strange > 0 ? { strangeBits: strange } : {}) };
      return {
        source,
        format: 'rrd',
        step: rra.resolution,
        columns: ds.map((d) => d.name),
        cf: rra.cf,
        timestamps,
        values,
        meta: seriesMeta,
      };

      function readRows(offset: number, rows: number, into: number): void {
        const length = rows * dsCnt * 8;
        const bytes = src.read(offset, length);
        if (bytes.length < length)
          fail(
            offset + bytes.length,
            `file truncated at byte ${offset + bytes.length} while reading RRA ${rra.index}, expected ${dataEnd} bytes`,
            'the file shrank after it was opened; read it again',
          );
        const dv = new DataView(bytes.buffer, bytes.byteOffset, length);
        for (let r = 0, o = 0; r < rows; r++) {
          for (let c = 0; c < dsCnt; c++, o += 8) {
            const x = dv.getFloat64(o, true);
            // rrdtool writes unknown as the default NaN (sign either way, no payload): any other NaN is stray bits.
            if (x !== x && (dv.getUint32(o, true) !== 0 || (dv.getUint32(o + 4, true) & 0x7fffffff) !== 0x7ff80000)) strange++;
            values[c]![into + r] = x;
          }
        }
      }
    },
  };
}

/** Detects a non-LP64-LE file from where and how the float cookie is stored. */
function foreignLayout(head: Uint8Array, view: DataView): { layout: string; offset: number } | 'missing' | undefined {
  const at = (offset: number, bigEndian: boolean) => head.length >= offset + 8 && FLOAT_COOKIE.every((b, i) => head[offset + (bigEndian ? 7 - i : i)] === b);
  if (at(16, false)) {
    // armhf keeps the cookie at 16 but stores ds_cnt/rra_cnt as u32 at 24/28: the high half of an
    // LP64 ds_cnt would then hold rra_cnt.
    const hi = view.getUint32(28, true);
    return hi > 0 && hi < MAX_COUNT && view.getUint32(24, true) > 0 ? { layout: '32-bit ARM (armhf)', offset: 24 } : undefined;
  }
  if (at(12, false)) return { layout: '32-bit x86 (i386)', offset: 12 };
  if (at(16, true))
    return { layout: view.getUint32(24, false) === 0 ? 'big-endian 64-bit (e.g. s390x, ppc64)' : 'big-endian 32-bit (e.g. PowerPC, MIPS)', offset: 16 };
  if (at(12, true)) return { layout: 'big-endian 32-bit (e.g. PowerPC, MIPS)', offset: 12 };
  return 'missing';
}

// rrdtool's RPN operators (enum op_en in src/rrd_rpncalc.h) in order: a COMPUTE DS stores them by
// number. Operators past MAXNAN are newer than anything a COMPUTE DS is known to use here.
const RPN_OPS = (
  'NUMBER VARIABLE INF PREV NEGINF UNKN NOW TIME + % - * / SIN DUP EXC POP COS LOG EXP LT LE GT GE EQ IF ' +
  'MIN MAX LIMIT FLOOR CEIL UN END LTIME NE ISINF PREV_OTHER COUNT ATAN SQRT SORT REV TREND TRENDNAN ATAN2 RAD2DEG ' +
  'DEG2RAD PREDICT PREDICTSIGMA AVG ABS ADDNAN MINNAN MAXNAN'
).split(' ');

/**
 * The RPN of a COMPUTE DS as `rrdtool dump` prints it, from its compiled form in ds_def.par:
 * up to 20 nodes of {char op; short val} (4 bytes each), ending with END. Undefined when unreadable.
 */
function decodeComputeRpn(par: Uint8Array, ds: readonly DsDef[]): string | undefined {
  const v = new DataView(par.buffer, par.byteOffset, par.length);
  const out: string[] = [];
  for (let at = 0; at + 4 <= par.length; at += 4) {
    const op = RPN_OPS[par[at]!];
    const val = v.getInt16(at + 2, true);
    if (op === 'END') return out.join(',');
    if (op === undefined || op === 'PREV_OTHER') return undefined;
    if (op === 'NUMBER') out.push(String(val));
    else if (op === 'VARIABLE') {
      const name = ds[val]?.name;
      if (name === undefined) return undefined;
      out.push(name);
    } else out.push(op);
  }
  return undefined;
}

/** HW and xff parameters of an RRA, under the names `rrdtool dump` gives them. */
/** The Holt-Winters family: RRAs whose parameter slots hold more than xff. */
const HW_CFS = new Set(['HWPREDICT', 'MHWPREDICT', 'SEASONAL', 'DEVSEASONAL', 'FAILURES', 'DEVPREDICT']);

function rraParams(cf: string, v: DataView, par: number, version: string): Pick<RraDef, 'xff' | 'params'> {
  // The usual RRAs (AVERAGE, MAX, …) before any closure is made: two per RRA of every file read were ~5 % of a warm read under tsx.
  if (!HW_CFS.has(cf)) return { xff: v.getFloat64(par, true) };
  const f = (i: number) => v.getFloat64(par + 8 * i, true);
  const u = (i: number) => int64(v, par + 8 * i);
  switch (cf) {
    case 'HWPREDICT':
    case 'MHWPREDICT':
      return { params: { hw_alpha: f(1), hw_beta: f(2), dependent_rra_idx: u(3) } };
    case 'SEASONAL':
    case 'DEVSEASONAL': {
      const params: Record<string, number> = { seasonal_gamma: f(1), seasonal_smooth_idx: u(4) };
      if (version >= '0004') params['smoothing_window'] = f(2);
      params['dependent_rra_idx'] = u(3);
      return { params };
    }
    case 'FAILURES':
      return { params: { delta_pos: f(1), delta_neg: f(2), window_len: u(4), failure_threshold: u(5), dependent_rra_idx: u(3) } };
    case 'DEVPREDICT':
      return { params: { dependent_rra_idx: u(3) } };
    default:
      return { xff: f(0) };
  }
}

/** A NUL-terminated ASCII string in a fixed-size field. */
function cString(bytes: Uint8Array, at: number, size: number): string {
  let s = '';
  for (let i = at; i < at + size && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) break;
    s += String.fromCharCode(b);
  }
  return s;
}

/** A signed 64-bit integer as a number (exact up to 2^53; rrdtool's counters stay far below). */
function int64(v: DataView, at: number): number {
  return v.getInt32(at + 4, true) * 2 ** 32 + v.getUint32(at, true);
}

/** An unsigned 64-bit count between 1 and `max`, or a RrdReadError naming the field. */
function count(v: DataView, at: number, what: string, max: number, fail: (o: number, p: string, f: string) => never): number {
  const n = int64(v, at);
  if (n < 1 || n > max)
    fail(at, `implausible ${what} ${n}`, 'the file is corrupt or not from an LP64 host; restore it from a dump or export it with `rrdtool xport`');
  return n;
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openRrd } from '../../../src/lib/rrd/binary';
import { parseDump } from '../../../src/lib/rrd/dump-xml';
import { bytesSource, RrdReadError, type ByteSource, type Series } from '../../../src/lib/rrd/series';

const SAMPLES = join(import.meta.dirname, '../../fixtures/rrd-samples');
const RRDS = walk(join(SAMPLES, 'rrd')).filter((f) => f.endsWith('.rrd'));
const DUMPS = walk(join(SAMPLES, 'dump')).filter((f) => /\.xml(\.gz)?$/.test(f));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const rel = (path: string) => relative(SAMPLES, path);
const open = (path: string) => openRrd(bytesSource(readFileSync(path)), rel(path));
const readDump = (path: string) => {
  const raw = readFileSync(path);
  return parseDump((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'), rel(path));
};
/** The .rrd a dump was made from: dump/gfd-calls_hw.no-header.xml → rrd/gfd/calls_hw.rrd. */
function rrdOfDump(dump: string): string {
  const base = rel(dump).replace(/^dump\//, '').replace(/(\.header-xsd|\.no-header)?\.xml(\.gz)?$/, '');
  return base.startsWith('format-variants/') ? join(SAMPLES, 'rrd', `${base}.rrd`) : join(SAMPLES, 'rrd', `${base.replace('-', '/')}.rrd`);
}
/** `rrdtool info` output as a key → value map (quotes removed). */
function info(name: string): Map<string, string> {
  const lines = readFileSync(join(SAMPLES, 'info', name), 'utf8').split('\n');
  return new Map(lines.filter((l) => l.includes(' = ')).map((l) => {
    const [k, v] = l.split(' = ') as [string, string];
    return [k, v.replace(/^"|"$/g, '')];
  }));
}
const infoNumber = (s: string | undefined) => (s === 'NaN' ? NaN : Number(s));

/**
 * True when `x` (a double read from the binary) prints as `printed` with rrdtool's %0.10e. JS rounds
 * exact ties up where printf rounds them to even, so an exact half-unit difference is accepted too.
 */
function printsAs(x: number, printed: number): boolean {
  if (Number.isNaN(x) || Number.isNaN(printed)) return Number.isNaN(x) && Number.isNaN(printed);
  if (!Number.isFinite(x) || x === 0) return x === printed;
  if (Number(x.toExponential(10)) === printed) return true;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(printed))) - 10);
  return Math.abs(Math.abs(x - printed) - unit / 2) <= unit * 1e-6;
}

/** A ByteSource that records every read, to prove select() reads only the window. */
function countingSource(bytes: Uint8Array): ByteSource & { reads: { offset: number; length: number }[]; bytesRead(): number } {
  const inner = bytesSource(bytes);
  const reads: { offset: number; length: number }[] = [];
  return {
    size: inner.size,
    reads,
    bytesRead: () => reads.reduce((sum, r) => sum + r.length, 0),
    read(offset, length) {
      const out = inner.read(offset, length);
      reads.push({ offset, length: out.length });
      return out;
    },
  };
}

function expectSameRows(bin: Series, dump: Series): void {
  expect(bin.step).toBe(dump.step);
  expect(bin.columns).toEqual(dump.columns);
  expect(Array.from(bin.timestamps)).toEqual(Array.from(dump.timestamps));
  bin.values.forEach((col, c) => {
    const other = dump.values[c]!;
    const bad = Array.from(col).findIndex((x, i) => !printsAs(x, other[i]!));
    expect(bad, `${bin.source} ${bin.cf} ${bin.step}s column ${c} row ${bad}: ${col[bad]} vs ${other[bad]}`).toBe(-1);
  });
}

describe('openRrd on the sample corpus', () => {
  it('finds the 17 sample .rrd files and 17 dumps', () => {
    expect(RRDS).toHaveLength(17);
    expect(DUMPS).toHaveLength(17);
  });

  it.each(DUMPS.map(rel))('agrees with %s on every RRA, value for value and timestamp for timestamp', (dumpPath) => {
    const dump = readDump(join(SAMPLES, dumpPath));
    const bin = open(rrdOfDump(join(SAMPLES, dumpPath)));
    expect(bin.meta.version).toBe(dump.meta.version);
    expect(bin.meta.pdpStep).toBe(dump.meta.pdpStep);
    expect(Math.floor(bin.meta.lastUpdate)).toBe(dump.meta.lastUpdate);
    expect(bin.meta.ds).toEqual(dump.meta.ds);
    expect(bin.meta.rras).toEqual(dump.meta.rras);
    for (const rra of bin.meta.rras) {
      const a = bin.select({ cf: rra.cf, resolution: rra.resolution });
      const b = dump.select({ cf: rra.cf, resolution: rra.resolution });
      expect(a.timestamps).toHaveLength(rra.rows);
      expectSameRows(a, b);
    }
  });

  it.each(RRDS.map(rel))('matches rrdtool info for %s', (rrdPath) => {
    const name = rrdPath.replace(/^rrd\//, '').replace('/', '-').replace(/^format-variants-/, 'format-variants/').replace(/\.rrd$/, '.txt');
    const facts = info(name);
    const src = countingSource(readFileSync(join(SAMPLES, rrdPath)));
    const db = openRrd(src, rrdPath);
    expect(db.meta.version).toBe(facts.get('rrd_version'));
    expect(db.meta.pdpStep).toBe(Number(facts.get('step')));
    expect(Math.floor(db.meta.lastUpdate)).toBe(Number(facts.get('last_update')));
    for (const [i, ds] of db.meta.ds.entries()) {
      const key = `ds[${ds.name}]`;
      expect(facts.get(`${key}.index`)).toBe(String(i));
      expect(ds.type).toBe(facts.get(`${key}.type`));
      expect(ds.lastDs).toBe(facts.get(`${key}.last_ds`));
      if (ds.type === 'COMPUTE') {
        expect(ds.cdef).toBe(facts.get(`${key}.cdef`));
      } else {
        expect(ds.heartbeat).toBe(Number(facts.get(`${key}.minimal_heartbeat`)));
        expect(ds.min ?? NaN).toEqual(infoNumber(facts.get(`${key}.min`)));
        expect(ds.max ?? NaN).toEqual(infoNumber(facts.get(`${key}.max`)));
      }
    }
    const headerSize = Number(facts.get('header_size'));
    const rowBytes = 8 * db.meta.ds.length;
    let rraStart = headerSize;
    for (const rra of db.meta.rras) {
      const key = `rra[${rra.index}]`;
      expect(rra.cf).toBe(facts.get(`${key}.cf`));
      expect(rra.rows).toBe(Number(facts.get(`${key}.rows`)));
      expect(rra.pdpPerRow).toBe(Number(facts.get(`${key}.pdp_per_row`)));
      if (facts.has(`${key}.xff`)) expect(rra.xff).toBe(Number(facts.get(`${key}.xff`)));
      for (const [infoKey, param] of [['alpha', 'hw_alpha'], ['beta', 'hw_beta'], ['delta_pos', 'delta_pos'], ['failure_threshold', 'failure_threshold'], ['window_length', 'window_len']] as const) {
        if (facts.has(`${key}.${infoKey}`)) expect(rra.params?.[param]).toBe(Number(facts.get(`${key}.${infoKey}`)));
      }
      if (facts.has(`${key}.gamma`)) expect(rra.params?.['seasonal_gamma']).toBe(Number(facts.get(`${key}.gamma`)));
      // The newest row alone is read from header_size + earlier RRAs + cur_row: this pins both.
      src.reads.length = 0;
      const newest = db.select({ cf: rra.cf, resolution: rra.resolution, start: Math.floor(db.meta.lastUpdate) - rra.resolution });
      expect(newest.timestamps).toHaveLength(1);
      expect(src.reads).toEqual([{ offset: rraStart + Number(facts.get(`${key}.cur_row`)) * rowBytes, length: rowBytes }]);
      rraStart += rra.rows * rowBytes;
    }
    expect(rraStart).toBe(src.size);
  });
});

describe('openRrd facts from the docs', () => {
  const calls = join(SAMPLES, 'rrd/gfd/calls.rrd');

  it('reads gfd/calls.rrd: 396 232 bytes, header of 2248, last update 1762266617', () => {
    const src = countingSource(readFileSync(calls));
    const db = openRrd(src, 'calls.rrd');
    expect(src.size).toBe(396232);
    expect(src.bytesRead()).toBe(128 + 2248);
    expect(Math.floor(db.meta.lastUpdate)).toBe(1762266617);
    expect(db.meta.ds).toEqual([{ name: 'calls', type: 'COUNTER', heartbeat: 120, min: 0, max: null, lastDs: '2640510' }]);
    expect(db.meta.rras.map((r) => `${r.cf}/${r.resolution}/${r.rows}`)).toEqual([
      'AVERAGE/60/2880', 'AVERAGE/300/4032', 'AVERAGE/3600/9504', 'MAX/60/2880', 'MAX/300/4032', 'MAX/3600/9504', 'MIN/60/2880', 'MIN/300/4032', 'MIN/3600/9504',
    ]);
  });

  it('shows the INC-H counter-wrap spike of 3.6887299371e+07 calls/s at 1762119660 in the 1-min AVERAGE', () => {
    const s = open(calls).select({ start: 1762119600, end: 1762119720 });
    expect(s.step).toBe(60);
    expect(s.cf).toBe('AVERAGE');
    expect(Array.from(s.timestamps)).toEqual([1762119660, 1762119720]);
    expect(s.values[0]![0]!.toExponential(10)).toBe('3.6887299371e+7');
  });

  it('stamps the newest row at last_up rounded down to the RRA resolution', () => {
    const db = open(calls);
    expect(db.select().timestamps.at(-1)).toBe(1762266600);
    expect(db.select({ resolution: 3600 }).timestamps.at(-1)).toBe(1762264800);
  });

  it('reads a 0004 (MHWPREDICT) and a 0005 (DCOUNTER/DDERIVE) file', () => {
    const v4 = open(join(SAMPLES, 'rrd/format-variants/v0004-mhwpredict.rrd'));
    expect(v4.meta.version).toBe('0004');
    expect(v4.meta.rras.map((r) => r.cf)).toEqual(['AVERAGE', 'MHWPREDICT', 'SEASONAL', 'DEVSEASONAL', 'DEVPREDICT', 'FAILURES']);
    expect(v4.meta.rras[2]!.params).toEqual({ seasonal_gamma: 0.1, seasonal_smooth_idx: 1, smoothing_window: 0, dependent_rra_idx: 1 });
    expect(v4.meta.rras[5]!.params).toEqual({ delta_pos: 2, delta_neg: 2, window_len: 9, failure_threshold: 7, dependent_rra_idx: 3 });
    expect(v4.select({ cf: 'FAILURES' }).values[0]!.every((x) => x === 0 || x === 1 || Number.isNaN(x))).toBe(true);
    const v5 = open(join(SAMPLES, 'rrd/format-variants/v0005-dcounter-dderive.rrd'));
    expect(v5.meta.version).toBe('0005');
    expect(v5.meta.ds.map((d) => d.type)).toEqual(['DCOUNTER', 'DDERIVE']);
  });
});

describe('openRrd.select', () => {
  const bytes = readFileSync(join(SAMPLES, 'rrd/gfd/calls.rrd'));
  const last = 1762266600;

  it('returns the rows with start < t <= end, in time order', () => {
    const s = openRrd(bytesSource(bytes), 'calls.rrd').select({ start: last - 3600, end: last - 60 });
    expect(s.timestamps).toHaveLength(59);
    expect(s.timestamps[0]).toBe(last - 3540);
    expect(s.timestamps.at(-1)).toBe(last - 60);
    expect(Array.from(s.timestamps).every((t, i, a) => i === 0 || t - a[i - 1]! === 60)).toBe(true);
  });

  it('reads only the bytes of the window: one read for the last hour', () => {
    const src = countingSource(bytes);
    const db = openRrd(src, 'calls.rrd');
    src.reads.length = 0;
    db.select({ start: last - 3600 });
    expect(src.reads).toHaveLength(1);
    expect(src.bytesRead()).toBe(60 * 8);
  });

  it('reads a window that wraps around the ring in two reads', () => {
    // cur_row of the 1-min AVERAGE is 321 (info/gfd-calls.txt), so the last 400 rows wrap.
    const src = countingSource(bytes);
    const db = openRrd(src, 'calls.rrd');
    src.reads.length = 0;
    const s = db.select({ start: last - 400 * 60 });
    expect(src.reads).toHaveLength(2);
    expect(src.bytesRead()).toBe(400 * 8);
    expect(s.timestamps).toHaveLength(400);
    expect(Array.from(s.values[0]!)).toEqual(Array.from(db.select().values[0]!.subarray(2880 - 400)));
  });

  it('chooses the RRA like rrdtool fetch: the finest by default, the nearest resolution when asked', () => {
    const db = openRrd(bytesSource(bytes), 'calls.rrd');
    expect(db.select().step).toBe(60);
    expect(db.select({ resolution: 250 }).step).toBe(300);
    expect(db.select({ resolution: 86400 }).step).toBe(3600);
    expect(db.select({ cf: 'max', resolution: 300 }).cf).toBe('MAX');
  });

  it('falls back to a coarser RRA, with a quirk, when the asked one does not reach back to start', () => {
    // INC-I, 10 days ago, lies outside the 2-day 1-min RRA: fetch -r 60 gets 300 s rows there.
    const s = openRrd(bytesSource(bytes), 'calls.rrd').select({ resolution: 60, start: last - 10 * 86400, end: last - 9 * 86400 });
    expect(s.step).toBe(300);
    expect(s.timestamps).toHaveLength(288);
    expect(s.meta.quirks.join(' ')).toContain('asked for AVERAGE at 60 s, got 300 s');
  });

  it('returns an empty series for a window after the last row', () => {
    const s = openRrd(bytesSource(bytes), 'calls.rrd').select({ start: last, end: last + 3600 });
    expect(s.timestamps).toHaveLength(0);
    expect(s.values[0]).toHaveLength(0);
  });

  it('selects the Holt-Winters RRAs by their cf', () => {
    const db = open(join(SAMPLES, 'rrd/gfd/calls_hw.rrd'));
    for (const cf of ['HWPREDICT', 'SEASONAL', 'DEVSEASONAL', 'DEVPREDICT', 'FAILURES']) {
      const s = db.select({ cf, start: last - 3600 });
      expect(s.cf).toBe(cf);
      expect(s.timestamps).toHaveLength(60);
    }
  });

  it('throws a RrdReadError naming the cfs the file has when none matches', () => {
    const db = openRrd(bytesSource(bytes), 'calls.rrd');
    expect(() => db.select({ cf: 'LAST' })).toThrow('calls.rrd: looks like rrd: no LAST RRA in this file (it has AVERAGE, MAX, MIN); select one of AVERAGE, MAX, MIN');
  });
});

describe('openRrd on damaged or foreign files', () => {
  /** Runs open + a select of every RRA; returns the error, or undefined when the file read fine. */
  function attempt(bytes: Uint8Array): unknown {
    try {
      const db = openRrd(bytesSource(bytes), 'x.rrd');
      for (const rra of db.meta.rras) db.select({ cf: rra.cf, resolution: rra.resolution, start: db.meta.lastUpdate - 7200 });
      return undefined;
    } catch (e) {
      return e;
    }
  }

  it('reports an empty file', () => {
    expect(() => openRrd(bytesSource(new Uint8Array(0)), 'empty.rrd')).toThrow('empty.rrd: looks like rrd at byte 0: the file is empty');
  });

  it('reports a file that is not an RRD', () => {
    expect(() => openRrd(bytesSource(new TextEncoder().encode('<xport>')), 'a.rrd')).toThrow('not an RRD file');
  });

  it.each(RRDS.map(rel))('reports a truncated %s at every cut, never another exception', (path) => {
    const bytes = readFileSync(join(SAMPLES, path));
    const cuts = [1, 3, 4, 8, 16, 20, 24, 40, 100, 127, 128, 129, 500, 1000];
    for (let i = 1; i < 30; i++) cuts.push(Math.floor((bytes.length * i) / 30));
    cuts.push(bytes.length - 8, bytes.length - 1);
    for (const cut of cuts) {
      const err = attempt(bytes.subarray(0, cut));
      expect(err, `cut at ${cut}`).toBeInstanceOf(RrdReadError);
      expect((err as Error).message).toMatch(/truncated at byte \d+, expected \d+ bytes|not an RRD file/);
    }
  });

  it('says where a file was cut and how long it should be', () => {
    const bytes = readFileSync(join(SAMPLES, 'rrd/gfd/calls.rrd'));
    expect(() => openRrd(bytesSource(bytes.subarray(0, 300000)), 'calls.rrd')).toThrow(
      'calls.rrd: looks like rrd at byte 300000: file truncated at byte 300000, expected 396232 bytes;',
    );
  });

  it.each(RRDS.map(rel))('survives flipped header bytes in %s with a RrdReadError or a valid read', (path) => {
    const bytes = new Uint8Array(readFileSync(join(SAMPLES, path)));
    const headerLen = Math.min(bytes.length, 2400);
    let seed = 12345;
    for (let n = 0; n < 300; n++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const at = seed % headerLen;
      const old = bytes[at]!;
      bytes[at] = old ^ (1 << (seed % 8)) ^ (n % 3 === 0 ? 0xff : 0);
      const err = attempt(bytes);
      if (err !== undefined) expect(err, `flip at ${at}`).toBeInstanceOf(RrdReadError);
      bytes[at] = old;
    }
  });

  function header(write: (v: DataView) => void): Uint8Array {
    const bytes = new Uint8Array(4096);
    bytes.set(new TextEncoder().encode('RRD\u00000003\u0000'));
    write(new DataView(bytes.buffer));
    return bytes;
  }
  const COOKIE = 8.642135e130;
  const FIX = 'fluxstatus reads LP64 little-endian files only — export it with `rrdtool xport` (or dump/restore on an x86-64 host)';

  it.each([
    ['a big-endian 64-bit', header((v) => { v.setFloat64(16, COOKIE, false); v.setBigUint64(24, 1n, false); })],
    ['a 32-bit x86 (i386)', header((v) => { v.setFloat64(12, COOKIE, true); v.setUint32(20, 1, true); })],
    ['a 32-bit ARM (armhf)', header((v) => { v.setFloat64(16, COOKIE, true); v.setUint32(24, 1, true); v.setUint32(28, 3, true); v.setUint32(32, 60, true); })],
    ['a big-endian 32-bit', header((v) => { v.setFloat64(12, COOKIE, false); })],
  ])('refuses a file written on %s host and says how to export it', (layout, bytes) => {
    expect(() => openRrd(bytesSource(bytes), 'foreign.rrd')).toThrow(`this .rrd was written on ${layout}`);
    expect(() => openRrd(bytesSource(bytes), 'foreign.rrd')).toThrow(FIX);
  });

  it('reports a missing float cookie', () => {
    expect(() => openRrd(bytesSource(header(() => {})), 'x.rrd')).toThrow('x.rrd: looks like rrd at byte 16: the float cookie 8.642135e130 is missing at byte 16');
  });

  it('refuses versions it does not know, saying how to convert them', () => {
    const bytes = new Uint8Array(readFileSync(join(SAMPLES, 'rrd/gfd/calls.rrd')));
    bytes.set(new TextEncoder().encode('0006'), 4);
    expect(() => openRrd(bytesSource(bytes), 'x.rrd')).toThrow('x.rrd: looks like rrd at byte 4: format 0006 is newer than this reader (0003–0005)');
    bytes.set(new TextEncoder().encode('0001'), 4);
    expect(() => openRrd(bytesSource(bytes), 'x.rrd')).toThrow('format 0001 predates rrdtool 1.2');
  });

  it('reports implausible counts without allocating for them', () => {
    const bytes = new Uint8Array(readFileSync(join(SAMPLES, 'rrd/gfd/calls.rrd')));
    new DataView(bytes.buffer).setUint32(24, 4_000_000_000, true);
    expect(() => openRrd(bytesSource(bytes), 'x.rrd')).toThrow('x.rrd: looks like rrd at byte 24: implausible ds_cnt 4000000000');
  });

  it('reports random bytes behind a valid magic and cookie as a RrdReadError', () => {
    let seed = 7;
    for (let n = 0; n < 200; n++) {
      const bytes = header((v) => v.setFloat64(16, COOKIE, true));
      for (let i = 24; i < bytes.length; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        bytes[i] = seed >>> 16;
      }
      expect(attempt(bytes)).toBeInstanceOf(RrdReadError);
    }
  });
});

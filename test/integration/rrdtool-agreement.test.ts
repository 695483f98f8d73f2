/**
 * Cross-format agreement against the real rrdtool: RRDs with known inputs are created in a temp
 * dir, exported every way rrdtool can (binary, dump, xport XML/JSON with and without -t and
 * --enumds, fetch, graph CSV/XML/JSON), and every reader must return the same rows, value for value
 * and timestamp for timestamp, and the values the inputs imply.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openRrd } from '../../src/lib/rrd/binary';
import { parseDump } from '../../src/lib/rrd/dump-xml';
import { parseFetchText } from '../../src/lib/rrd/fetch-text';
import { parseGraphCsv } from '../../src/lib/rrd/graph-csv';
import { bytesSource, type RrdDatabase, type Series } from '../../src/lib/rrd/series';
import { parseXportJson } from '../../src/lib/rrd/xport-json';
import { parseXportXml } from '../../src/lib/rrd/xport-xml';
import { readRrdBytes } from '../../src/lib/rrd/read';
import { readRrdFile } from '../../scripts/lib/rrd-file';
import { requireRrdtool, rrdtool } from './helpers/rrdtool';

const T0 = 1761955200; // 2025-11-01 00:00 UTC, aligned to every RRA step
const N = 1440; // one update per minute for 24 h
const GAP = { from: 600, to: 615 }; // updates i in [from, to) are skipped: 15 min > heartbeat
const TEND = T0 + N * 60;
const LAST = TEND + 17; // a final update off the step, as a real collector does
const WRAP = 2 ** 32;

const gauge = (i: number) => (i % 97 === 0 ? undefined : (i % 17) * 1.5 + 0.25);
const rate = (i: number) => 10 + (i % 13);
const deriveRate = (i: number) => (i % 7) - 3;

let dir = '';
let file = '';

/** The update arguments "t:gauge:counter:derive"; the COUNTER starts 200 000 below 2^32, so it wraps. */
function updates(): { args: string[]; wrapAt: number } {
  const args: string[] = [];
  let counter = WRAP - 200_000;
  let derive = 1_000_000;
  let wrapAt = -1;
  for (let i = 1; i <= N; i++) {
    const next = counter + rate(i) * 60;
    if (next >= WRAP && wrapAt < 0) wrapAt = i;
    counter = next % WRAP;
    derive += deriveRate(i) * 60;
    if (i >= GAP.from && i < GAP.to) continue;
    args.push(`${T0 + i * 60}:${gauge(i) ?? 'U'}:${counter}:${derive}`);
  }
  args.push(`${LAST}:1:${counter + 170}:${derive}`);
  return { args, wrapAt };
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** True when the double `x` prints as `printed` with %0.10e (ties: JS rounds up, printf to even). */
function printsAs(x: number, printed: number): boolean {
  if (Number.isNaN(x) || Number.isNaN(printed)) return Number.isNaN(x) && Number.isNaN(printed);
  if (!Number.isFinite(x) || x === 0) return x === printed;
  if (Number(x.toExponential(10)) === printed) return true;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(printed))) - 10);
  return Math.abs(Math.abs(x - printed) - unit / 2) <= unit * 1e-6;
}

/**
 * Every row of `expected` must appear in `actual` with the same values (compared by `eq`); rows
 * `actual` has beyond them may only be fetch's extra row after END, and must then be unknown.
 */
function expectAgreement(label: string, expected: Series, actual: Series, eq: (a: number, b: number) => boolean): void {
  expect(actual.values.length, `${label}: columns`).toBe(expected.values.length);
  expect(actual.step, `${label}: step`).toBe(expected.step);
  const index = new Map(Array.from(actual.timestamps, (t, i) => [t, i]));
  for (const [i, t] of expected.timestamps.entries()) {
    const j = index.get(t);
    expect(j, `${label}: row ${t} missing`).toBeDefined();
    index.delete(t);
    expected.values.forEach((col, c) => {
      const a = col[i]!;
      const b = actual.values[c]![j!]!;
      if (!eq(a, b)) expect.fail(`${label}: column ${c} at ${t}: ${a} vs ${b}`);
    });
  }
  for (const [t, j] of index) {
    expect(t, `${label}: extra row ${t}`).toBeGreaterThan(expected.timestamps.at(-1)!);
    expect(actual.values.every((col) => Number.isNaN(col[j]!)), `${label}: extra row ${t} is unknown`).toBe(true);
  }
}

function defs(cf: string, rrd = file): string[] {
  return [`DEF:g=${rrd}:gauge:${cf}`, `DEF:c=${rrd}:counter:${cf}`, `DEF:d=${rrd}:derive:${cf}`];
}

/**
 * Creates the known RRD once. Called before every test (not in beforeAll) so that a missing rrdtool
 * makes each test FAIL with the install hint, where a failing beforeAll would only mark them skipped.
 */
let setup: { error?: unknown } | undefined;
beforeEach(() => {
  if (setup === undefined) {
    setup = {};
    try {
      requireRrdtool();
      dir = mkdtempSync(join(tmpdir(), 'fluxstatus-agreement-'));
      file = join(dir, 'known.rrd');
      const rras = ['AVERAGE', 'MAX', 'MIN'].flatMap((cf) => [`RRA:${cf}:0.5:1:2000`, `RRA:${cf}:0.5:5:600`, `RRA:${cf}:0.5:60:100`]);
      rrdtool(['create', file, '--start', String(T0), '--step', '60', 'DS:gauge:GAUGE:120:U:U', 'DS:counter:COUNTER:120:0:U', 'DS:derive:DERIVE:120:U:U', ...rras]);
      rrdtool(['update', file, ...updates().args]);
    } catch (error) {
      setup.error = error;
    }
  }
  if (setup.error !== undefined) throw setup.error;
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('the binary reader on an RRD with known inputs', () => {
  const open = (): RrdDatabase => openRrd(bytesSource(readFileSync(file)), 'known.rrd');

  it('reads the definitions rrdtool info reports', () => {
    const db = open();
    const info = rrdtool(['info', file]);
    expect(info).toContain(`last_update = ${LAST}`);
    expect(info).toContain(`header_size = ${128 + 120 * 3 + 120 * 9 + 16 + 112 * 3 + 80 * 27 + 8 * 9}`);
    expect(db.meta.version).toBe('0003');
    expect(Math.floor(db.meta.lastUpdate)).toBe(LAST);
    expect(db.meta.ds.map((d) => `${d.name}:${d.type}:${d.heartbeat}:${d.min}:${d.max}`)).toEqual([
      'gauge:GAUGE:120:null:null',
      'counter:COUNTER:120:0:null',
      'derive:DERIVE:120:null:null',
    ]);
    expect(db.meta.rras.map((r) => `${r.cf}/${r.resolution}/${r.rows}`)).toEqual(
      ['AVERAGE', 'MAX', 'MIN'].flatMap((cf) => [`${cf}/60/2000`, `${cf}/300/600`, `${cf}/3600/100`]),
    );
  });

  it('returns the input values: gauges as written, counter and derive as rates, unknowns and the gap as NaN', () => {
    const s = open().select({ start: T0, end: TEND });
    expect(s.timestamps).toHaveLength(N);
    const { wrapAt } = updates();
    expect(wrapAt).toBeGreaterThan(1);
    for (let i = 1; i <= N; i++) {
      const row = i - 1;
      expect(s.timestamps[row]).toBe(T0 + i * 60);
      const inGap = i >= GAP.from && i <= GAP.to; // the first update after the gap spans > heartbeat
      const [g, c, d] = s.values.map((col) => col[row]!);
      if (inGap) {
        expect([g, c, d].every(Number.isNaN), `row ${i}`).toBe(true);
        continue;
      }
      const want = gauge(i);
      if (want === undefined) expect(g).toBeNaN();
      else expect(g).toBeCloseTo(want, 10);
      if (i === 1) {
        // A rate needs a previous reading: the first COUNTER/DERIVE row is unknown.
        expect([c, d].every(Number.isNaN)).toBe(true);
        continue;
      }
      // On a wrap rrdtool adds 2^32 - 1, not 2^32 (rrd_update.c), so that row is 1/60 lower.
      expect(c, `counter at row ${i}`).toBeCloseTo(i === wrapAt ? rate(i) - 1 / 60 : rate(i), 10);
      expect(d).toBeCloseTo(deriveRate(i), 10);
    }
  });

  it('keeps the newest row at the last step boundary before the final off-step update', () => {
    const db = open();
    expect(db.select().timestamps.at(-1)).toBe(TEND);
    expect(db.select({ resolution: 3600 }).timestamps.at(-1)).toBe(TEND - (TEND % 3600));
  });
});

describe.each(['AVERAGE', 'MAX', 'MIN'])('every export of the %s RRAs agrees with the binary reader', (cf) => {
  it.each([60, 300, 3600])('at %i s', (res) => {
    const start = T0 + 3600;
    const end = TEND;
    const rows = (end - start) / res;
    const win = ['-s', String(start), '-e', String(end)];
    const binary = openRrd(bytesSource(readFileSync(file)), 'known.rrd').select({ cf, resolution: res, start, end });
    expect(binary.step).toBe(res);
    expect(binary.timestamps).toHaveLength(rows);
    expect(binary.values.every((col) => col.some((x) => !Number.isNaN(x)))).toBe(true);

    const dump = parseDump(rrdtool(['dump', file]), 'dump.xml').select({ cf, resolution: res, start, end });
    expectAgreement('dump vs binary', binary, dump, (a, b) => printsAs(a, b));

    const xport = ['xport', ...win, '--step', String(res), '-m', '100000', ...defs(cf), 'XPORT:g:gauge', 'XPORT:c:counter', 'XPORT:d:derive'];
    const graph = (format: string) => ['graph', '-', '--imgformat', format, ...win, '--step', String(res), '-w', String(rows), ...defs(cf), 'LINE1:g#ff0000:gauge', 'LINE1:c#00ff00:counter', 'LINE1:d#0000ff:derive'];
    const exports: [string, string, (text: string, source: string) => Series][] = [
      ['xport XML', rrdtool(xport), parseXportXml],
      ['xport XML -t', rrdtool([...xport, '-t']), parseXportXml],
      ['xport XML --enumds -t', rrdtool([...xport, '--enumds', '-t']), parseXportXml],
      ['xport JSON', rrdtool([...xport, '--json']), parseXportJson],
      ['xport JSON -t', rrdtool([...xport, '--json', '-t']), parseXportJson],
      ['xport JSON --enumds', rrdtool([...xport, '--json', '--enumds']), parseXportJson],
      ['fetch', rrdtool(['fetch', file, cf, '-r', String(res), ...win]), parseFetchText],
      ['graph CSV', rrdtool(graph('CSV')), parseGraphCsv],
      ['graph TSV', rrdtool(graph('TSV')), parseGraphCsv],
      ['graph XML', rrdtool(graph('XML')), parseXportXml],
      ['graph JSONTIME', rrdtool(graph('JSONTIME')), parseXportJson],
    ];
    for (const [label, text, parse] of exports) {
      const series = parse(text, label);
      // All text formats print the same double with %0.10e, so they must agree exactly with the dump.
      expectAgreement(`${label} vs dump`, dump, series, same);
      expectAgreement(`${label} vs binary`, binary, series, printsAs);
      // The production entry point detects the format from the content and cuts the window.
      const detected = readRrdBytes(new TextEncoder().encode(text), label, { start, end });
      expect(detected.format).toBe(series.format);
      expect(detected.timestamps).toHaveLength(rows);
      expectAgreement(`${label} via readRrdBytes`, dump, detected, same);
    }
    expectAgreement('readRrdFile (fd-backed) vs binary', binary, readRrdFile(file, { cf, resolution: res, start, end }), same);
  });
});

describe('formats 0004 and 0005 made by this rrdtool', () => {
  /** Creates an RRD, feeds it, and checks binary vs dump vs fetch on every RRA. */
  function checkAllRras(name: string, create: string[], update: (i: number) => string, version: string): RrdDatabase {
    const path = join(dir, name);
    rrdtool(['create', path, '--start', String(T0), '--step', '300', ...create]);
    rrdtool(['update', path, ...Array.from({ length: 200 }, (_, k) => `${T0 + (k + 1) * 300}:${update(k + 1)}`)]);
    const db = openRrd(bytesSource(readFileSync(path)), name);
    expect(db.meta.version).toBe(version);
    const dump = parseDump(rrdtool(['dump', path]), `${name}.xml`);
    expect(db.meta.ds).toEqual(dump.meta.ds);
    expect(db.meta.rras).toEqual(dump.meta.rras);
    for (const rra of db.meta.rras) {
      const opts = { cf: rra.cf, resolution: rra.resolution };
      const bin = db.select(opts);
      expect(bin.timestamps).toHaveLength(rra.rows);
      expectAgreement(`${name} ${rra.cf} dump`, bin, dump.select(opts), printsAs);
      const start = bin.timestamps[0]! - rra.resolution;
      const fetched = parseFetchText(rrdtool(['fetch', path, rra.cf, '-r', String(rra.resolution), '-s', String(start), '-e', String(bin.timestamps.at(-1))]), 'f.txt');
      expectAgreement(`${name} ${rra.cf} fetch`, bin, fetched, printsAs);
    }
    return db;
  }

  it('reads a 0004 file (MHWPREDICT) like rrdtool dump and fetch, Holt-Winters RRAs included', () => {
    const db = checkAllRras('v4.rrd', ['DS:load:GAUGE:600:0:U', 'RRA:AVERAGE:0.5:1:48', 'RRA:MHWPREDICT:48:0.1:0.0035:12'], (i) => (2 + Math.sin(i / 2)).toFixed(3), '0004');
    expect(db.meta.rras.map((r) => r.cf)).toEqual(['AVERAGE', 'MHWPREDICT', 'SEASONAL', 'DEVSEASONAL', 'DEVPREDICT', 'FAILURES']);
    expect(db.select({ cf: 'MHWPREDICT' }).values[0]!.some((x) => x > 1)).toBe(true);
  });

  it('reads a 0005 file (DCOUNTER, DDERIVE) like rrdtool dump and fetch, fractional rates included', () => {
    const db = checkAllRras('v5.rrd', ['DS:dc:DCOUNTER:600:U:U', 'DS:dd:DDERIVE:600:U:U', 'RRA:AVERAGE:0.5:1:48', 'RRA:MAX:0.5:4:12'], (i) => `${(i * 375.5).toFixed(1)}:${(1000 - i * i * 0.75).toFixed(2)}`, '0005');
    const s = db.select();
    expect(db.meta.ds.map((d) => d.type)).toEqual(['DCOUNTER', 'DDERIVE']);
    expect(s.values[0]!.at(-1)).toBeCloseTo(375.5 / 300, 12);
    expect(s.values[1]!.at(-1)).toBeCloseTo(-(200 * 200 - 199 * 199) * 0.75 / 300, 12);
  });
});

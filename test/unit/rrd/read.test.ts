import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cutWindow, openRrdBytes, readRrdBytes } from '../../../src/lib/rrd/read';
import { RrdReadError } from '../../../src/lib/rrd/series';

const S = 'test/fixtures/rrd-samples';
const file = (path: string): Uint8Array => new Uint8Array(readFileSync(`${S}/${path}`));

describe('readRrdBytes', () => {
  it('cuts an export to the window start < t <= end', () => {
    const s = readRrdBytes(file('xport/gfd-6h-step60.xml'), 'x', { start: 1762266420, end: 1762266540 });
    expect(Array.from(s.timestamps)).toEqual([1762266480, 1762266540]);
    expect(s.values[0]?.length).toBe(2);
  });

  it('drops the extra fetch row after END when the window ends at END', () => {
    const s = readRrdBytes(file('fetch/gfd-calls-AVERAGE-24h.txt'), 'f', { end: 1762266600 });
    expect(s.timestamps[s.timestamps.length - 1]).toBe(1762266600);
  });

  it('gunzips a gzipped export and reads it like the plain one', () => {
    const plain = readRrdBytes(file('xport/gfd-6h-step60.json'), 'x');
    const gz = readRrdBytes(new Uint8Array(gzipSync(file('xport/gfd-6h-step60.json'))), 'x.gz');
    expect(gz.values).toEqual(plain.values);
  });

  it('selects the finest AVERAGE RRA of a binary .rrd by default', () => {
    const s = readRrdBytes(file('rrd/gfd/calls.rrd'), 'calls.rrd', { start: 1762266300, end: 1762266600 });
    expect(s.format).toBe('rrd');
    expect(s.step).toBe(60);
    expect(s.timestamps.length).toBe(5);
  });

  it('selects the asked cf and resolution from a gzipped dump', () => {
    const s = readRrdBytes(file('dump/gfd-errors.xml.gz'), 'e.xml.gz', { cf: 'MAX', resolution: 3600, start: 1762250000, end: 1762266600 });
    expect(s.format).toBe('dump');
    expect(s.cf).toBe('MAX');
    expect(s.step).toBe(3600);
  });

  it('reports bad gzip data as an RrdReadError naming the file', () => {
    const bad = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5]);
    expect(() => readRrdBytes(bad, 'bad.gz')).toThrow(/^bad\.gz: unrecognised input at byte 0: bad gzip data/);
  });

  it('reports empty input and unknown content with the list of accepted formats', () => {
    expect(() => readRrdBytes(new Uint8Array(), 'empty')).toThrow('empty: unrecognised input at byte 0: the file is empty; give rrdtool output as is');
    expect(() => readRrdBytes(new TextEncoder().encode('hello'), 'h')).toThrow(RrdReadError);
  });
});

describe('openRrdBytes', () => {
  it('returns the database of a .rrd with its RRAs, for --info', () => {
    const opened = openRrdBytes(file('rrd/gfd/calls.rrd'), 'calls.rrd');
    expect(opened.kind).toBe('database');
    if (opened.kind === 'database') expect(opened.db.meta.rras.length).toBe(9);
  });

  it('returns the series of an export', () => {
    const opened = openRrdBytes(file('graph/gfd-24h.csv'), 'g.csv');
    expect(opened.kind === 'series' && opened.series.format).toBe('graph-csv');
  });
});

describe('cutWindow', () => {
  it('returns the series itself when no window is asked', () => {
    const s = readRrdBytes(file('graph/gfd-24h.csv'), 'g');
    expect(cutWindow(s, {})).toBe(s);
  });
});

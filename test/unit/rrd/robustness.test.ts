import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFetchText } from '../../../src/lib/rrd/fetch-text';
import { parseGraphCsv } from '../../../src/lib/rrd/graph-csv';
import { readRrdBytes } from '../../../src/lib/rrd/read';
import { RrdReadError, type Series } from '../../../src/lib/rrd/series';
import { parseXportJson } from '../../../src/lib/rrd/xport-json';
import { parseXportXml } from '../../../src/lib/rrd/xport-xml';
import { noise } from '../../integration/helpers/hostile-rrd';

const S = 'test/fixtures/rrd-samples';
/** Cut points per file: many on small files, fewer on the big ones to keep the suite quick. */
const cutsFor = (size: number): number => (size > 300_000 ? 8 : 24);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Either a consistent Series or an RrdReadError; anything else (TypeError, RangeError …) fails the test. */
function expectSeriesOrReadError(read: () => Series, label: string): void {
  let series: Series;
  try {
    series = read();
  } catch (error) {
    if (!(error instanceof RrdReadError)) expect.fail(`${label}: threw ${String(error)}`);
    expect(error.message, label).not.toMatch(/\n/);
    return;
  }
  expect(series.values.length, label).toBe(series.columns.length);
  for (const column of series.values) expect(column.length, label).toBe(series.timestamps.length);
}

// Small and medium text files; the big dumps are covered by their own reader's tests.
const textFiles = [
  ...filesUnder(join(S, 'xport')),
  ...filesUnder(join(S, 'graph')),
  ...filesUnder(join(S, 'fetch')),
  ...filesUnder(join(S, 'dump/format-variants')),
];
const binaries = filesUnder(join(S, 'rrd/format-variants'));

const readers: Record<string, (text: string, source: string) => Series> = {
  xml: (t, s) => parseXportXml(t, s),
  json: parseXportJson,
  csv: parseGraphCsv,
  fetch: parseFetchText,
};

// Generous timeout: these loops parse hundreds of files and share two cores with the rest of the suite.
describe('the readers on truncated, corrupted and empty input', { timeout: 30_000 }, () => {
  it.each(textFiles)('reads %s cut at many offsets as a partial series or an RrdReadError', (path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const cuts = cutsFor(bytes.length);
    for (let k = 0; k <= cuts; k++) {
      const at = Math.floor((bytes.length * k) / cuts) - (k % 3); // include offsets in the middle of numbers
      const cut = bytes.subarray(0, Math.max(0, at));
      expectSeriesOrReadError(() => readRrdBytes(cut, path), `${path} cut at ${at}`);
    }
  });

  it.each(textFiles.filter((f) => /\/xport\/.*-(6h|48h)-.*\.(xml|json)$/.test(f)).slice(0, 6))('survives random byte flips in %s', (path) => {
    const bytes = new Uint8Array(readFileSync(path));
    for (let k = 1; k <= 25; k++) {
      const copy = bytes.slice();
      const r = noise(8, k);
      for (let j = 0; j < 4; j++) copy[((r[j] as number) * 7919 * k) % copy.length] = r[j + 4] as number;
      expectSeriesOrReadError(() => readRrdBytes(copy, path), `${path} flip ${k}`);
    }
  });

  it.each(binaries)('reads %s cut at many offsets as a series or an RrdReadError', (path) => {
    const bytes = new Uint8Array(readFileSync(path));
    for (let k = 0; k <= 24; k++) {
      const cut = bytes.subarray(0, Math.floor((bytes.length * k) / 24));
      expectSeriesOrReadError(() => readRrdBytes(cut, path), `${path} cut at ${cut.length}`);
    }
  });

  it('turns garbage after every format signature into an RrdReadError, never a crash', () => {
    const heads = ['', '<xport>', '<xport><meta><data>', '<rrd>', '{', '{"data": [', '"time","a"\n', '  a\n\n', 'RRD\0', '\x1f\x8b'];
    for (const [i, head] of heads.entries()) {
      for (let seed = 1; seed <= 20; seed++) {
        const bytes = new Uint8Array([...new TextEncoder().encode(head), ...noise(64 + seed * 13, seed * 31 + i)]);
        expectSeriesOrReadError(() => readRrdBytes(bytes, 'garbage'), `${JSON.stringify(head)} + noise ${seed}`);
      }
    }
  });

  it.each(Object.keys(readers))('calls the %s reader directly on empty and whitespace input and gets an RrdReadError', (name) => {
    const reader = readers[name] as (text: string, source: string) => Series;
    for (const input of ['', ' ', '\n\n', '\uFEFF']) expect(() => reader(input, 'empty')).toThrow(RrdReadError);
  });

  it('reads the huge values 1e308 and 1e400 in every text format without failing', () => {
    expect(Array.from(parseXportJson('{"meta":{"start":60,"step":60,"legend":["a"]},"data":[["60",1e308],["120",1e400]]}', 'j').values[0] ?? [])).toEqual([
      1e308,
      Infinity,
    ]);
    expect(Array.from(parseGraphCsv('"time","a"\n60,"1e308"\n120,"1e400"\n', 'c').values[0] ?? [])).toEqual([1e308, Infinity]);
    expect(Array.from(parseFetchText('  a\n\n60: 1.0e+308\n120: 1.0e+400\n', 'f').values[0] ?? [])).toEqual([1e308, Infinity]);
  });
});

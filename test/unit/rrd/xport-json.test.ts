import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RrdReadError } from '../../../src/lib/rrd/series';
import { parseXportJson } from '../../../src/lib/rrd/xport-json';

const SAMPLES = 'test/fixtures/rrd-samples';
const QUIRKS = 'test/fixtures/rrd-quirks';
const read = (path: string) => parseXportJson(readFileSync(path, 'utf8'), path);
const rowAt = (s: ReturnType<typeof read>, t: number): number[] => {
  const i = s.timestamps.indexOf(t);
  expect(i, `row ${t} exists`).toBeGreaterThanOrEqual(0);
  return s.values.map((c) => c[i] as number);
};

describe('parseXportJson on the sample corpus', () => {
  it('reads -t times given as strings and null as unknown: PCDH row "1762157760" is 0, 0, null, null', () => {
    const s = read(`${SAMPLES}/xport/pcdh-48h-step60-showtime.json`);
    expect(s.format).toBe('xport-json');
    expect(s.step).toBe(60);
    expect(s.timestamps.length).toBe(2880);
    expect(rowAt(s, 1762157760)).toEqual([0, 0, NaN, NaN]);
    expect(rowAt(s, 1762157700)).toEqual([1.0804597701, 0.33333333333, 384.36, 855.04]);
    expect(s.meta.quirks).toEqual([]);
  });

  it('computes times from meta start and step when rows carry none', () => {
    const s = read(`${SAMPLES}/xport/gfd-6h-step60.json`);
    expect(s.timestamps[0]).toBe(1762245060);
    expect(s.timestamps[359]).toBe(1762266600);
    expect(s.values[0]?.[0]).toBe(49.579327591);
    expect(s.columns[0]).toBe('GFD calls/s');
  });

  it('reads the same values from the JSON and the XML export of the same command', () => {
    const xml = read(`${SAMPLES}/xport/gfd-48h-step60-showtime.json`);
    expect(rowAt(xml, 1762119660)[0]).toBe(3.6887299371e7);
  });

  it('maps columns by position when the legend is unescaped and invalid JSON', () => {
    const s = read(`${SAMPLES}/xport/pitfall-unescaped-legend.json`);
    expect(s.columns).toEqual(['RaOTD "calls" & <errors>', 'Délai de réponse moyen (ms)']);
    expect(rowAt(s, 1762266600)).toEqual([346.53333333, 384.728]);
    expect(s.meta.quirks).toEqual(['legend strings are not valid JSON (unescaped quotes): read one entry per line']);
  });

  it('ignores the broken "prints" block of rrdtool 1.7.2 graph JSONTIME', () => {
    const s = read(`${SAMPLES}/graph/pitfall-gfd-24h-with-print.jsontime.json`);
    expect(s.columns).toEqual(['GFD calls/s', 'GFD avg ms']);
    expect(s.timestamps.length).toBe(1440);
    expect(rowAt(s, 1762180260)).toEqual([31.907438613, 227.17833333]);
    expect(s.meta.quirks).toContain('broken "prints" block of rrdtool 1.7.2 graph JSON ignored');
  });

  it('reads graph JSON (no time) and JSONTIME to the same series', () => {
    const json = read(`${SAMPLES}/graph/gfd-24h.json`);
    const jsontime = read(`${SAMPLES}/graph/gfd-24h.jsontime.json`);
    expect(Array.from(json.timestamps)).toEqual(Array.from(jsontime.timestamps));
    expect(json.values).toEqual(jsontime.values);
    expect(rowAt(jsontime, 1762266600)).toEqual([34.778914464, 213.446]);
  });
});

describe('parseXportJson on the shapes of other rrdtool versions', () => {
  it('reads the pseudo-JSON of rrdtool 1.4.7-1.4.8 and ignores its wrong end', () => {
    const s = read(`${QUIRKS}/rrdtool-1.4.7-pseudo.json`);
    expect(s.columns).toEqual(['calls', 'errors']);
    expect(Array.from(s.timestamps)).toEqual([1762266420, 1762266480, 1762266540, 1762266600]);
    expect(s.values[1]?.[1]).toBeNaN();
    expect(s.values[0]?.[3]).toBeNaN();
    expect(s.meta.quirks).toEqual([
      "pseudo-JSON of rrdtool 1.4.7-1.4.8 (unquoted keys, 'single-quoted' legends) read tolerantly",
      'rrdtool 1.4.7-1.4.9 wrong end (equal to start) ignored',
    ]);
  });

  it('reads the valid JSON of rrdtool 1.4.9 with its wrong end', () => {
    const s = read(`${QUIRKS}/rrdtool-1.4.9-valid.json`);
    expect(s.timestamps[3]).toBe(1762266600);
    expect(s.values[1]?.[3]).toBe(0.11094060813);
    expect(s.meta.quirks).toEqual(['rrdtool 1.4.7-1.4.9 wrong end (equal to start) ignored']);
  });

  it('decodes the escaped legends of rrdtool ≥ 1.8', () => {
    const s = read(`${QUIRKS}/rrdtool-1.8-escaped-legend.json`);
    expect(s.columns).toEqual(['RaOTD "calls" & <errors>', 'C:\\path Délai (ms)']);
    expect(s.values[1]?.[1]).toBeNaN();
    expect(s.meta.quirks).toEqual([]);
  });

  it('reads compact one-line JSON from other producers', () => {
    const s = parseXportJson('{"about":"x","meta":{"start":120,"end":180,"step":60,"legend":["a"]},"data":[[1.5],[null]]}', 'c.json');
    expect(Array.from(s.timestamps)).toEqual([120, 180]);
    expect(s.values[0]?.[0]).toBe(1.5);
  });
});

describe('parseXportJson on bad input', () => {
  const error = (text: string): RrdReadError => {
    try {
      parseXportJson(text, 'x.json');
    } catch (e) {
      if (e instanceof RrdReadError) return e;
      throw e;
    }
    throw new Error('no error thrown');
  };

  it('names the file, the line and the problem for a row of the wrong width', () => {
    const e = error('{ "meta": { "start": 60, "end": 120, "step": 60, "legend": [ "a", "b" ] },\n  "data": [\n    [ 1.0, 2.0 ],\n    [ 3.0 ]\n  ]\n}\n');
    expect(e.message).toBe(
      'x.json: looks like xport-json at line 4: row 2 has 1 values for 2 columns; export with `rrdtool xport --json -t --step 60 -m 100000 …` and store its output unchanged',
    );
  });

  it('rejects a value that is not a number', () => {
    expect(error('{ "meta": { "start": 60, "step": 60, "legend": [ "a" ] }, "data": [ [ abc ] ] }').problem).toMatch(
      /expected a number or null in row 1, found "abc"/,
    );
  });

  it('tells to drop the strftime --x-grid format when times are not epochs', () => {
    expect(error('{ "meta": { "start": "Tue 15:30", "step": 60, "legend": [ "a" ] }, "data": [ ] }').fix).toMatch(/--x-grid/);
  });

  it('returns the complete rows of a truncated file and notes the truncation', () => {
    const s = parseXportJson(
      '{ "meta": { "start": 60, "step": 60, "legend": [ "a" ] },\n "data": [\n [ "60", 1.0 ],\n [ "120", 2.0 ],\n [ "180", 3.',
      'x.json',
    );
    expect(Array.from(s.timestamps)).toEqual([60, 120]);
    expect(s.meta.quirks).toEqual(['file truncated after 2 complete rows']);
  });

  it('rejects input without a data array', () => {
    expect(error('{ "meta": { "start": 60 } }').problem).toMatch(/no "data" array/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphCsv, splitFields } from '../../../src/lib/rrd/graph-csv';
import { RrdReadError } from '../../../src/lib/rrd/series';

const SAMPLES = 'test/fixtures/rrd-samples/graph';
const read = (name: string) => parseGraphCsv(readFileSync(`${SAMPLES}/${name}`, 'utf8'), name);

describe('parseGraphCsv', () => {
  it('reads graph CSV with CRLF line ends, a quoted header and quoted numbers', () => {
    const s = read('gfd-24h.csv');
    expect(s.format).toBe('graph-csv');
    expect(s.columns).toEqual(['GFD calls/s', 'GFD avg ms']);
    expect(s.step).toBe(60);
    expect(s.timestamps.length).toBe(1440);
    expect(s.timestamps[0]).toBe(1762180260);
    expect([s.values[0]?.[0], s.values[1]?.[0]]).toEqual([31.907438613, 227.17833333]);
    expect(s.meta.quirks).toEqual([]);
  });

  it.each(['gfd-24h.tsv', 'gfd-24h.ssv'])('detects the separator of %s and reads the same values as the CSV', (name) => {
    const csv = read('gfd-24h.csv');
    const other = read(name);
    expect(Array.from(other.timestamps)).toEqual(Array.from(csv.timestamps));
    expect(other.values).toEqual(csv.values);
  });

  it('infers the 300 s step of the default-width graph from the row spacing', () => {
    const s = read('gfd-24h-default-width.csv');
    expect(s.step).toBe(300);
    expect(s.timestamps.length).toBe(288);
    expect(s.values[0]?.[s.timestamps.indexOf(1762180500)]).toBe(34.072656205);
  });

  it('reads "NaN" as unknown and "inf"/"-inf" as ±Infinity', () => {
    const s = parseGraphCsv('"time","a"\r\n60,"NaN"\r\n120,"inf"\r\n180,"-inf"\r\n240,""\r\n', 'x.csv');
    expect(Array.from(s.values[0] ?? [])).toEqual([NaN, Infinity, -Infinity, NaN]);
  });

  it('keeps an unescaped quote inside a legend', () => {
    expect(splitFields('"time","RaOTD "calls" & <errors>","b"', ',')).toEqual(['time', 'RaOTD "calls" & <errors>', 'b']);
  });

  it('drops an unterminated last line whose number may be cut short', () => {
    const s = parseGraphCsv('"time","a"\r\n60,"1.5e+00"\r\n120,"2.5e+00"\r\n180,"3.1', 'x.csv');
    expect(Array.from(s.timestamps)).toEqual([60, 120]);
    expect(s.meta.quirks).toEqual(['file truncated: incomplete last line 4 dropped']);
  });

  it('names the file, line and fix when the time column holds strftime text', () => {
    expect(() => parseGraphCsv('"time","a"\r\n"15:30","1.0"\r\n', 'x.csv')).toThrow(
      'x.csv: looks like graph-csv at line 2: time "15:30" is not an epoch; remove the strftime format from --x-grid so times print as epochs',
    );
  });

  it('refuses a single row, whose step cannot be inferred', () => {
    expect(() => parseGraphCsv('"time","a"\r\n60,"1.0"\r\n', 'x.csv')).toThrow(RrdReadError);
  });
});

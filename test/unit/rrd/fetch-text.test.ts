import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFetchText } from '../../../src/lib/rrd/fetch-text';

const SAMPLES = 'test/fixtures/rrd-samples/fetch';
const read = (path: string) => parseFetchText(readFileSync(path, 'utf8'), path);

describe('parseFetchText', () => {
  it('reads DS names, rows, and keeps the extra -nan row fetch prints after END', () => {
    const s = read(`${SAMPLES}/gfd-calls-AVERAGE-24h.txt`);
    expect(s.format).toBe('fetch');
    expect(s.columns).toEqual(['calls']);
    expect(s.step).toBe(60);
    expect(s.timestamps[0]).toBe(1762180260);
    expect(s.values[0]?.[0]).toBe(31.907438613);
    const last = s.timestamps.length - 1;
    expect(s.timestamps[last]).toBe(1762266660);
    expect(s.values[0]?.[last]).toBeNaN();
    expect(s.timestamps[last - 1]).toBe(1762266600);
  });

  it('reads decimal commas written under LC_ALL=fr_BE.UTF-8 and notes the locale', () => {
    const s = read(`${SAMPLES}/raotd-resptime-AVERAGE-1h.locale-fr_BE.txt`);
    expect(s.columns).toEqual(['avg_ms', 'p95-ms']);
    expect([s.values[0]?.[0], s.values[1]?.[0]]).toEqual([361.37266667, 809.19833333]);
    expect(s.meta.quirks).toEqual(['decimal commas (fetch ran under a non-C locale) read as points']);
  });

  it('infers a 300 s step from row spacing (fetch -r 300)', () => {
    expect(read(`${SAMPLES}/pcdh-calls-MIN-14d-r300.txt`).step).toBe(300);
  });

  it('reads three DS of the format variants, including a 19-character name', () => {
    const s = read(`${SAMPLES}/format-variants/v0003-absolute-compute-AVERAGE-1h.txt`);
    expect(s.columns).toEqual(['calls', 'a_19_char_ds-name_x', 'err_pct']);
    expect(s.values[2]?.[1]).toBe(9.1145833333e-3);
  });

  it('reads the NaN and nan(...) spellings of other libcs and CRLF line ends', () => {
    const s = read('test/fixtures/rrd-quirks/fetch-other-libc.txt');
    expect(s.columns).toEqual(['calls', 'errors']);
    expect(Array.from(s.values[0] ?? [])).toEqual([34.97154688, NaN, 34.778914464, NaN]);
    expect(Array.from(s.values[1] ?? [])).toEqual([NaN, 0.084953111679, NaN, NaN]);
  });

  it('drops an unterminated last line whose number is cut short', () => {
    const s = parseFetchText('  a\n\n60: 1.0000000000e+00\n120: 2.0000000000e+00\n180: 3.00000', 'f.txt');
    expect(Array.from(s.timestamps)).toEqual([60, 120]);
    expect(s.meta.quirks).toEqual(['file truncated: incomplete last line 5 dropped']);
  });

  it('names the file, line and expected shape of a bad row', () => {
    expect(() => parseFetchText('  a b\n\n60: 1.0 2.0\n120: 1.0\n', 'f.txt')).toThrow(
      'f.txt: looks like fetch at line 4: expected "TIME: value" with 2 value(s) (a b), found "120: 1.0"; store the output of `LC_ALL=C rrdtool fetch FILE AVERAGE -r 60 -s START -e END` unchanged',
    );
  });
});

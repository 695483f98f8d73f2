import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RrdReadError } from '../../../src/lib/rrd/series';
import { parseXportXml } from '../../../src/lib/rrd/xport-xml';

const SAMPLES = 'test/fixtures/rrd-samples';
const QUIRKS = 'test/fixtures/rrd-quirks';
const bytes = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const read = (path: string) => parseXportXml(bytes(path), path);
const rowAt = (s: ReturnType<typeof read>, t: number): number[] => {
  const i = s.timestamps.indexOf(t);
  expect(i, `row ${t} exists`).toBeGreaterThanOrEqual(0);
  return s.values.map((c) => c[i] as number);
};

describe('parseXportXml on the sample corpus', () => {
  it('reads the GFD counter restart of INC-H at 1762119660 as 3.6887299371e+07 calls/s', () => {
    const s = read(`${SAMPLES}/xport/gfd-48h-step60-showtime.xml`);
    expect(s.format).toBe('xport-xml');
    expect(s.step).toBe(60);
    expect(s.timestamps.length).toBe(2880);
    expect(s.timestamps[0]).toBe(1762093860);
    expect(s.timestamps[2879]).toBe(1762266600);
    expect(rowAt(s, 1762119660)[0]).toBe(3.6887299371e7);
    expect(rowAt(s, 1762093860)).toEqual([2.2534006248, 1.2328767123e-2, 183.597, 407.463]);
    expect(s.columns).toEqual(['GFD calls/s', 'GFD errors/s', 'GFD avg response (ms)', 'GFD p95 response (ms)']);
    expect(s.meta.quirks).toEqual([]);
  });

  it('computes the times of rows without <t> from meta start and step (rrdtool ≥ 1.7.1)', () => {
    const s = read(`${SAMPLES}/xport/gfd-6h-step60.xml`);
    expect(s.timestamps.length).toBe(360);
    expect(s.timestamps[0]).toBe(1762245060);
    expect(s.timestamps[359]).toBe(1762266600);
    expect(s.values[0]?.[0]).toBe(49.579327591);
    expect(s.values[3]?.[359]).toBe(494.29066667);
    expect(s.meta.quirks).toEqual([]);
  });

  it('maps --enumds columns <v0>…<v4> by their index', () => {
    const s = read(`${SAMPLES}/xport/raotd-6h-enumds-showtime.xml`);
    expect(s.values.length).toBe(5);
    expect(rowAt(s, 1762245060)).toEqual([367.25, 1.5, 391.9025, 843.1725, 21.5]);
  });

  it('reads the coarser-RRA fallback at 3600 s with its trailing empty row after the asked end', () => {
    const s = read(`${SAMPLES}/xport/gfd-21d-asked-step300-showtime.xml`);
    expect(s.step).toBe(3600);
    expect(s.timestamps.length).toBe(505);
    expect(s.timestamps[504]).toBe(1762268400);
    expect(rowAt(s, 1762268400).every(Number.isNaN)).toBe(true);
  });

  it('keeps unescaped legends best-effort and decodes UTF-8 declared as ISO-8859-1', () => {
    const s = read(`${SAMPLES}/xport/pitfall-unescaped-legend.xml`);
    expect(s.columns).toEqual(['RaOTD "calls" & <errors>', 'Délai de réponse moyen (ms)']);
    expect(rowAt(s, 1762266600)).toEqual([346.53333333, 384.728]);
  });

  it('reads graph XML and XMLENUM identically and ignores <prints> and <gprints>', () => {
    const xml = read(`${SAMPLES}/graph/gfd-24h.xml`);
    const enumXml = read(`${SAMPLES}/graph/gfd-24h.enum.xml`);
    const withPrint = read(`${SAMPLES}/graph/gfd-24h-with-print.xml`);
    expect(xml.timestamps.length).toBe(1440);
    expect(enumXml.values).toEqual(xml.values);
    expect(withPrint.values).toEqual(xml.values);
    expect(withPrint.columns).toEqual(['GFD calls/s', 'GFD avg ms']);
  });

  it('reads the export written under fr_BE with decimal points, as rrdtool prints xport in any locale', () => {
    const s = read(`${SAMPLES}/xport/raotd-1h-step60-showtime.locale-fr_BE.xml`);
    expect(s.timestamps.length).toBe(60);
    expect(s.values[0]?.every((v) => Number.isFinite(v) || Number.isNaN(v))).toBe(true);
  });

  it('parses every value of every corpus XML exactly as parseFloat does', () => {
    const files = [
      ...readdirSync(`${SAMPLES}/xport`).map((f) => `${SAMPLES}/xport/${f}`),
      ...readdirSync(`${SAMPLES}/graph`).map((f) => `${SAMPLES}/graph/${f}`),
    ].filter((f) => f.endsWith('.xml'));
    let checked = 0;
    const mismatches: string[] = [];
    for (const file of files) {
      const s = read(file);
      const rows = readFileSync(file, 'latin1').match(/<row>.*?<\/row>/g) ?? [];
      rows.forEach((row, i) => {
        let c = 0;
        for (const m of row.matchAll(/<v\d*>([^<]*)<\/v\d*>/g)) {
          const expected = m[1] === 'NaN' ? NaN : parseFloat(m[1] as string);
          if (!Object.is(s.values[c]?.[i], expected)) mismatches.push(`${file} row ${i} col ${c}: ${m[1]}`);
          c++;
          checked++;
        }
      });
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it('gives the same series for text input as for bytes', () => {
    const path = `${SAMPLES}/xport/pitfall-unescaped-legend.xml`;
    expect(parseXportXml(readFileSync(path, 'utf8'), path)).toEqual(read(path));
  });
});

describe('parseXportXml on the shapes of other rrdtool versions', () => {
  it('looks meta up by name in the 1.2-1.4 order (start, step, end)', () => {
    const s = read(`${QUIRKS}/rrdtool-1.2-meta-order.xml`);
    expect(s.step).toBe(60);
    expect(Array.from(s.timestamps)).toEqual([1762266420, 1762266480, 1762266540, 1762266600]);
    expect(s.values[1]?.[1]).toBeNaN();
    expect(s.meta.quirks).toEqual([]);
  });

  it('ignores the wrong <end> of rrdtool 1.4.7-1.4.9 and notes it as a quirk', () => {
    const s = read(`${QUIRKS}/rrdtool-1.4.7-wrong-end.xml`);
    expect(s.timestamps[3]).toBe(1762266600);
    expect(s.meta.quirks).toEqual(['rrdtool 1.4.7-1.4.9 wrong <end> (equal to <start>) ignored; row times used']);
  });

  it('anchors rows without <t> on meta end when meta start is one step early (rrdtool 1.5.0-1.5.6)', () => {
    const s = read(`${QUIRKS}/rrdtool-1.5-no-t.xml`);
    expect(Array.from(s.timestamps)).toEqual([1762266420, 1762266480, 1762266540, 1762266600]);
    expect(s.meta.quirks[0]).toMatch(/1\.5\.0-1\.5\.6/);
  });

  it('decodes escaped legends and tolerates pretty-printed rows', () => {
    const s = read(`${QUIRKS}/escaped-legend.xml`);
    expect(s.columns).toEqual(['RaOTD "calls" & <errors>', 'Délai']);
    expect(s.values[0]?.[1]).toBe(346.53333333);
    expect(s.values[1]?.[1]).toBeNaN();
  });

  it('keeps an ISO-8859-1 legend as ISO-8859-1 when its bytes are not UTF-8', () => {
    expect(read(`${QUIRKS}/latin1-legend.xml`).columns).toEqual(['Délai moyen']);
  });

  it('reads 1e308 as is, 1e400 as Infinity and inf/-inf as ±Infinity', () => {
    expect(Array.from(read(`${QUIRKS}/huge-values.xml`).values[0] ?? [])).toEqual([1e308, Infinity, Infinity, -Infinity]);
  });
});

describe('parseXportXml on bad input', () => {
  const head =
    '<?xml version="1.0"?>\n<xport>\n  <meta>\n    <start>1762266540</start>\n    <end>1762266600</end>\n    <step>60</step>\n    <rows>2</rows>\n    <columns>2</columns>\n    <legend><entry>a</entry><entry>b</entry></legend>\n  </meta>\n  <data>\n';
  const error = (text: string): RrdReadError => {
    try {
      parseXportXml(text, 'x.xml');
    } catch (e) {
      if (e instanceof RrdReadError) return e;
      throw e;
    }
    throw new Error('no error thrown');
  };

  it('names the file, the line and the fix when a row lacks a value', () => {
    const e = error(`${head}    <row><t>1762266540</t><v>1</v></row>\n  </data>\n</xport>\n`);
    expect(e.message).toBe(
      'x.xml: looks like xport-xml at line 12: row 1 has 1 values, <meta> announces 2 columns; export with `rrdtool xport --step 60 -m 100000 -t …` and store its output unchanged',
    );
  });

  it('tells to drop the strftime --x-grid format when times are not epochs', () => {
    const e = error(`${head}    <row><t>Tue 15:30</t><v>1</v><v>2</v></row>\n  </data>\n</xport>\n`);
    expect(e.message).toMatch(/row time "Tue 15:30" is not an epoch; remove the strftime format from --x-grid/);
  });

  it('rejects a value that is not a number', () => {
    expect(error(`${head}    <row><t>1762266540</t><v>1</v><v>abc</v></row>\n  </data>\n</xport>\n`).message).toMatch(/found "abc"/);
  });

  it('returns the complete rows of a truncated file and notes the truncation', () => {
    const s = parseXportXml(`${head}    <row><t>1762266540</t><v>1</v><v>2</v></row>\n    <row><t>1762266600</t><v>3</v><v`, 'x.xml');
    expect(Array.from(s.timestamps)).toEqual([1762266540]);
    expect(s.meta.quirks[0]).toMatch(/truncated after 1 complete rows/);
  });

  it('notes a meta row count that does not match the rows', () => {
    const s = parseXportXml(`${head}    <row><t>1762266540</t><v>1</v><v>2</v></row>\n  </data>\n</xport>\n`, 'x.xml');
    expect(s.meta.quirks).toContain('meta announces 2 rows but the file has 1');
  });

  it('rejects input without <xport> or <data>', () => {
    expect(error('').problem).toBe('no <xport> element found');
    expect(error('<xport><meta></meta>').problem).toMatch(/no <data> element/);
  });
});

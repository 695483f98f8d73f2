import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../../src/lib/rrd/dump-xml';
import { RrdReadError, type RrdDatabase } from '../../../src/lib/rrd/series';

const SAMPLES = join(import.meta.dirname, '../../fixtures/rrd-samples');
const text = (path: string) => {
  const raw = readFileSync(join(SAMPLES, path));
  return (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
};
const PCDH = text('dump/pcdh-calls.xml');
const V3 = text('dump/format-variants/v0003-absolute-compute.xml');

/** Every RRA of a dump as plain arrays, for whole-database comparisons. */
function allRows(db: RrdDatabase): unknown[] {
  return db.meta.rras.map((rra) => {
    const s = db.select({ cf: rra.cf, resolution: rra.resolution });
    return [rra.cf, s.step, Array.from(s.timestamps), s.values.map((v) => Array.from(v))];
  });
}

function attempt(input: string): unknown {
  try {
    const db = parseDump(input, 'x.xml');
    for (const rra of db.meta.rras) db.select({ cf: rra.cf, resolution: rra.resolution });
    return undefined;
  } catch (e) {
    return e;
  }
}

describe('parseDump', () => {
  it('reads the header, trims the space-padded DS fields and keeps last_ds', () => {
    const db = parseDump(PCDH, 'pcdh-calls.xml');
    expect(db.format).toBe('dump');
    expect(db.meta.version).toBe('0003');
    expect(db.meta.pdpStep).toBe(60);
    expect(db.meta.lastUpdate).toBe(1762266617);
    expect(db.meta.ds).toEqual([{ name: 'calls', type: 'COUNTER', heartbeat: 120, min: 0, max: null, lastDs: '253092450' }]);
    expect(db.meta.rras).toHaveLength(9);
    expect(db.meta.rras[0]).toEqual({ index: 0, cf: 'AVERAGE', pdpPerRow: 1, resolution: 60, rows: 2880, xff: 0.5 });
  });

  it('stamps each row with the epoch of its comment, oldest first', () => {
    const s = parseDump(PCDH, 'pcdh-calls.xml').select();
    expect(s.timestamps[0]).toBe(1762093860);
    expect(s.values[0]![0]).toBe(0.38541216054);
    expect(s.timestamps.at(-1)).toBe(1762266600);
    expect(s.meta.quirks).toEqual([]);
  });

  it('keeps both 02:00 rows of the autumn DST change apart by their epochs', () => {
    const s = parseDump(text('dump/gfd-calls.xml.gz'), 'gfd-calls.xml').select({ resolution: 3600, start: 1761433200, end: 1761440400 });
    expect(Array.from(s.timestamps)).toEqual([1761436800, 1761440400]);
    expect(Array.from(s.values[0]!)).toEqual([1.0167167577, 0.96927024482]);
  });

  it('reads the XSD header (namespaced root) exactly like the DTD one', () => {
    const dtd = parseDump(text('dump/raotd-resptime.xml.gz'), 'a');
    const xsd = parseDump(text('dump/raotd-resptime.header-xsd.xml.gz'), 'b');
    expect(xsd.meta.ds).toEqual(dtd.meta.ds);
    expect(xsd.meta.ds.map((d) => d.name)).toEqual(['avg_ms', 'p95-ms']);
    expect(allRows(xsd)).toEqual(allRows(dtd));
  });

  it('reads a dump without header exactly like one with', () => {
    const withHeader = parseDump(text('dump/gfd-calls_hw.xml.gz'), 'a');
    const noHeader = parseDump(text('dump/gfd-calls_hw.no-header.xml'), 'b');
    expect(noHeader.meta.rras).toEqual(withHeader.meta.rras);
    expect(allRows(noHeader)).toEqual(allRows(withHeader));
  });

  it('reads COMPUTE data sources with their cdef and 19-character names', () => {
    const db = parseDump(V3, 'v3.xml');
    expect(db.meta.ds[1]!.name).toBe('a_19_char_ds-name_x');
    expect(db.meta.ds[2]).toEqual({ name: 'err_pct', type: 'COMPUTE', cdef: 'a_19_char_ds-name_x,calls,/,100,*', lastDs: 'U' });
    expect(db.select().columns).toEqual(['calls', 'a_19_char_ds-name_x', 'err_pct']);
  });

  it('reads the Holt-Winters parameters under their dump names', () => {
    const db = parseDump(text('dump/gfd-calls_hw.no-header.xml'), 'hw.xml');
    expect(db.meta.rras.map((r) => r.cf)).toEqual(['AVERAGE', 'HWPREDICT', 'SEASONAL', 'DEVSEASONAL', 'DEVPREDICT', 'FAILURES']);
    expect(db.meta.rras[1]!.params).toEqual({ hw_alpha: 0.1, hw_beta: 0.0035, dependent_rra_idx: 2 });
    expect(db.meta.rras[2]!.params).toEqual({ seasonal_gamma: 0.1, seasonal_smooth_idx: 433, dependent_rra_idx: 1 });
    expect(db.meta.rras[5]!.params).toEqual({ delta_pos: 2, delta_neg: 2, window_len: 9, failure_threshold: 7, dependent_rra_idx: 3 });
    expect(db.meta.rras[5]!.xff).toBeUndefined();
    expect(db.select({ cf: 'FAILURES' }).timestamps).toHaveLength(4320);
  });

  it('recomputes the row times from <lastupdate> when the comments are missing', () => {
    const stripped = parseDump(PCDH.replace(/<!-- [^>]* \/ \d+ -->/g, ''), 'stripped.xml');
    const original = parseDump(PCDH, 'pcdh-calls.xml');
    expect(allRows(stripped)).toEqual(allRows(original));
    expect(stripped.meta.quirks).toEqual([]);
  });

  it('notes a quirk when some rows have no time comment', () => {
    const db = parseDump(V3.replace('<!-- 2025-11-04 13:35:00 CET / 1762259700 -->', ''), 'v3.xml');
    expect(db.meta.quirks).toEqual(['RRA 0: 1 of 24 rows have no time comment; times computed from <lastupdate>']);
    expect(db.select().timestamps[0]).toBe(1762259700);
  });

  it('notes a quirk and uses <lastupdate> when a comment disagrees with it', () => {
    const db = parseDump(V3.replace('/ 1762259700 -->', '/ 1762259000 -->'), 'v3.xml');
    expect(db.meta.quirks).toEqual([
      'RRA 0: row 0 is stamped 1762259000 in its comment but 1762259700 from <lastupdate>; the comments are not evenly spaced, using <lastupdate>',
    ]);
    expect(db.select().timestamps[0]).toBe(1762259700);
  });

  it('returns the rows with start < t <= end', () => {
    const s = parseDump(PCDH, 'pcdh-calls.xml').select({ start: 1762266600 - 3600, end: 1762266600 - 60 });
    expect(s.timestamps).toHaveLength(59);
    expect(s.timestamps[0]).toBe(1762266600 - 3540);
  });

  it('reads inf and -inf values', () => {
    const db = parseDump(V3.replace('<v>3.0600000000e+02</v>', '<v>inf</v>').replace('<v>2.3500000000e+02</v>', '<v> -inf </v>'), 'v3.xml');
    expect(db.select().values[0]!.slice(0, 2)).toEqual(new Float64Array([Infinity, -Infinity]));
  });
});

describe('parseDump on bad input', () => {
  it('says that input without an <rrd> root is not a dump', () => {
    expect(() => parseDump('<xport><meta/></xport>', 'a.xml')).toThrow(
      'a.xml: looks like dump at line 1: no <rrd> root element; pass the output of `rrdtool dump` (gzip is fine)',
    );
  });

  it('reports a value that is not a number with its line', () => {
    const bad = PCDH.replace('<v>3.8541216054e-01</v>', '<v>3.85x</v>');
    const line = PCDH.slice(0, PCDH.indexOf('3.8541216054e-01')).split('\n').length;
    expect(() => parseDump(bad, 'p.xml')).toThrow(`p.xml: looks like dump at line ${line}: "3.85x" is not a number;`);
  });

  it('reports an empty value instead of reading it as 0', () => {
    expect(() => parseDump(V3.replace('<v>3.0600000000e+02</v>', '<v></v>'), 'v3.xml')).toThrow('"" is not a number');
  });

  it('reports a row with a missing value', () => {
    expect(() => parseDump(V3.replace('<v>3.0600000000e+02</v>', ''), 'v3.xml')).toThrow('a row of RRA 0 has fewer than 3 <v> values');
  });

  it('reports a dump cut anywhere as truncated or malformed, never another exception', () => {
    for (let i = 1; i < 200; i++) {
      const cut = Math.floor((V3.length * i) / 200);
      const err = attempt(V3.slice(0, cut));
      expect(err, `cut at ${cut}`).toBeInstanceOf(RrdReadError);
    }
    expect(String(attempt(PCDH.slice(0, 1_000_000)))).toContain('the dump ends before </rrd>, so it is truncated');
  });

  it('survives damaged tags with a RrdReadError or a valid read', () => {
    let seed = 99;
    for (let n = 0; n < 300; n++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const at = seed % V3.length;
      const damaged = V3.slice(0, at) + '<>/x'[seed % 4] + V3.slice(at + 1);
      const err = attempt(damaged);
      if (err !== undefined) expect(err, `damage at ${at}`).toBeInstanceOf(RrdReadError);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openRrd } from '../../../src/lib/rrd/binary';
import { checkDatabase, checkTime, plausibleSeries, PLAUSIBLE } from '../../../src/lib/rrd/plausible';
import { bytesSource, RrdReadError, type DsDef, type RrdDatabase, type Series } from '../../../src/lib/rrd/series';

const CLOCK = Date.UTC(2026, 11, 1, 12, 0, 0) / 1000;

function series(values: number[], extra: Partial<Series> = {}): Series {
  return {
    source: 'calls.rrd',
    format: 'rrd',
    step: 60,
    columns: ['calls'],
    cf: 'AVERAGE',
    timestamps: Float64Array.from(values, (_, i) => CLOCK - (values.length - i) * 60),
    values: [Float64Array.from(values)],
    meta: { quirks: [] },
    ...extra,
  };
}

const calls: DsDef[] = [{ name: 'calls', type: 'COUNTER', min: 0, max: null }];

/** Deterministic pseudo-random doubles from 64 random bits each (xorshift), as a file of noise would hold. */
function randomBits(count: number, seed = 7): number[] {
  let x = seed;
  const bytes = new Uint8Array(count * 8);
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return Array.from(new Float64Array(bytes.buffer));
}

/** Doubles made of ASCII text, as foreign bytes copied over the rows would read. */
function asciiBits(count: number): number[] {
  const text = new TextEncoder().encode('the quick brown fox jumps over the lazy dog, 0123456789 '.repeat(Math.ceil((count * 8) / 56)));
  return Array.from(new Float64Array(text.slice(0, count * 8).buffer));
}

const expectRefusal = (read: () => unknown, pattern: RegExp): void => {
  let error: unknown;
  try {
    read();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(RrdReadError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).not.toMatch(/\n/);
};

describe('plausibility of the rows read', () => {
  it('passes ordinary measurements through unchanged', () => {
    const s = series([12.5, 0, 3, Number.NaN, 1e9]);
    expect(plausibleSeries(s, calls, CLOCK)).toBe(s);
  });

  it('refuses rows of random bit patterns, naming the file and the fix', () => {
    expectRefusal(() => plausibleSeries(series(randomBits(1440)), calls, CLOCK), /^calls\.rrd: looks like rrd: \d+ of \d+ values in the rows read look like random or foreign bytes.*; the rows are corrupt/);
  });

  it('refuses rows of foreign bytes (text copied over the data)', () => {
    expectRefusal(() => plausibleSeries(series(asciiBits(1440)), calls, CLOCK), /look like random or foreign bytes/);
  });

  it('refuses negative values where the DS min is 0, and 1e300 where no bound is set', () => {
    expectRefusal(() => plausibleSeries(series(new Array(100).fill(-5)), calls, CLOCK), /outside the data sources’ min\/max/);
    expectRefusal(() => plausibleSeries(series(new Array(100).fill(1e300)), [{ name: 'calls', type: 'GAUGE', min: null, max: null }], CLOCK), /random or foreign bytes/);
  });

  it('blanks a stray value or two with a quirk instead of refusing the file', () => {
    const values = new Array(1000).fill(10);
    values[3] = -1;
    const s = plausibleSeries(series(values), calls, CLOCK);
    expect(Number.isNaN(s.values[0]![3]!)).toBe(true);
    expect(s.values[0]![4]).toBe(10);
    expect(s.meta.quirks.at(-1)).toMatch(/1 value\(s\) outside what rrdtool writes/);
  });

  it('counts NaNs with a payload (never written by rrdtool) as stray bits', () => {
    expectRefusal(() => plausibleSeries(series(new Array(10).fill(Number.NaN), { meta: { quirks: [], strangeBits: 10 } }), calls, CLOCK), /10 of 10 values/);
  });

  it('leaves Holt-Winters RRAs alone: their values may leave the DS range', () => {
    const s = series([-5, -6], { cf: 'HWPREDICT' });
    expect(plausibleSeries(s, calls, CLOCK)).toBe(s);
  });

  it('refuses an export cut short and an export without rows', () => {
    expectRefusal(() => plausibleSeries(series([1, 2], { format: 'xport-xml', meta: { quirks: [], truncated: { rows: 2 } } }), undefined, CLOCK), /ends after 2 complete rows.*truncated/);
    expectRefusal(() => plausibleSeries(series([], { format: 'xport-json' }), undefined, CLOCK), /the export has no data rows/);
  });

  it('refuses an export whose newest known row lies ahead of the clock, but not unknown rows there', () => {
    const ahead = series([1, 2], { format: 'xport-xml', timestamps: Float64Array.of(CLOCK + 3540, CLOCK + 3600) });
    expectRefusal(() => plausibleSeries(ahead, undefined, CLOCK), /the newest row with a value 2026-12-01 13:00 UTC is 60 min ahead of the clock/);
    const unknownAhead = series([1, Number.NaN], { format: 'xport-xml', timestamps: Float64Array.of(CLOCK - 60, CLOCK + 3600) });
    expect(plausibleSeries(unknownAhead, undefined, CLOCK)).toBe(unknownAhead);
  });
});

describe('plausibility of the header', () => {
  const db = openRrd(bytesSource(new Uint8Array(readFileSync('test/fixtures/rrd-samples/rrd/gfd/calls.rrd'))), 'gfd-calls.rrd');
  const withMeta = (meta: Partial<RrdDatabase['meta']>): RrdDatabase => ({ ...db, meta: { ...db.meta, ...meta } });

  it('accepts a real file', () => {
    expect(() => checkDatabase(db, CLOCK)).not.toThrow();
  });

  it.each([
    ['an hour ahead of the clock', CLOCK + 3600, /last_update 2026-12-01 13:00 UTC is 60 min ahead of the clock.*NTP/],
    ['in 2100', Date.UTC(2100, 0, 1) / 1000, /last_update 2100-01-01 00:00 UTC is 73 years ahead/],
    ['in 1990', Date.UTC(1990, 0, 1) / 1000, /last_update 1990-01-01 00:00 UTC is before 2000/],
  ])('refuses a last_update %s', (_, lastUpdate, pattern) => {
    expectRefusal(() => checkDatabase(withMeta({ lastUpdate }), CLOCK), pattern);
  });

  it('tolerates a few minutes of clock skew', () => {
    expect(() => checkTime(CLOCK + PLAUSIBLE.futureSlackSeconds, CLOCK, 'x', 'rrd', 'last_update')).not.toThrow();
  });

  it('refuses 1,000 data sources and 2^31 rows', () => {
    const ds = Array.from({ length: 1000 }, (_, i): DsDef => ({ name: `ds${i}`, type: 'GAUGE' }));
    expectRefusal(() => checkDatabase(withMeta({ ds }), CLOCK), /declares 1000 data sources, more than the 256/);
    const rras = db.meta.rras.map((r, i) => (i === 0 ? { ...r, rows: 2 ** 31 } : r));
    expectRefusal(() => checkDatabase(withMeta({ rras }), CLOCK), /RRA 0 declares 2147483648 rows/);
  });
});

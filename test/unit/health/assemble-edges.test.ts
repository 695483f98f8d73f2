/** Assembly at its edges: units, combining files, the robust peak, artifacts, the newest known row, column lookup. */
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/lib/config/schema';
import { clampAbove, columnIndex, combineFiles, fileMinutes, lastKnownTime, robustMax, unitScale } from '../../../src/lib/health/assemble';
import { clampArtifacts, type AssemblyNote } from '../../../src/lib/health/assemble-service';
import type { MetricValues } from '../../../src/lib/health/engine';
import { series } from './helpers';

const NaN_ = Number.NaN;
describe('units and columns', () => {
  it('scales per-second rates by 60, seconds by 1,000, and leaves the rest', () => {
    expect((['per_second', 'seconds', 'per_minute', 'ms'] as const).map(unitScale)).toEqual([60, 1000, 1, 1]);
  });

  it('finds a column by its name and never another one', () => {
    const s = series(60, 60, [1], ['calls', 'errors']);
    expect([columnIndex(s, 'errors'), columnIndex(s, 'calls'), columnIndex(s, 'latency')]).toEqual([1, 0, -1]);
  });
});

describe('file minutes', () => {
  it('skips a resolution without the column or without rows', () => {
    const v = fileMinutes([series(60, 60, [1, 2, 3]), series(300, 300, [])], [-1, 0], { start: 60, length: 3 }, 1);
    expect(Array.from(v)).toEqual([NaN_, NaN_, NaN_]);
  });

  it('records the span of a coarse row on its minutes and 1 on minute rows', () => {
    const spans = new Uint16Array(6);
    fileMinutes([series(300, 300, [5]), series(60, 360, [1])], [0, 0], { start: 60, length: 6 }, 1, spans);
    expect(Array.from(spans)).toEqual([5, 5, 5, 5, 5, 1]);
  });
});

describe('combining files', () => {
  const a = Float64Array.from([10, 10, NaN_, 4]);
  const b = Float64Array.from([20, NaN_, NaN_, 8]);
  const c = Float64Array.from([30, 30, 5, Number.POSITIVE_INFINITY]);

  it('sums, averages or takes the largest of the known files, scaling a sum up over the missing ones', () => {
    expect(Array.from(combineFiles([a, b, c], 'sum', 0, 4))).toEqual([60, 60, 15, 18]);
    expect(Array.from(combineFiles([a, b, c], 'mean', 0, 4))).toEqual([20, 20, 5, 6]);
    expect(Array.from(combineFiles([a, b, c], 'max', 0, 4))).toEqual([30, 30, 5, 8]);
  });

  it('needs at least one known file, and the known fraction of them', () => {
    const none = Float64Array.from([NaN_]);
    expect(Array.from(combineFiles([none, none], 'sum', 0, 1))).toEqual([NaN_]);
    expect(Array.from(combineFiles([a, b, c], 'sum', 2 / 3, 4))).toEqual([60, 60, NaN_, 18]);
    expect(Array.from(combineFiles([], 'sum', 0.5, 2))).toEqual([NaN_, NaN_]);
  });

  it('takes the largest of negative values too', () => {
    expect(Array.from(combineFiles([Float64Array.from([-5]), Float64Array.from([-3])], 'max', 0, 1))).toEqual([-3]);
  });
});

describe('the usual peak and artifacts', () => {
  it('is the 99th percentile of the known values, and unknown with fewer than 30', () => {
    const v = Float64Array.from({ length: 101 }, (_, i) => (i === 50 ? NaN_ : i));
    expect(robustMax(v)).toBe(99);
    expect(robustMax(Float64Array.from({ length: 29 }, (_, i) => i))).toBeNaN();
    expect(robustMax(Float64Array.from({ length: 30 }, (_, i) => 30 - i))).toBe(29);
  });

  it('samples a long series with a stride', () => {
    const v = Float64Array.from({ length: 40_000 }, (_, i) => (i % 2 === 1 ? 1e9 : i));
    expect(robustMax(v)).toBeLessThan(40_000);
  });

  it('clamps only above the limit, and nothing when the limit is not a number', () => {
    const v = Float64Array.from([100, 101, 102]);
    expect(clampAbove(v, 101)).toBe(1);
    expect(Array.from(v)).toEqual([100, 101, NaN_]);
    expect(clampAbove(Float64Array.from([1e12]), Number.POSITIVE_INFINITY)).toBe(0);
    expect(clampAbove(Float64Array.from([1e12]), NaN_)).toBe(0);
  });

  it('makes calls and errors far above the usual peak unknown, with a note, and leaves other roles alone', () => {
    const config = ConfigSchema.parse({
      site: { title: { nl: 'S' }, url: 'https://s.example.org' },
      services: [{ id: 'gfd', name: { nl: 'GFD' }, metrics: [
        { key: 'calls', role: 'traffic', files: 'a.rrd', ds: 'calls' },
        { key: 'errors', role: 'errors', files: 'b.rrd', ds: 'errors' },
        { key: 'p95', role: 'latency', files: 'c.rrd', ds: 'p95', unit: 'ms' },
      ] }],
    });
    const [calls, errors, p95] = config.services[0]!.metrics;
    const values = (spike: number) => Float64Array.from({ length: 100 }, (_, i) => (i === 99 ? spike : 100));
    const metrics: MetricValues[] = [
      { config: calls!, values: values(100 * 51) },
      { config: errors!, values: values(100 * 50) },
      { config: p95!, values: values(1e9) },
    ];
    const notes: AssemblyNote[] = [];
    clampArtifacts(metrics, config.rules, notes);
    expect(metrics.map((m) => m.values[99])).toEqual([NaN_, 5000, 1e9]);
    expect(notes).toEqual([{ metric: 'calls', note: '1 minutes above 50× the usual peak treated as unknown (counter artifact)' }]);
  });

  it('clamps nothing without traffic or without a positive usual peak', () => {
    const config = ConfigSchema.parse({
      site: { title: { nl: 'S' }, url: 'https://s.example.org' },
      services: [{ id: 'gfd', name: { nl: 'GFD' }, metrics: [
        { key: 'calls', role: 'traffic', files: 'a.rrd', ds: 'calls' },
        { key: 'errors', role: 'errors', files: 'b.rrd', ds: 'errors' },
      ] }],
    });
    const [calls, errors] = config.services[0]!.metrics;
    const zero: MetricValues[] = [{ config: calls!, values: Float64Array.from({ length: 100 }, (_, i) => (i === 99 ? 1e9 : 0)) }];
    const notes: AssemblyNote[] = [];
    clampArtifacts(zero, config.rules, notes);
    expect(zero[0]!.values[99]).toBe(1e9);
    const noTraffic: MetricValues[] = [{ config: errors!, values: Float64Array.from({ length: 100 }, (_, i) => (i === 99 ? 1e9 : 1)) }];
    clampArtifacts(noTraffic, config.rules, notes);
    expect(noTraffic[0]!.values[99]).toBe(1e9);
    expect(notes).toEqual([]);
  });
});

describe('the newest known row', () => {
  it('is the stamp of the last finite value, NaN when none', () => {
    const grid = { start: 600, length: 4 };
    expect(lastKnownTime(Float64Array.from([1, 2, NaN_, Number.POSITIVE_INFINITY]), grid)).toBe(660);
    expect(lastKnownTime(Float64Array.from([1, NaN_, NaN_, 3]), grid)).toBe(780);
    expect(lastKnownTime(Float64Array.from([5, NaN_, NaN_, NaN_]), grid)).toBe(600);
    expect(lastKnownTime(Float64Array.from([NaN_, NaN_]), grid)).toBeNaN();
  });
});

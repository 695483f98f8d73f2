/** Small builders for synthetic health scenarios (inline data, no files). */
import { RulesSchema, type MetricConfig, type Rules } from '../../../src/lib/config/schema';
import type { Baseline } from '../../../src/lib/health/baseline';
import type { MetricSeries } from '../../../src/lib/health/signals';
import type { Series } from '../../../src/lib/rrd/series';

/** An RRD series of one step from `start`, every column holding `values` (as a reader returns it). */
export const series = (step: number, start: number, values: number[], columns = ['v']): Series => ({
  source: 'test',
  format: 'xport-xml',
  step,
  columns,
  timestamps: Float64Array.from(values.map((_, i) => start + i * step)),
  values: columns.map(() => Float64Array.from(values)),
  meta: { quirks: [] },
});

export const rules = (over: Partial<Rules> = {}): Rules => ({ ...RulesSchema.parse({}), ...over });

export function metric(role: MetricConfig['role'], key: string, values: number[], expected: number[] | number): MetricSeries {
  const n = values.length;
  const exp = typeof expected === 'number' ? new Array<number>(n).fill(expected) : expected;
  const baseline: Baseline = { expected: Float64Array.from(exp), lower: Float64Array.from(exp), upper: Float64Array.from(exp) };
  return {
    config: { key, role, files: 'x', ds: key, cf: 'AVERAGE', combine: 'sum', unit: 'per_minute' },
    values: Float64Array.from(values),
    baseline,
  };
}

/** A seeded generator (mulberry32), so a failure replays. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

import { describe, expect, it } from 'vitest';
import { aggregate, buildChart, serviceCharts } from '../../../src/lib/charts/charts';
import { rowTime, type Grid } from '../../../src/lib/health/grid';
import { metric } from '../health/helpers';

const DAY = 86_400;
/** 91 days of minutes ending on a whole hour (so the three charts end on the same instant). */
const END = 1_762_264_800; // 2025-11-04T14:00:00Z
const grid: Grid = { start: END - 91 * DAY + 60, length: 91 * 1440 };

function series(f: (i: number) => number): number[] {
  return Array.from({ length: grid.length }, (_, i) => f(i));
}

const calls = metric('traffic', 'calls', series(() => 600), 500);
calls.baseline.lower.fill(400);
calls.baseline.upper.fill(700);
const errors = metric('errors', 'errors', series(() => 6), 0);
const latency = metric('latency', 'p95', series((i) => (i === grid.length - 1 ? Number.NaN : 250)), 250);
const charts = serviceCharts([calls, errors, latency], grid);

describe('service charts in uPlot shape', () => {
  it.each([
    ['day', 60, 1440],
    ['week', 300, 7 * 288],
    ['quarter', 3600, 90 * 24],
  ] as const)('gives the %s chart a step of %d s and %d points', (name, step, points) => {
    const chart = charts[name];
    expect(chart.step).toBe(step);
    expect(chart.timestamps).toHaveLength(points);
    for (const line of chart.lines) expect(line.values).toHaveLength(points);
  });

  it('stamps buckets in ascending epoch seconds on multiples of the step, the last one at the grid end', () => {
    for (const chart of [charts.day, charts.week, charts.quarter]) {
      const t = chart.timestamps;
      for (let k = 1; k < t.length; k++) expect(t[k]! - t[k - 1]!).toBe(chart.step);
      expect(t.every((x) => x % chart.step === 0)).toBe(true);
      expect(t[t.length - 1]).toBe(rowTime(grid, grid.length - 1));
    }
  });

  it('keeps the newest minutes when the data ends inside a bucket: the last, partial bucket is stamped at the grid end', () => {
    // Regression: the 90-day chart stopped at the last whole hour and hid an incident 16 minutes old.
    const short: Grid = { start: grid.start, length: grid.length - 44 }; // ends at 13:16Z
    const spike = metric('errors', 'errors', Array.from({ length: short.length }, (_, i) => (i >= short.length - 16 ? 150 : 6)), 0);
    const calls16 = metric('traffic', 'calls', Array.from({ length: short.length }, () => 600), 500);
    const quarter = buildChart([calls16, spike], short, 90 * DAY, 3600);
    const t = quarter.timestamps;
    expect(t.at(-1)).toBe(rowTime(short, short.length - 1));
    expect(t.at(-1)! - t.at(-2)!).toBe(16 * 60);
    expect(quarter.lines[1]!.values.at(-1)).toBe(25);
    expect(quarter.lines[1]!.values.at(-2)).toBe(1);
  });

  it('gives the expected band only for traffic, as long as the values', () => {
    const [traffic, errs, lat] = charts.day.lines;
    expect(traffic?.expected_lower).toHaveLength(1440);
    expect(traffic?.expected_upper).toHaveLength(1440);
    expect(traffic?.expected_lower?.[0]).toBe(400);
    expect(traffic?.expected_upper?.[0]).toBe(700);
    expect(errs?.expected_lower).toBeUndefined();
    expect(lat?.expected_upper).toBeUndefined();
  });

  it('draws errors as a percentage of calls', () => {
    const errs = charts.day.lines[1]!;
    expect(errs.unit).toBe('%');
    expect(errs.values[0]).toBe(1);
  });

  it('gives null, not zero, for a bucket without any known minute', () => {
    expect(charts.day.lines[2]!.values.at(-1)).toBeNull();
    expect(charts.day.lines[2]!.values.at(-2)).toBe(250);
    // An hour bucket with one unknown minute is the mean of the known ones.
    expect(charts.quarter.lines[2]!.values.at(-1)).toBe(250);
  });

  it('labels every line in all four languages', () => {
    for (const line of charts.week.lines) expect(Object.keys(line.label).sort()).toEqual(['de', 'en', 'fr', 'nl']);
  });
});

describe('bucket aggregation', () => {
  const small: Grid = { start: 3600, length: 10 };
  const values = Float64Array.from([1, 2, 3, 4, 5, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);

  it('takes the mean or the max of the known minutes of a bucket (T - step, T]', () => {
    expect(aggregate(values, small, [3600 + 240, 3600 + 540], 300, 'mean')).toEqual([3, null]);
    expect(aggregate(values, small, [3600 + 240], 300, 'max')).toEqual([5]);
  });

  it('gives a chart with no lines when the service has no metrics', () => {
    const chart = buildChart([], small, 600, 60);
    expect(chart.lines).toEqual([]);
    expect(chart.timestamps).toHaveLength(10);
  });
});

describe('the health score of the charts', () => {
  const scores = new Float64Array(grid.length).fill(98);
  // A ten-minute outage inside the last hour, and a stretch in maintenance (no score) before it.
  for (let i = grid.length - 40; i < grid.length - 30; i++) scores[i] = 12;
  for (let i = grid.length - 200; i < grid.length - 140; i++) scores[i] = Number.NaN;
  const withScore = serviceCharts([calls, errors, latency], grid, scores);

  it('keeps the worst minute of each bucket, so a short outage shows on the 90-day chart', () => {
    expect(withScore.quarter.score?.at(-1)).toBe(12);
    expect(withScore.week.score?.filter((v) => v === 12)).toHaveLength(2);
    expect(withScore.day.score?.filter((v) => v === 12)).toHaveLength(10);
  });

  it('gives no score where every minute of a bucket is unknown, and none at all without scores', () => {
    expect(withScore.day.score?.at(-170)).toBeNull();
    expect(withScore.day.score).toHaveLength(withScore.day.timestamps.length);
    expect(charts.day.score).toBeUndefined();
  });
});

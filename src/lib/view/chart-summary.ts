/**
 * Text and table summaries of a chart line, for screen readers and pages without JavaScript.
 * Pure: numbers in, numbers out; the view formats them.
 */
import type { Chart, ChartLine } from '../snapshot/schema';

export interface LineSummary {
  latest: number | null;
  latestAt: number | null;
  min: number | null;
  max: number | null;
  /** Expected band at the latest known point, when the line has one. */
  expectedLower: number | null;
  expectedUpper: number | null;
}

/** Latest, lowest and highest known value of a line (nulls skipped). */
export function summarizeLine(chart: Chart, line: ChartLine): LineSummary {
  let min: number | null = null;
  let max: number | null = null;
  let last = -1;
  line.values.forEach((v, i) => {
    if (v === null) return;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
    last = i;
  });
  return {
    latest: last >= 0 ? (line.values[last] ?? null) : null,
    latestAt: last >= 0 ? (chart.timestamps[last] ?? null) : null,
    min,
    max,
    expectedLower: last >= 0 ? (line.expected_lower?.[last] ?? null) : null,
    expectedUpper: last >= 0 ? (line.expected_upper?.[last] ?? null) : null,
  };
}

export interface TableRow {
  /** Start of the bucket, epoch seconds. */
  at: number;
  /** Mean of the known values in the bucket; null when none. */
  mean: number | null;
  max: number | null;
}

/** The line reduced to at most `rows` buckets of equal length (means and maxima), oldest first. */
export function lineTable(chart: Chart, line: ChartLine, rows = 24): TableRow[] {
  const n = chart.timestamps.length;
  if (n === 0) return [];
  const per = Math.max(1, Math.ceil(n / rows));
  const out: TableRow[] = [];
  for (let start = 0; start < n; start += per) {
    let sum = 0;
    let count = 0;
    let max: number | null = null;
    for (let i = start; i < Math.min(n, start + per); i++) {
      const v = line.values[i];
      if (v === null || v === undefined) continue;
      sum += v;
      count++;
      if (max === null || v > max) max = v;
    }
    out.push({ at: chart.timestamps[start] ?? 0, mean: count ? sum / count : null, max });
  }
  return out;
}

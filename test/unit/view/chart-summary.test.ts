import { describe, expect, it } from 'vitest';
import type { Chart } from '../../../src/lib/snapshot/schema';
import { lineTable, summarizeLine } from '../../../src/lib/view/chart-summary';
import { uptimeCounts } from '../../../src/lib/view/uptime';

const chart: Chart = {
  step: 60,
  timestamps: [0, 60, 120, 180],
  lines: [{ key: 't', role: 'traffic', label: { nl: 'x' }, unit: 'calls/min', values: [5, null, 9, null], expected_lower: [1, 2, 3, 4], expected_upper: [6, 7, 8, 9] }],
};
const line = chart.lines[0]!;

describe('summarizeLine', () => {
  it('skips unknown values and reports the band at the latest known point', () => {
    expect(summarizeLine(chart, line)).toEqual({ latest: 9, latestAt: 120, min: 5, max: 9, expectedLower: 3, expectedUpper: 8 });
  });
  it('reports nulls for a line with no known value', () => {
    const empty = { ...line, values: [null, null, null, null] };
    expect(summarizeLine(chart, empty).latest).toBeNull();
    expect(summarizeLine(chart, empty).min).toBeNull();
  });
});

describe('lineTable', () => {
  it('averages known values per bucket and keeps unknown buckets as null', () => {
    expect(lineTable(chart, line, 2)).toEqual([
      { at: 0, mean: 5, max: 5 },
      { at: 120, mean: 9, max: 9 },
    ]);
    expect(lineTable(chart, { ...line, values: [null, null, 1, 3] }, 2)[0]?.mean).toBeNull();
  });
});

describe('uptimeCounts', () => {
  it('counts disrupted and unknown days and lists every notable day', () => {
    const day = (level: 'operational' | 'degraded' | 'unknown' | 'major_outage', ids: string[] = []) => ({
      date: '2025-11-04', level, uptime: 1, schedule_uptime: 1, unknown_seconds: 0, outage_seconds: 0, degraded_seconds: 0, incident_ids: ids,
    });
    const counts = uptimeCounts([day('operational'), day('degraded'), day('unknown'), day('major_outage'), day('operational', ['x'])]);
    expect(counts.bad).toBe(2);
    expect(counts.unknown).toBe(1);
    expect(counts.notable).toHaveLength(4);
  });
});

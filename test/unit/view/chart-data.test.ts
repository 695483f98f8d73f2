import { describe, expect, it } from 'vitest';
import type { Chart } from '../../../src/lib/snapshot/schema';
import { chartDataFile } from '../../../src/lib/view/chart-data';
import { chartDataPath, embedPath } from '../../../src/lib/view/urls';

const chart: Chart = {
  step: 60,
  timestamps: [60, 120, 180],
  lines: [
    { key: 'calls', role: 'traffic', label: { nl: 'Oproepen' }, unit: 'calls/min', values: [5, null, 9], expected_lower: [1, 2, 3], expected_upper: [6, 7, 8] },
    { key: 'queue', role: 'backlog', label: { nl: 'Wachtrij' }, unit: 'messages', values: [0, 1, null] },
  ],
};

describe('chartDataFile', () => {
  it('keeps uPlot\'s shape: the timestamps once, each line\'s values by key, nulls for unknown', () => {
    expect(chartDataFile(chart)).toEqual({
      step: 60,
      t: [60, 120, 180],
      lines: { calls: { v: [5, null, 9], lo: [1, 2, 3], hi: [6, 7, 8] }, queue: { v: [0, 1, null] } },
    });
  });

  it('leaves out labels and units, which belong to the page language', () => {
    expect(JSON.stringify(chartDataFile(chart))).not.toMatch(/Oproepen|calls\/min/);
  });

  it('leaves out a band that has only one side', () => {
    const { expected_upper: _dropped, ...lowerOnly } = chart.lines[0]!;
    const half: Chart = { ...chart, lines: [lowerOnly] };
    expect(chartDataFile(half).lines['calls']).toEqual({ v: [5, null, 9] });
  });
});

describe('chart data and embed URLs', () => {
  it('are language-free for chart data and per language for the embed page', () => {
    expect(chartDataPath('raotd', 'week')).toBe('/charts/raotd/week.json');
    expect(chartDataPath('a b', 'day')).toBe('/charts/a%20b/day.json');
    expect(embedPath('fr')).toBe('/fr/embed/');
  });
});

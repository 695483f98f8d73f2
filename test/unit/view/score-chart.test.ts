import { describe, expect, it } from 'vitest';
import type { Chart } from '../../../src/lib/snapshot/schema';
import { downsample, scoreY, platformSeries, scoreGeometry, scoreRows, scoreSummary, SCORE_BANDS } from '../../../src/lib/view/score-chart';

const chart = (score: Array<number | null>, t0 = 1000, step = 60): Chart => ({ step, timestamps: score.map((_, i) => t0 + i * step), lines: [], score });

describe('the synthesis chart', () => {
  it('uses the bands of docs/health.md: 90–100, 50–89, 20–49, 0–19', () => {
    expect(SCORE_BANDS.map((b) => [b.level, b.low, b.high])).toEqual([
      ['operational', 90, 100],
      ['degraded', 50, 89],
      ['partial_outage', 20, 49],
      ['major_outage', 0, 19],
    ]);
  });

  it('gives the platform the worst known service score at each time, null when none is known', () => {
    const p = platformSeries([chart([98, 95, null, null]), chart([100, 40, 70, null]), chart([null, null, null, null])]);
    expect(p.v).toEqual([98, 40, 70, null]);
  });

  it('keeps the worst score when merging buckets, and the time of the last one', () => {
    const d = downsample({ t: [1, 2, 3, 4, 5], v: [99, 12, null, null, 97] }, 3);
    expect(d).toEqual({ t: [2, 4, 5], v: [12, null, 97] });
  });

  it('breaks the line at unknown scores and gives each band a quarter of the height', () => {
    const g = scoreGeometry({ t: [60, 120, 180, 240], v: [100, 50, null, 0] }, [], 60);
    expect(g.path).toBe('M250 0L500 50M1000 100');
    expect([100, 95, 90, 70, 50, 35, 20, 10, 0].map(scoreY)).toEqual([0, 12.5, 25, 37.5, 50, 62.5, 75, 87.5, 100]);
  });

  it('marks incidents clipped to the range, an ongoing one up to the end', () => {
    const g = scoreGeometry({ t: [60, 120, 180, 240], v: [100, 100, 100, 100] }, [
      { id: 'old', level: 'degraded', start: -500, end: -100 },
      { id: 'now', level: 'partial_outage', start: 180, end: null },
    ], 60);
    expect(g.marks).toEqual([{ id: 'now', level: 'partial_outage', x: 750, width: 250 }]);
  });

  it('tables at most 24 periods with their lowest score', () => {
    const values = Array.from({ length: 48 }, (_, i) => (i === 5 ? 30 : 95));
    const rows = scoreRows({ t: values.map((_, i) => 60 * (i + 1)), v: values }, 60);
    expect(rows).toHaveLength(24);
    expect(rows[2]).toEqual({ from: 240, to: 360, lowest: 30 });
    expect(scoreSummary({ t: [1, 2, 3], v: [90, 30, null] })).toEqual({ latest: 30, lowest: 30 });
  });
});

import { describe, expect, it } from 'vitest';
import { tierPlan } from '../../../src/lib/rrd/select';
import type { RraDef } from '../../../src/lib/rrd/series';

const rra = (index: number, resolution: number, rows: number): RraDef => ({ index, cf: 'AVERAGE', pdpPerRow: resolution / 60, resolution, rows }) as RraDef;
// 1 day of minutes, 7 days of 5-min rows, 90 days of hours; last update at a round hour.
const LAST = 1_762_268_400;
const RRAS = [rra(2, 3600, 2160), rra(0, 60, 1440), rra(1, 300, 2016)];

describe('tierPlan (which RRAs a window is read from)', () => {
  it('reads only the finest RRA when it reaches back to the start of the window', () => {
    expect(tierPlan(RRAS, LAST, LAST - 3600, LAST)).toEqual([{ resolution: 60, start: LAST - 3600, end: LAST }]);
  });

  it('fills in from coarser RRAs only for the part the finer ones do not cover, finest first', () => {
    const start = LAST - 10 * 86_400;
    expect(tierPlan(RRAS, LAST, start, LAST)).toEqual([
      { resolution: 60, start: LAST - 86_400, end: LAST },
      { resolution: 300, start: LAST - 7 * 86_400, end: LAST - 86_400 + 300 },
      { resolution: 3600, start, end: LAST - 7 * 86_400 + 3600 },
    ]);
  });

  it('skips a coarser RRA whose span does not reach further back than the finer ones', () => {
    const short = [rra(0, 60, 1440), rra(1, 300, 100)];
    expect(tierPlan(short, LAST, LAST - 3 * 86_400, LAST).map((r) => r.resolution)).toEqual([60]);
  });

  it('plans nothing for an empty window or no RRA', () => {
    expect(tierPlan(RRAS, LAST, LAST, LAST)).toEqual([]);
    expect(tierPlan([], LAST, LAST - 3600, LAST)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { applyDwell } from '../../../src/lib/health/dwell';
import { computeSignals } from '../../../src/lib/health/signals';
import { metric, rules } from './helpers';

const N = 12;
const calls = (last: number[]): number[] => [...new Array<number>(N - last.length).fill(1000), ...last];
const shown = (values: number[]): string[] => {
  const s = computeSignals([metric('traffic', 'calls', values, 1000)], rules(), values.length);
  return applyDwell(s.severity, undefined, { enter: 2, leave: 5 }, s).levels.slice(-2);
};

describe('decisive minutes', () => {
  it.each([
    [0, 3],
    [50, 3],
    [51, 0],
  ])('marks %d calls against 1,000 expected decisive at severity %d (traffic_decisive_ratio 5 %)', (c, level) => {
    const s = computeSignals([metric('traffic', 'calls', calls([c]), 1000)], rules(), N);
    expect(s.decisive[N - 1]).toBe(level);
  });

  it('shows a total collapse on its first minute', () => {
    expect(shown(calls([0]))).toEqual(['operational', 'major_outage']);
  });

  it('keeps the dwell for weaker evidence (15 % of the expected calls)', () => {
    expect(shown(calls([150]))).toEqual(['operational', 'operational']);
    expect(shown(calls([150, 150]))).toEqual(['operational', 'major_outage']);
  });

  it('shows a partial outage at once when a large majority of many calls fails', () => {
    const c = new Array<number>(N).fill(1000);
    const e = [...new Array<number>(N - 1).fill(0), 850];
    const s = computeSignals([metric('traffic', 'calls', c, 1000), metric('errors', 'errors', e, 0)], rules(), N);
    expect(s.decisive[N - 1]).toBe(2);
    expect(applyDwell(s.severity, undefined, { enter: 2, leave: 5 }, s).levels[N - 1]).toBe('partial_outage');
    const few = computeSignals([metric('traffic', 'calls', c.map(() => 99), 99), metric('errors', 'errors', e.map((v) => (v * 99) / 1000), 0)], rules(), N);
    expect(few.decisive[N - 1]).toBe(0);
  });

  it('never leaves unknown on a decisive minute (it needs the enter minutes of fresh data)', () => {
    const r = applyDwell(Int8Array.from([-2, 3, 3]), undefined, { enter: 2, leave: 5 }, { decisive: Int8Array.from([0, 3, 3]) });
    expect(r.levels).toEqual(['unknown', 'unknown', 'major_outage']);
  });
});

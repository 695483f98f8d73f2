/**
 * The per-minute signals at their edges: which metrics a stale minute lacks, what counts as data,
 * which metrics are excused when there are no calls, and how findings, positions and decisive
 * minutes of several metrics in one minute combine.
 */
import { describe, expect, it } from 'vitest';
import { computeSignals, HOLD, StaleMetrics, STALE, type MetricSeries } from '../../../src/lib/health/signals';
import { metric, rules } from './helpers';

const N = 12;
const flat = (v: number, n = N): number[] => new Array<number>(n).fill(v);
const NaN_ = Number.NaN;

describe('the missing metrics of stale minutes, kept as runs of minutes', () => {
  it('answers every minute with its own list, across runs, gaps and a list that changes', () => {
    const s = new StaleMetrics();
    const a = ['p95'];
    const b = ['p95', 'errors'];
    const c = ['calls'];
    for (const [i, keys] of [[0, a], [1, a], [2, a], [3, b], [4, b], [6, b], [7, a], [9, c], [10, c], [11, c]] as const) s.set(i, keys as string[]);
    expect(Array.from({ length: 13 }, (_, i) => s.get(i))).toEqual([a, a, a, b, b, undefined, b, a, undefined, c, c, c, undefined]);
  });

  it('finds the right run among many (a long history of short gaps)', () => {
    const s = new StaleMetrics();
    const lists = Array.from({ length: 40 }, (_, r) => [`m${r}`]);
    for (let r = 0; r < 40; r++) for (let j = 0; j < 3; j++) s.set(r * 5 + j, lists[r]!);
    for (let r = 0; r < 40; r++) {
      expect([s.get(r * 5), s.get(r * 5 + 1), s.get(r * 5 + 2)]).toEqual([lists[r], lists[r], lists[r]]);
      expect([s.get(r * 5 + 3), s.get(r * 5 + 4)]).toEqual([undefined, undefined]);
    }
    expect(s.get(-1)).toBeUndefined();
  });
});

describe('which metrics a stale minute lacks', () => {
  it('lists exactly the metrics whose last value is older than the stale limit, minute by minute', () => {
    // Stale limit 5 minutes. errors: no data until minute 6; backlog: no data until minute 3, then none after minute 9.
    const n = 20;
    const errors = Array.from({ length: n }, (_, i) => (i < 6 ? NaN_ : 0));
    const queue = Array.from({ length: n }, (_, i) => (i < 3 || i > 9 ? NaN_ : 5));
    const s = computeSignals([metric('traffic', 'calls', flat(1000, n), 1000), metric('errors', 'errors', errors, 0), metric('backlog', 'queue', queue, 5)], rules(), n);
    const lists = Array.from({ length: n }, (_, i) => s.staleMetrics.get(i) ?? null);
    expect(lists).toEqual([
      ...flat(0, 3).map(() => ['errors', 'queue']),
      ...flat(0, 3).map(() => ['errors']),
      ...flat(0, 9).map(() => null),
      ...flat(0, 5).map(() => ['queue']),
    ]);
    expect(Array.from(s.severity.slice(0, 6))).toEqual(flat(STALE, 6));
    expect(s.severity[15]).toBe(STALE);
    expect(s.severity[14]).toBe(0);
  });

  it('lists a metric that goes stale after another one after it, and drops the first when it comes back', () => {
    const n = 20;
    const errors = Array.from({ length: n }, (_, i) => (i >= 2 ? NaN_ : 0)); // last at 1: stale from minute 7
    const queue = Array.from({ length: n }, (_, i) => (i >= 4 && i < 14 ? NaN_ : 5)); // last at 3: stale 9..13
    const s = computeSignals([metric('traffic', 'calls', flat(1000, n), 1000), metric('errors', 'errors', errors, 0), metric('backlog', 'queue', queue, 5)], rules(), n);
    expect(Array.from({ length: n }, (_, i) => s.staleMetrics.get(i) ?? null)).toEqual([
      ...flat(0, 7).map(() => null),
      ['errors'],
      ['errors'],
      ...flat(0, 5).map(() => ['errors', 'queue']),
      ...flat(0, 6).map(() => ['errors']),
    ]);
  });

  it('lists a metric earlier in the list that goes stale after a later one', () => {
    const n = 20;
    const errors = Array.from({ length: n }, (_, i) => (i >= 6 ? NaN_ : 0)); // last at 5: stale from minute 11
    const queue = Array.from({ length: n }, (_, i) => (i >= 2 ? NaN_ : 5)); // last at 1: stale from minute 7
    const s = computeSignals([metric('traffic', 'calls', flat(1000, n), 1000), metric('errors', 'errors', errors, 0), metric('backlog', 'queue', queue, 5)], rules(), n);
    expect([s.staleMetrics.get(10), s.staleMetrics.get(11), s.staleMetrics.get(19)]).toEqual([['queue'], ['errors', 'queue'], ['errors', 'queue']]);
  });

  it('requires errors whatever the calls: only latency is excused by few or no calls', () => {
    const s = computeSignals([metric('traffic', 'calls', flat(5), 5), metric('errors', 'errors', flat(NaN_), 0)], rules(), N);
    expect(s.severity[N - 1]).toBe(STALE);
    expect(s.staleMetrics.get(N - 1)).toEqual(['errors']);
  });

  it('lists both calls and latency when both collectors are dead', () => {
    const s = computeSignals([metric('traffic', 'calls', flat(NaN_), 1000), metric('latency', 'p95', flat(NaN_), 300)], rules(), N);
    expect(s.staleMetrics.get(N - 1)).toEqual(['calls', 'p95']);
  });

  it('excuses latency while the calls are still fresh though the last minute has none, and not once they are stale', () => {
    // Calls known (5/min, below the latency guard) up to minute 5, then nothing: fresh until minute 10, stale from 11.
    const n = 14;
    const calls = Array.from({ length: n }, (_, i) => (i <= 5 ? 5 : NaN_));
    const s = computeSignals([metric('traffic', 'calls', calls, 5), metric('latency', 'p95', flat(NaN_, n), 300)], rules(), n);
    expect(s.staleMetrics.get(10)).toBeUndefined();
    expect(s.severity[10]).toBe(HOLD);
    expect(s.staleMetrics.get(11)).toEqual(['calls', 'p95']);
  });

  it('excuses latency when the calls have collapsed below the outage ratio (no calls, no response time), and not at the ratio', () => {
    const collapsed = computeSignals([metric('traffic', 'calls', flat(100), 1000), metric('latency', 'p95', flat(NaN_), 300)], rules(), N);
    expect(collapsed.severity[N - 1]).toBe(3);
    expect(collapsed.staleMetrics.get(N - 1)).toBeUndefined();
    const atRatio = computeSignals([metric('traffic', 'calls', flat(200), 1000), metric('latency', 'p95', flat(NaN_), 300)], rules(), N);
    expect(atRatio.staleMetrics.get(N - 1)).toEqual(['p95']);
  });

  it('excuses latency when one of several summed inputs has no calls, but not for a single input', () => {
    const traffic = (files: number): MetricSeries => ({ ...metric('traffic', 'calls', flat(600), 1000), files, fileMin: Float64Array.from(flat(0)) });
    const two = computeSignals([traffic(2), metric('latency', 'p95', flat(NaN_), 300)], rules(), N);
    expect(two.staleMetrics.get(N - 1)).toBeUndefined();
    const one = computeSignals([traffic(1), metric('latency', 'p95', flat(NaN_), 300)], rules(), N);
    expect(one.staleMetrics.get(N - 1)).toEqual(['p95']);
    const answering = computeSignals([{ ...traffic(2), fileMin: Float64Array.from(flat(250)) }, metric('latency', 'p95', flat(NaN_), 300)], rules(), N);
    expect(answering.staleMetrics.get(N - 1)).toEqual(['p95']);
  });

  it('counts an infinite value as no data: the metric goes stale', () => {
    for (const bad of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const s = computeSignals([metric('traffic', 'calls', flat(1000), 1000), metric('latency', 'p95', flat(bad), 300)], rules(), N);
      expect(s.staleMetrics.get(N - 1)).toEqual(['p95']);
    }
  });
});

describe('minutes judged on what they have', () => {
  it('does not judge an infinite latency inside the stale limit (no finding, no position)', () => {
    const p95 = [...flat(300).slice(0, N - 1), Number.POSITIVE_INFINITY];
    const s = computeSignals([metric('traffic', 'calls', flat(1000), 1000), metric('latency', 'p95', p95, 300)], rules(), N);
    expect(s.severity[N - 1]).toBe(0);
    expect(s.findings.get(N - 1)).toBeUndefined();
    expect(s.position[N - 1]).toBe(0);
  });

  it('judges a minute whose call count is missing on its other metrics only, not on the calls before it', () => {
    // Calls at 40 % of the expectation (degraded over the window) until a minute without a count.
    const calls = [...flat(400).slice(0, N - 1), NaN_];
    const s = computeSignals([metric('traffic', 'calls', calls, 1000), metric('errors', 'errors', flat(0), 0)], rules(), N);
    expect(s.severity[N - 2]).toBe(1);
    expect(s.severity[N - 1]).toBe(0);
    expect(s.findings.get(N - 1)).toBeUndefined();
  });

  it('judges every metric of a service without traffic (latency and backlog alone)', () => {
    const s = computeSignals([metric('latency', 'p95', flat(300), 300), metric('backlog', 'queue', flat(5000), 50)], rules(), N);
    expect(s.severity[N - 1]).toBe(1);
    expect(s.findings.get(N - 1)?.map((f) => f.kind)).toEqual(['backlog_high']);
  });

  it('records the traffic collapse once, and every other finding of the same minute beside it', () => {
    const s = computeSignals([metric('traffic', 'calls', flat(100), 1000), metric('latency', 'p95', flat(3000), 300)], rules(), N);
    expect(s.findings.get(N - 1)).toEqual([
      { kind: 'traffic_low', level: 'major_outage', metric: 'calls', value: 100, expected: 1000 },
      { kind: 'latency_high', level: 'degraded', metric: 'p95', value: 3000, expected: 300, limit: 2000 },
    ]);
  });

  it('takes the worst position of the metrics, whatever their order', () => {
    const slow = metric('latency', 'p95', flat(1500), 300); // above 3 × 300 = 900: position 1 + 600 / 900
    const calm = metric('backlog', 'queue', flat(50), 50);
    for (const order of [[slow, calm], [calm, slow]]) {
      const s = computeSignals([metric('traffic', 'calls', flat(1000), 1000), ...order], rules(), N);
      expect(s.position[N - 1]).toBeCloseTo(1 + 600 / 900, 10);
    }
  });

  it('keeps the most decisive level of a minute when two signals are decisive', () => {
    // 40 calls of 1,000 expected (4 %: decisive major outage) ... and the errors of those calls.
    const s = computeSignals([metric('traffic', 'calls', flat(40), 1000), metric('errors', 'errors', flat(40), 0)], rules({ error_decisive_min_calls_per_minute: 20 }), N);
    expect(s.decisive[N - 1]).toBe(3);
    expect(s.severity[N - 1]).toBe(3);
  });

  it('takes the coarsest row span of the metrics, whatever their order', () => {
    const coarse = (m: MetricSeries, span: number): MetricSeries => ({ ...m, span: Uint16Array.from(flat(span)) });
    const calls = coarse(metric('traffic', 'calls', flat(1000), 1000), 5);
    const errors = coarse(metric('errors', 'errors', flat(0), 0), 1);
    const s = computeSignals([calls, errors], rules(), N);
    // Rows end on multiples of 5 minutes: 0, 5 and 10 are judged (weight 5), the others wait.
    expect(Array.from(s.severity)).toEqual([0, HOLD, HOLD, HOLD, HOLD, 0, HOLD, HOLD, HOLD, HOLD, 0, HOLD]);
    expect(s.weight[5]).toBe(5);
  });

  it('holds position 0 on the inner minutes of a coarse row before its first end', () => {
    const calls: MetricSeries = { ...metric('traffic', 'calls', flat(1000), 1000), span: Uint16Array.from(flat(5)) };
    const s = computeSignals([calls], rules(), N, 60); // the grid starts at minute 1: the first row ends at minute 4
    expect(s.severity[0]).toBe(HOLD);
    expect(s.position[0]).toBe(0);
    expect(s.severity[4]).toBe(0);
  });
});

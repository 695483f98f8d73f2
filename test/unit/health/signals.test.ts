import { describe, expect, it } from 'vitest';
import { computeSignals, HOLD, NO_EVIDENCE, STALE } from '../../../src/lib/health/signals';
import { metric, rules } from './helpers';

const N = 12;
const flat = (v: number): number[] => new Array<number>(N).fill(v);
/** Severity of the last minute for a service with constant calls and errors. */
function errorSeverity(calls: number, errors: number, over = {}): number {
  const s = computeSignals([metric('traffic', 'calls', flat(calls), calls), metric('errors', 'errors', flat(errors), 0)], rules(over), N);
  return s.severity[N - 1]!;
}

describe('error ratio thresholds', () => {
  it.each([
    [1000, 49, 0],
    [1000, 50, 1],
    [1000, 51, 1],
    [1000, 199, 1],
    [1000, 200, 2],
    [1000, 201, 2],
  ])('with %d calls and %d errors per minute the candidate severity is %d', (calls, errors, expected) => {
    expect(errorSeverity(calls, errors)).toBe(expected);
  });

  it('does not judge errors below the minimum calls per minute (a few failures at night say little)', () => {
    expect(errorSeverity(19, 19)).toBe(0);
    expect(errorSeverity(20, 15)).toBe(2);
  });

  it('treats a handful of failed calls as a blip whatever the ratio', () => {
    expect(errorSeverity(40, 9)).toBe(0);
    expect(errorSeverity(40, 10)).toBe(2);
  });

  it('reports stale, not green, when the errors metric has no data at all', () => {
    expect(errorSeverity(1000, Number.NaN)).toBe(STALE);
  });

  it('does not judge a single NaN error minute (neither green evidence nor red)', () => {
    const errors = [...flat(500).slice(0, N - 1), Number.NaN];
    const s = computeSignals([metric('traffic', 'calls', flat(1000), 1000), metric('errors', 'errors', errors, 0)], rules(), N);
    expect(s.severity[N - 2]).toBe(2);
    expect(s.severity[N - 1]).toBe(0);
  });
});

describe('traffic collapse', () => {
  const calls = (last: number): number[] => [...flat(1000).slice(0, N - 1), last];
  it.each([
    [199, 3],
    [200, 0],
    [201, 0],
  ])('with %d calls against 1,000 expected the minute severity is %d', (c, expected) => {
    const s = computeSignals([metric('traffic', 'calls', calls(c), 1000)], rules(), N);
    expect(s.severity[N - 1]).toBe(expected);
  });

  it('does not judge traffic when little is expected (nights, Sundays)', () => {
    const s = computeSignals([metric('traffic', 'calls', [5, ...flat(0).slice(1)], 19)], rules(), N);
    expect(s.severity[N - 1]).toBe(0);
  });

  it('reports no evidence (unknown), not green, when no calls come in and the history never had any', () => {
    const s = computeSignals([metric('traffic', 'calls', flat(0), 0)], rules(), N);
    expect(s.severity[N - 1]).toBe(NO_EVIDENCE);
  });

  it('reports no evidence when no calls come in and no history exists for the minute (a brand-new file)', () => {
    const s = computeSignals([metric('traffic', 'calls', [5, ...flat(0).slice(1)], Number.NaN)], rules(), N);
    expect(s.severity[N - 1]).toBe(NO_EVIDENCE);
    expect(computeSignals([metric('traffic', 'calls', flat(5), Number.NaN)], rules(), N).severity[N - 1]).toBe(0);
  });

  it('reports degraded only when the window as a whole is low, so a 2-minute dip to 30 % stays green', () => {
    const dip = [...flat(1000).slice(0, N - 2), 300, 300];
    expect(computeSignals([metric('traffic', 'calls', dip, 1000)], rules(), N).severity[N - 1]).toBe(0);
    const long = [...flat(1000).slice(0, N - 5), 300, 300, 300, 300, 300];
    expect(computeSignals([metric('traffic', 'calls', long, 1000)], rules(), N).severity[N - 1]).toBe(1);
  });
});

describe('latency and backlog', () => {
  it.each([
    [2000, 0],
    [2001, 1],
  ])('p95 of %d ms against the 2,000 ms limit gives severity %d', (v, expected) => {
    expect(computeSignals([metric('latency', 'p95', flat(v), 1000)], rules(), N).severity[N - 1]).toBe(expected);
  });

  it.each([
    [300, 0],
    [301, 1],
  ])('p95 of %d ms against a usual 100 ms (factor 3) gives severity %d', (v, expected) => {
    expect(computeSignals([metric('latency', 'p95', flat(v), 100)], rules(), N).severity[N - 1]).toBe(expected);
  });

  it('calls a huge backlog degraded, never an outage', () => {
    expect(computeSignals([metric('backlog', 'queue', flat(300_000), 20)], rules(), N).severity[N - 1]).toBe(1);
  });

  it.each([
    [100, 0],
    [101, 1],
    [1000, 1],
  ])('a backlog of %d against a usual 5 gives severity %d', (v, expected) => {
    expect(computeSignals([metric('backlog', 'queue', flat(v), 5)], rules(), N).severity[N - 1]).toBe(expected);
  });

  it('flags a backlog that grows steadily for the configured minutes even below the limit', () => {
    const values = Array.from({ length: 40 }, (_, i) => 10 + i * 5);
    const s = computeSignals([metric('backlog', 'queue', values, 1000)], rules({ backlog_growing_minutes: 30, backlog_factor_degraded: 1000 }), 40);
    expect(s.findings.get(39)?.[0]?.kind).toBe('backlog_growing');
  });
});

describe('stale data', () => {
  const withGap = (gap: number): number[] => [...flat(1000), ...new Array<number>(gap).fill(Number.NaN)];
  it('holds (no data yet, not stale) up to the stale limit and reports stale after it', () => {
    const values = withGap(6);
    const s = computeSignals([metric('traffic', 'calls', values, 1000)], rules({ stale_after_seconds: 300 }), values.length);
    expect(Array.from(s.severity.slice(N))).toEqual([HOLD, HOLD, HOLD, HOLD, HOLD, STALE]);
  });

  it('reports stale, not green, before any data arrived', () => {
    const s = computeSignals([metric('traffic', 'calls', [Number.NaN, Number.NaN], 1000)], rules({ stale_after_seconds: 0 }), 2);
    expect(s.severity[0]).toBe(STALE);
  });

  it('does not require latency while there are no calls (no calls, no response time)', () => {
    const calls = [...flat(1000), ...new Array<number>(10).fill(0)];
    const p95 = [...flat(300), ...new Array<number>(10).fill(Number.NaN)];
    const s = computeSignals([metric('traffic', 'calls', calls, 1000), metric('latency', 'p95', p95, 300)], rules(), calls.length);
    expect(s.severity[calls.length - 1]).toBe(3);
  });
});

/**
 * Regression tests for plausible rule mistakes that once passed every test (issue 9 item 8): each
 * names the mistake it catches.
 */
import { describe, expect, it } from 'vitest';
import { applyDwell } from '../../../src/lib/health/dwell';
import { computeSignals, STALE } from '../../../src/lib/health/signals';
import { metric, rules } from './helpers';

describe('rule mistakes the tests must catch', () => {
  it('compares a collapse with the lowest expectation nearby, not the minute\'s own baseline (a shop opening late is no outage)', () => {
    // Opening ramp: 1,000 expected from minute 20, 150 before it; at minute 20 only 180 calls come in (opening a few minutes late).
    const n = 21;
    const expected = Array.from({ length: n }, (_, i) => (i >= 20 ? 1000 : 150));
    const calls = Array.from({ length: n }, (_, i) => (i >= 20 ? 180 : 150));
    const s = computeSignals([metric('traffic', 'calls', calls, expected)], rules(), n);
    expect(s.severity[20]).toBe(0);
    // Far from any low expectation, the same 180 calls are a collapse.
    const flat = computeSignals([metric('traffic', 'calls', calls, 1000)], rules(), n);
    expect(flat.severity[20]).toBe(3);
  });

  it('steps down from a major outage to degraded, never through a false green minute', () => {
    const r = applyDwell(Int8Array.from([0, 0, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1]), undefined, { enter: 2, leave: 5 });
    expect(r.levels.slice(3)).toEqual(['major_outage', 'major_outage', 'major_outage', 'major_outage', 'major_outage', 'major_outage', 'degraded', 'degraded', 'degraded']);
    expect(r.levels.slice(3)).not.toContain('operational');
  });

  it('leaves unknown for the mildest of the fresh minutes: one bad minute after a stale gap opens no outage', () => {
    const r = applyDwell(Int8Array.from([0, 0, 0, STALE, STALE, 0, 3, 0, 0]), undefined, { enter: 2, leave: 5 });
    expect(r.levels[6]).toBe('operational');
    expect(r.levels).not.toContain('major_outage');
  });

  it('requires latency while traffic is fresh: a dead latency collector at 1,000 calls/min is unknown, not green', () => {
    const n = 12;
    const calls = new Array<number>(n).fill(1000);
    const p95 = new Array<number>(n).fill(Number.NaN);
    const s = computeSignals([metric('traffic', 'calls', calls, 1000), metric('latency', 'p95', p95, 300)], rules(), n);
    expect(s.severity[n - 1]).toBe(STALE);
    expect(s.staleMetrics.get(n - 1)).toEqual(['p95']);
  });

  it('excuses missing latency only below the latency guard (no calls, no response time)', () => {
    const n = 12;
    const p95 = new Array<number>(n).fill(Number.NaN);
    const quiet = computeSignals([metric('traffic', 'calls', new Array<number>(n).fill(9), 5), metric('latency', 'p95', p95, 300)], rules(), n);
    expect(quiet.severity[n - 1]).toBe(0);
    const atGuard = computeSignals([metric('traffic', 'calls', new Array<number>(n).fill(10), 5), metric('latency', 'p95', p95, 300)], rules(), n);
    expect(atGuard.severity[n - 1]).toBe(STALE);
  });
});

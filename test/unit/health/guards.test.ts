import { describe, expect, it } from 'vitest';
import { computeSignals, ERROR_SPIKE_FACTOR } from '../../../src/lib/health/signals';
import { metric, rules } from './helpers';

const N = 12;
const flat = (v: number): number[] => new Array<number>(N).fill(v);

describe('volume guards', () => {
  it.each([
    [9, 0],
    [10, 1],
  ])('judges latency only with enough calls behind it: %d calls/min with one 9 s call gives severity %d', (calls, expected) => {
    const s = computeSignals([metric('traffic', 'calls', flat(calls), 5), metric('latency', 'p95', flat(9000), 300)], rules(), N);
    expect(s.severity[N - 1]).toBe(expected);
  });

  it('judges latency without a guard when the service has no traffic metric (nothing to weigh it by)', () => {
    expect(computeSignals([metric('latency', 'p95', flat(9000), 300)], rules(), N).severity[N - 1]).toBe(1);
  });

  it('never judges a backlog below backlog_min_messages against its usual level', () => {
    expect(computeSignals([metric('backlog', 'q', flat(99), 1)], rules(), N).severity[N - 1]).toBe(0);
    expect(computeSignals([metric('backlog', 'q', flat(101), 1)], rules(), N).severity[N - 1]).toBe(1);
  });
});

describe('error bursts', () => {
  const errorsRun = (ratios: number[], calls = 1000): Int8Array => {
    const c = ratios.map(() => calls);
    return computeSignals([metric('traffic', 'calls', c, calls), metric('errors', 'errors', ratios.map((r) => r * calls), 0)], rules(), ratios.length).severity;
  };

  it('does not count the peak row of a one-minute burst smeared over three rows (6 % / 23 % / 6 %)', () => {
    expect(Array.from(errorsRun([0.002, 0.06, 0.23, 0.06, 0.002]))).toEqual([0, 1, 0, 1, 0]);
  });

  it(`counts a row up to ${ERROR_SPIKE_FACTOR}× the bad row before it, and any row after a good one`, () => {
    expect(Array.from(errorsRun([0.06, 0.12, 0.24]))).toEqual([1, 1, 2]);
    expect(Array.from(errorsRun([0.002, 0.3, 0.3]))).toEqual([0, 2, 2]);
    expect(Array.from(errorsRun([0.06, 0.121]))).toEqual([1, 0]);
  });
});

describe('a silent input of a summed traffic metric', () => {
  const silent = (fileMin: number, calls: number, expected: number, files = 4) => {
    const m = { ...metric('traffic', 'calls', flat(calls), expected), fileMin: Float64Array.from(flat(fileMin)), files };
    return computeSignals([m], rules(), N);
  };

  it('is a partial outage when one node of four answers nothing and a quarter of the calls is missing', () => {
    const s = silent(0, 3000, 4000);
    expect(s.severity[N - 1]).toBe(2);
    expect(s.findings.get(N - 1)?.[0]).toMatchObject({ kind: 'input_silent', files: 4, level: 'partial_outage' });
  });

  it('is degraded when the lost share is between the error thresholds', () => {
    expect(silent(0, 3400, 4000).severity[N - 1]).toBe(1);
  });

  it('is nothing when the calls went to the other nodes (a drained node) or every node answers', () => {
    expect(silent(0, 3900, 4000).severity[N - 1]).toBe(0);
    expect(silent(100, 3000, 4000).severity[N - 1]).toBe(0);
  });

  it('is not judged when an even share is below traffic_min_expected_per_minute (a quiet input at night)', () => {
    expect(silent(0, 50, 79).severity[N - 1]).toBe(0);
  });

  it('is not judged for a single file or a mean', () => {
    expect(silent(0, 3000, 4000, 1).severity[N - 1]).toBe(0);
  });
});

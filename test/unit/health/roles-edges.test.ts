/**
 * Each role's rule at its edges: the position functions at and around every threshold, the threshold
 * tables, backlog growth, and the exact findings each role writes (kind, level, numbers).
 */
import { describe, expect, it } from 'vitest';
import { backlogPosition, backlogThreshold, isGrowing } from '../../../src/lib/health/roles/backlog';
import { errorPosition } from '../../../src/lib/health/roles/errors';
import { latencyPosition, latencyTable } from '../../../src/lib/health/roles/latency';
import { positionOn } from '../../../src/lib/health/roles/role';
import { trafficPosition } from '../../../src/lib/health/roles/traffic';
import { computeSignals, type MetricSeries } from '../../../src/lib/health/signals';
import { metric, rules } from './helpers';

const N = 12;
const flat = (v: number, n = N): number[] => new Array<number>(n).fill(v);
const R = rules();

describe('backlog: threshold, position and growth', () => {
  it('takes the lower of the hard limit and the larger of the minimum and ten times the usual level', () => {
    expect([5, 50, 200, Number.NaN, -50, 0].map((u) => backlogThreshold(u, R))).toEqual([100, 500, 1000, 100, 100, 100]);
  });

  it.each([
    [50, 50, false, 0],
    [275, 50, false, 0.5],
    [500, 50, false, 1],
    [5000, 50, false, 2],
    [50_000, 50, false, 2],
    [50, 50, true, 1],
    [5000, 50, true, 2],
    [Number.NaN, 50, false, 0],
    [Number.NaN, 50, true, 1],
    [50, -50, false, 0.5],
    [500, 2000, false, 0],
    [1000, 1000, false, 0],
  ])('puts a backlog of %d with a usual level of %d (growing: %s) at position %d', (value, usual, growing, expected) => {
    expect(backlogPosition(value, usual, growing, R)).toBeCloseTo(expected, 10);
  });

  it('climbs one step per order of magnitude above the threshold', () => {
    expect(backlogPosition(500 * Math.sqrt(10), 50, false, R)).toBeCloseTo(1.5, 10);
  });

  it.each([
    ['rises steadily by more than the minimum', [0, 50, 100, 150, 200], 100, true],
    ['rises steadily by exactly the minimum', [0, 25, 50, 75, 100], 100, false],
    ['rises steadily but by less than the minimum, from a high level', [1000, 1010, 1020, 1030, 1040], 100, false],
    ['stays flat over one quarter', [0, 100, 100, 200, 300], 100, false],
    ['stops rising in the last quarter', [0, 100, 200, 300, 300], 100, false],
    ['jumps up and falls back', [0, 500, 100, 200, 400], 100, false],
    ['has a gap in the span', [0, 100, Number.NaN, 300, 400], 100, false],
  ])('calls a backlog that %s growing: %s', (_what, values, minRise, expected) => {
    expect(isGrowing(Float64Array.from(values), 4, 4, minRise)).toBe(expected);
  });

  it('needs the whole span inside the history', () => {
    expect(isGrowing(Float64Array.from([0, 50, 100, 150, 200]), 3, 4, 10)).toBe(false);
  });

  it('writes a high backlog and a growing one as their own findings, with their positions', () => {
    const high = computeSignals([metric('backlog', 'queue', flat(5000), 50)], R, N);
    expect(high.findings.get(N - 1)).toEqual([{ kind: 'backlog_high', level: 'degraded', metric: 'queue', value: 5000, expected: 50 }]);
    expect(high.position[N - 1]).toBeCloseTo(2, 10);
    const n = 40;
    const rising = Array.from({ length: n }, (_, i) => 10 * i);
    const growing = computeSignals([metric('backlog', 'queue', rising, 100)], rules({ backlog_degraded_above: 1_000_000, backlog_factor_degraded: 100 }), n);
    expect(growing.findings.get(n - 1)).toEqual([{ kind: 'backlog_growing', level: 'degraded', metric: 'queue', value: 390, minutes: 30 }]);
    expect(growing.position[n - 1]).toBe(1);
    const calm = computeSignals([metric('backlog', 'queue', flat(60), 50)], R, N);
    expect(calm.position[N - 1]).toBeCloseTo(10 / 450, 10);
  });
});

describe('errors: position and judgement', () => {
  it('puts failed shares between the thresholds on the straight line between them (fresh rules, no cached table)', () => {
    const fresh = rules();
    expect([0.1, 0.6, 1, 2].map((r) => errorPosition(r, fresh))).toEqual([1 + 0.05 / 0.15, 2.5, 3, 3].map((x) => expect.closeTo(x, 10)));
  });

  it('gives position 0 to an unknown or infinite failed share', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, 0, -0.1].map((r) => errorPosition(r, R))).toEqual([0, 0, 0, 0]);
  });

  const errorsAt = (calls: number, errors: number, usualErrors: number, usualCalls = calls, over = {}) =>
    computeSignals([metric('traffic', 'calls', flat(calls), usualCalls), metric('errors', 'errors', flat(errors), usualErrors)], rules(over), N);

  it('writes the failed share and the usual share in its finding', () => {
    expect(errorsAt(1000, 100, 10).findings.get(N - 1)).toEqual([{ kind: 'errors_high', level: 'degraded', metric: 'errors', ratio: 0.1, normal: 0.01 }]);
  });

  it('needs the minimum of failed calls above the usual ones: 59 of 1,000 with 50 usual is a blip, 60 is degraded', () => {
    expect(errorsAt(1000, 59, 50).severity[N - 1]).toBe(0);
    expect(errorsAt(1000, 59, 50).position[N - 1]).toBe(0);
    expect(errorsAt(1000, 60, 50).severity[N - 1]).toBe(1);
  });

  it('judges errors on their own when no calls are expected at this hour (no usual share)', () => {
    const s = errorsAt(1000, 500, 10, 0);
    expect(s.findings.get(N - 1)).toEqual([{ kind: 'errors_high', level: 'partial_outage', metric: 'errors', ratio: 0.5, normal: Number.NaN }]);
  });

  it('writes no finding for a failed share below the degraded threshold, but gives it a position', () => {
    const s = errorsAt(1000, 30, 0);
    expect(s.findings.get(N - 1)).toBeUndefined();
    expect(s.position[N - 1]).toBeCloseTo(0.6, 10);
  });

  it('is decisive at exactly the decisive share of exactly the decisive number of calls', () => {
    expect(errorsAt(1000, 800, 0).decisive[N - 1]).toBe(2);
    expect(errorsAt(1000, 799, 0).decisive[N - 1]).toBe(0);
    expect(errorsAt(100, 80, 0).decisive[N - 1]).toBe(2);
    expect(errorsAt(99, 80, 0).decisive[N - 1]).toBe(0);
  });

  it('waits for a second row when the failed share more than doubles after a row at exactly the degraded threshold', () => {
    const errors = [...flat(50, N - 2), 200, 200];
    const s = computeSignals([metric('traffic', 'calls', flat(1000), 1000), metric('errors', 'errors', errors, 0)], R, N);
    expect([s.severity[N - 3], s.severity[N - 2], s.severity[N - 1]]).toEqual([1, 0, 2]);
  });
});

describe('latency: threshold table and position', () => {
  it('builds its table from the usual value, the factor and the limit', () => {
    const strict = [{ at: 900, level: 'degraded', strict: true }];
    expect(latencyTable(300, R)).toEqual({ points: [[300, 0], [900, 1], [1800, 2]], levels: strict });
    expect(latencyTable(1000, R).points).toEqual([[1000, 0], [2000, 1], [4000, 2]]);
    expect(latencyTable(Number.NaN, R).points).toEqual([[0, 0], [2000, 1], [4000, 2]]);
    expect(latencyTable(-100, R).points).toEqual([[0, 0], [2000, 1], [4000, 2]]);
    expect(latencyTable(5000, R).points).toEqual([[2000, 0], [4000, 2]]);
    expect(latencyTable(300, rules({ latency_factor_degraded: 1 })).points).toEqual([[300, 0], [600, 2]]);
  });

  it.each([
    [Number.NaN, 300, 0],
    [600, 300, 0.5],
    [1350, 300, 1.5],
    [1000, Number.POSITIVE_INFINITY, 0.5],
    [1000, -100, 0.5],
    [1000, 5000, 0],
  ])('puts a latency of %d ms with a usual value of %d ms at position %d', (value, usual, expected) => {
    expect(latencyPosition(value, usual, R)).toBeCloseTo(expected, 10);
  });

  it('puts a latency equal to its usual value at 0 when the threshold is the usual value itself', () => {
    expect(latencyPosition(300, 300, rules({ latency_factor_degraded: 1 }))).toBe(0);
  });

  it('names the limit in its finding only when the latency is above it', () => {
    const at = (p95: number, usual: number) => computeSignals([metric('traffic', 'calls', flat(1000), 1000), metric('latency', 'p95', flat(p95), usual)], R, N).findings.get(N - 1);
    expect(at(2000, 300)).toEqual([{ kind: 'latency_high', level: 'degraded', metric: 'p95', value: 2000, expected: 300, limit: null }]);
    expect(at(2001, 300)).toEqual([{ kind: 'latency_high', level: 'degraded', metric: 'p95', value: 2001, expected: 300, limit: 2000 }]);
    expect(at(1500, 300)?.[0]).toMatchObject({ limit: null });
  });
});

describe('positions on a threshold table', () => {
  const table = { points: [[0, 0], [1, 2], [3, 3]] as [number, number][], levels: [] };
  it('clamps below the first point and above the last, and interpolates between', () => {
    expect([-1, 0, 0.5, 2, 3, 10].map((v) => positionOn(table, v))).toEqual([0, 0, 1, 2.5, 3, 3]);
  });

  it('gives 0 on an empty table', () => {
    expect(positionOn({ points: [], levels: [] }, 5)).toBe(0);
  });
});

describe('traffic: position and judgement', () => {
  it.each([
    [Number.NaN, 0.1, 2],
    [Number.NaN, 1.2, 0],
    [0.5, Number.NaN, 0],
    [Number.NaN, 0.75, 0.5],
  ])('puts a minute ratio of %d and a window ratio of %d at position %d', (minute, window, expected) => {
    expect(trafficPosition(minute, window, R)).toBeCloseTo(expected, 10);
  });

  it('judges calls where exactly the minimum is expected', () => {
    const s = computeSignals([metric('traffic', 'calls', [...flat(20, N - 1), 0], 20)], R, N);
    expect(s.severity[N - 1]).toBe(3);
  });

  it('counts the current minute in the window, and a window at exactly the degraded ratio is not low', () => {
    const s = computeSignals([metric('traffic', 'calls', [...flat(500, N - 1), 210], 1000)], R, N);
    expect([s.severity[N - 2], s.severity[N - 1]]).toEqual([0, 1]);
    expect(s.findings.get(N - 1)).toEqual([{ kind: 'traffic_low', level: 'degraded', metric: 'calls', value: 2210 / 5, expected: 1000 }]);
  });

  it('skips a minute without a count in the window instead of letting it spoil the sum', () => {
    const s = computeSignals([metric('traffic', 'calls', [...flat(300, N - 4), Number.NaN, 300, 300, 300], 1000)], R, N);
    expect(s.severity[N - 1]).toBe(1);
  });

  it('judges the window only once half its minutes are there', () => {
    const s = computeSignals([metric('traffic', 'calls', flat(300), 1000)], R, N);
    expect(Array.from(s.severity.slice(0, 4))).toEqual([0, 0, 1, 1]);
  });

  it('puts a window at three quarters of the expectation at position 0.5', () => {
    const s = computeSignals([metric('traffic', 'calls', flat(750), 1000)], R, N);
    expect(s.position[N - 1]).toBeCloseTo(0.5, 10);
  });

  it('writes a collapse as a major outage with the calls and the plain expectation', () => {
    const s = computeSignals([metric('traffic', 'calls', flat(100), 1000)], R, N);
    expect(s.findings.get(N - 1)).toEqual([{ kind: 'traffic_low', level: 'major_outage', metric: 'calls', value: 100, expected: 1000 }]);
  });

  describe('a coarse row is compared with the mean expectation over its own minutes', () => {
    const coarse = (calls: number, expected: number[]): MetricSeries => ({ ...metric('traffic', 'calls', flat(calls, expected.length), expected), span: Uint16Array.from(flat(5, expected.length)) });
    const r0 = rules({ traffic_tolerance_minutes: 0 });
    it('leaves out the minute before the row', () => {
      // Row of minutes 1..5: expectations 1000, 1000, 1000, 1000, 0 → mean 800; 180 calls is 22.5 %: low, no collapse.
      const s = computeSignals([coarse(180, [10_000, 1000, 1000, 1000, 1000, 0, 0])], r0, 7);
      expect(s.findings.get(5)?.map((f) => f.level)).toEqual(['degraded']);
    });

    it('takes the row\'s last minute in', () => {
      // Mean over 1..5 of 1000, 1000, 1000, 1000, 100 = 820: 150 calls is a collapse; the last minute alone (100) would not be.
      const s = computeSignals([coarse(150, [1000, 1000, 1000, 1000, 1000, 100, 100])], r0, 7);
      expect(s.findings.get(5)?.map((f) => f.level)).toEqual(['major_outage']);
    });
  });

  describe('one silent input of a summed metric', () => {
    const silent = (calls: number[], files = 2, over = {}, combine: 'sum' | 'max' = 'sum'): ReturnType<typeof computeSignals> => {
      const base = metric('traffic', 'calls', calls, 1000);
      const m: MetricSeries = { ...base, config: { ...base.config, combine }, files, fileMin: Float64Array.from(flat(0, calls.length)) };
      return computeSignals([m], rules(over), calls.length);
    };

    it('loses its share: half the calls missing with two inputs is a partial outage, from the minute the window is judged', () => {
      const s = silent(flat(500));
      expect(s.findings.get(N - 1)).toEqual([{ kind: 'input_silent', level: 'partial_outage', metric: 'calls', files: 2, value: 500, expected: 1000 }]);
      expect(s.position[N - 1]).toBeCloseTo(2 + 0.3 / 0.8, 10);
      expect(s.findings.get(0)).toBeUndefined();
      expect(s.findings.get(2)).toBeDefined();
    });

    it('is not judged for a single input or inputs that are not summed', () => {
      expect(silent(flat(500), 1).findings.get(N - 1)).toBeUndefined();
      expect(silent(flat(500), 2, {}, 'max').findings.get(N - 1)).toBeUndefined();
    });

    it('is judged at exactly the minimum expected per input', () => {
      const base = metric('traffic', 'calls', flat(20), 40);
      const s = computeSignals([{ ...base, files: 2, fileMin: Float64Array.from(flat(0)) }], R, N);
      expect(s.findings.get(N - 1)?.[0]).toMatchObject({ kind: 'input_silent' });
    });

    it('needs the other inputs answering: at least half their share each', () => {
      expect(silent([...flat(1000, N - 1), 200]).findings.get(N - 1)).toBeUndefined();
      expect(silent([...flat(1000, N - 1), 250]).findings.get(N - 1)?.[0]).toMatchObject({ kind: 'input_silent' });
      expect(silent([...flat(1000, N - 1), 300], 3).findings.get(N - 1)).toBeUndefined();
    });

    it('needs at least half a silent input\'s share missing (a drained node whose calls went elsewhere is fine)', () => {
      expect(silent(flat(900)).findings.get(N - 1)).toBeUndefined();
      const edge = silent(flat(750), 2, { error_ratio_outage: 0.25 });
      expect(edge.findings.get(N - 1)?.[0]).toMatchObject({ kind: 'input_silent', level: 'partial_outage' });
    });

    it('needs the lost share above the degraded error ratio with many inputs', () => {
      expect(silent(flat(970), 20).findings.get(N - 1)).toBeUndefined();
    });
  });
});

describe('traffic: a coarse row whose expectation is known for part of it', () => {
  it('compares the row with the mean expectation of its known minutes', () => {
    // A 5-min row (minutes 1..5, judged at its end) of 100 calls a minute; the expectation is unknown
    // for its first two minutes and 600 for the other three: 100 is below 20 % of 600, a collapse.
    const expected = [600, Number.NaN, Number.NaN, 600, 600, 600, 600, 600, 600, 600];
    const m = { ...metric('traffic', 'calls', [600, 100, 100, 100, 100, 100, 600, 600, 600, 600], expected), span: new Uint16Array(10).fill(5) };
    const s = computeSignals([m], rules({ traffic_tolerance_minutes: 0 }), 10);
    expect(s.findings.get(5)).toEqual([{ kind: 'traffic_low', level: 'major_outage', metric: 'calls', value: 100, expected: 600 }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Level } from '../../../src/lib/levels';
import { backlogPosition, errorPosition, latencyPosition, scoreFor, SCORE_BANDS, trafficPosition } from '../../../src/lib/health/score';
import { computeSignals } from '../../../src/lib/health/signals';
import { metric, rules } from './helpers';

const R = rules();

describe('score bands', () => {
  it.each<[Level, number, number]>([
    ['operational', 0, 100],
    ['operational', 0.5, 95],
    ['operational', 1, 90],
    ['operational', 3.5, 90],
    ['degraded', 0, 89],
    ['degraded', 1, 89],
    ['degraded', 1.5, 69],
    ['degraded', 2, 50],
    ['degraded', 4, 50],
    ['partial_outage', 2, 49],
    ['partial_outage', 3, 20],
    ['major_outage', 0, 19],
    ['major_outage', 3, 19],
    ['major_outage', 4, 0],
  ])('scores %s at position %d as %d', (level, position, score) => {
    expect(scoreFor(level, position)).toBe(score);
  });

  it('keeps every score of a level inside its band, whatever the position', () => {
    for (const [level, [bottom, top]] of Object.entries(SCORE_BANDS)) {
      for (let x = -1; x <= 5; x += 0.05) {
        const s = scoreFor(level as Level, x);
        expect(s).toBeGreaterThanOrEqual(bottom);
        expect(s).toBeLessThanOrEqual(top);
      }
    }
  });

  it('orders the bands: operational ≥ 90 > degraded ≥ 50 > partial outage ≥ 20 > major outage', () => {
    expect(SCORE_BANDS.operational[0]).toBe(90);
    expect(SCORE_BANDS.degraded).toEqual([50, 89]);
    expect(SCORE_BANDS.partial_outage).toEqual([20, 49]);
    expect(SCORE_BANDS.major_outage[1]).toBeLessThan(20);
  });

  it('gives no score (null in the snapshot) when unknown or under maintenance, and treats NaN as the top of the band', () => {
    expect(scoreFor('unknown', 0)).toBeNaN();
    expect(scoreFor('under_maintenance', 0)).toBeNaN();
    expect(scoreFor('degraded', Number.NaN)).toBe(89);
  });
});

describe('signal positions at the rule thresholds', () => {
  it.each([
    [1, 0],
    [0.75, 0.5],
    [0.5, 1],
    [0.35, 1.5],
    [0.2, 2],
  ])('puts a window traffic ratio of %d at position %d', (ratio, position) => {
    expect(trafficPosition(1, ratio, R)).toBeCloseTo(position, 10);
  });

  it.each([
    [0.2, 0],
    [0.19, 3.05],
    [0.1, 3.5],
    [0, 4],
  ])('puts a minute traffic ratio of %d at position %d (major outage below 20 %)', (ratio, position) => {
    expect(trafficPosition(ratio, 1, R)).toBeCloseTo(position, 10);
  });

  it.each([
    [0, 0],
    [0.025, 0.5],
    [0.05, 1],
    [0.125, 1.5],
    [0.2, 2],
    [0.6, 2.5],
    [1, 3],
  ])('puts an error ratio of %d at position %d', (ratio, position) => {
    expect(errorPosition(ratio, R)).toBeCloseTo(position, 10);
  });

  it.each([
    [300, 300, 0],
    [600, 300, 0.5],
    [900, 300, 1],
    [1800, 300, 2],
    [1000, 1000, 0],
    [2000, 1000, 1],
    [3000, 1000, 1.5],
    [1000, Number.NaN, 0.5],
    [2000, Number.NaN, 1],
  ])('puts a latency of %d ms (usual %d ms) at position %d', (value, usual, position) => {
    expect(latencyPosition(value, usual, R)).toBeCloseTo(position, 10);
  });

  it.each([
    [10, 10, false, 0],
    [55, 10, false, 0.5],
    [100, 10, false, 1],
    [1000, 10, false, 2],
    [500, 50, false, 1],
    [10_000, 500, false, 2],
    [50, 10, true, 1],
  ])('puts a backlog of %d messages (usual %d, growing %s) at position %d', (value, usual, growing, position) => {
    expect(backlogPosition(value, usual, growing, R)).toBeCloseTo(position, 10);
  });

  it('never scores a worse signal higher at the same level (monotone)', () => {
    const check = (f: (v: number) => number, values: number[]): void => {
      const positions = values.map(f);
      for (let k = 1; k < positions.length; k++) expect(positions[k]!).toBeGreaterThanOrEqual(positions[k - 1]!);
    };
    const steps = (from: number, to: number, n: number): number[] => Array.from({ length: n + 1 }, (_, k) => from + ((to - from) * k) / n);
    check((r) => errorPosition(r, R), steps(0, 1, 200));
    check((r) => trafficPosition(1 - r, 1 - r, R), steps(0, 1, 200));
    check((v) => latencyPosition(v, 400, R), steps(0, 10_000, 200));
    check((v) => backlogPosition(v, 20, false, R), steps(0, 100_000, 200));
  });
});

describe('positions in the signal pass', () => {
  it('places a minute with 13 % failed calls between the degraded and the outage thresholds', () => {
    const n = 10;
    const s = computeSignals([metric('traffic', 'calls', new Array<number>(n).fill(1000), 1000), metric('errors', 'errors', new Array<number>(n).fill(130), 0)], R, n);
    expect(s.position[n - 1]).toBeCloseTo(1 + 0.08 / 0.15, 10);
    expect(scoreFor('degraded', s.position[n - 1]!)).toBe(68);
  });

  it('holds the position over minutes without any data, and has none for stale minutes', () => {
    const calls = [1000, 1000, 100, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const s = computeSignals([metric('traffic', 'calls', calls, 1000)], R, calls.length);
    expect(s.position[2]).toBeGreaterThan(3);
    expect(s.position[3]).toBe(s.position[2]);
    expect(s.position[9]).toBeNaN();
  });
});

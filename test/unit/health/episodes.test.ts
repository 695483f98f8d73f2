/**
 * Episodes from the shown levels: where a disrupted run starts and ends, its peak, merging within the
 * merge gap, and the one reason per signal and metric taken from its worst minute.
 */
import { describe, expect, it } from 'vitest';
import { applyDwell, type DwellResult } from '../../../src/lib/health/dwell';
import { buildEpisodes } from '../../../src/lib/health/episodes';
import type { Grid } from '../../../src/lib/health/grid';
import { findingsReason } from '../../../src/lib/health/reasons';
import type { Finding } from '../../../src/lib/health/signals';
import type { Level } from '../../../src/lib/levels';

const T0 = 1762157640; // 2025-11-03 09:14 CET, the stamp of row 0
const grid = (length: number): Grid => ({ start: T0, length });
const at = (i: number): number => T0 + 60 * i;
const noLabels = (): undefined => undefined;
const O: Level = 'operational';
const D: Level = 'degraded';
const P: Level = 'partial_outage';
const M: Level = 'major_outage';
const U: Level = 'unknown';
/** A dwell result written by hand: levels, and the run starts and ends where given. */
const dwell = (levels: Level[], runStart: [number, number][] = [], runEnd: [number, number][] = []): DwellResult => ({ levels, runStart: new Map(runStart), runEnd: new Map(runEnd) });
const episodes = (d: DwellResult, findings = new Map<number, Finding[]>(), gap = 15) => buildEpisodes('pcdh', grid(d.levels.length), d, findings, noLabels, gap);

describe('where an episode starts and ends', () => {
  it('starts at the beginning of the first bad minute and ends at the end of the last one (backdated over the dwell)', () => {
    const d = applyDwell(Int8Array.from([0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]), undefined, { enter: 2, leave: 5 });
    expect(episodes(d)).toEqual([{ service_id: 'pcdh', start: at(2) - 60, end: at(4), peak_level: D, reasons: [] }]);
  });

  it('starts where the level turned without a recorded run start, and ends the minute before it turned back without a run end', () => {
    expect(episodes(dwell([O, O, D, D, O, O]))).toEqual([{ service_id: 'pcdh', start: at(2) - 60, end: at(3), peak_level: D, reasons: [] }]);
  });

  it('never ends before it starts, whatever the recorded last bad minute', () => {
    expect(episodes(dwell([O, D, D, O], [[1, 1]], [[3, 0]]))[0]).toMatchObject({ start: at(1) - 60, end: at(1) });
  });

  it('is still ongoing at the end of the span (end null)', () => {
    expect(episodes(dwell([O, O, M, M], [[2, 1]]))).toEqual([{ service_id: 'pcdh', start: at(1) - 60, end: null, peak_level: M, reasons: [] }]);
  });

  it('opens no episode for unknown or maintenance, and a gap ends one', () => {
    expect(episodes(dwell([O, U, U, 'under_maintenance', O]))).toEqual([]);
    expect(episodes(dwell([D, D, U, D], [], []), new Map(), 0).map((e) => [e.start, e.end])).toEqual([
      [at(0) - 60, at(1)],
      [at(3) - 60, null],
    ]);
  });

  it('takes the worst level of the run as its peak, not the first or the last', () => {
    expect(episodes(dwell([D, P, M, P, D, O]))[0]?.peak_level).toBe(M);
    expect(episodes(dwell([D, M, D, O]))[0]?.peak_level).toBe(M);
  });
});

describe('merging episodes', () => {
  const twoRuns = (gapMinutes: number): DwellResult => dwell([O, D, O, ...new Array<Level>(gapMinutes - 2).fill(O), P, O]);

  it('merges an episode that starts within the merge gap of the previous end, the worse peak kept', () => {
    // Run 1 ends at minute 1, run 2 starts at minute 1 + 15.
    const e = episodes(twoRuns(15));
    expect(e).toEqual([{ service_id: 'pcdh', start: at(1) - 60, end: at(16), peak_level: P, reasons: [] }]);
  });

  it('keeps two episodes apart one minute beyond the merge gap', () => {
    expect(episodes(twoRuns(16)).map((e) => e.peak_level)).toEqual([D, P]);
  });

  it('merges into an ongoing episode, which stays ongoing, and keeps a worse first peak', () => {
    expect(episodes(dwell([M, O, O, D]), new Map(), 5)).toEqual([{ service_id: 'pcdh', start: at(0) - 60, end: null, peak_level: M, reasons: [] }]);
  });

  it('never merges after an ongoing episode (there is nothing after it)', () => {
    expect(episodes(dwell([O, D, O, D, O]), new Map(), 0)).toHaveLength(2);
  });
});

describe('the reasons of an episode', () => {
  const low = (value: number, expected: number, level: Level = M): Finding => ({ kind: 'traffic_low', level, metric: 'calls', value, expected });
  const errs = (ratio: number, level: Level = P): Finding => ({ kind: 'errors_high', level, metric: 'errors', ratio, normal: 0.01 });
  const slow = (value: number): Finding => ({ kind: 'latency_high', level: D, metric: 'p95', value, expected: 300, limit: null });
  const reasonOf = (f: Finding) => findingsReason([f], noLabels);
  const run = dwell([O, M, M, M, M, O, O]);

  it('gives one reason per signal and metric, in order of appearance, with the numbers of its worst minute', () => {
    const findings = new Map<number, Finding[]>([
      [1, [slow(900)]],
      [2, [low(300, 1000), slow(1500)]],
      [3, [low(100, 1000), errs(0.3)]],
      [4, [low(200, 1000), errs(0.5), slow(1200)]],
    ]);
    expect(episodes(run, findings)[0]?.reasons).toEqual([reasonOf(slow(1500)), reasonOf(low(100, 1000)), reasonOf(errs(0.5))]);
  });

  it('takes the worse level before the more extreme number', () => {
    const findings = new Map<number, Finding[]>([
      [1, [errs(0.9, D)]],
      [2, [errs(0.3, P)]],
      [3, [errs(0.95, D)]],
    ]);
    expect(episodes(run, findings)[0]?.reasons).toEqual([reasonOf(errs(0.3, P))]);
  });

  it('takes a major outage before a degraded minute of the same signal, and the first of equally bad minutes', () => {
    const majorFirst = new Map<number, Finding[]>([
      [1, [low(400, 1000, D)]],
      [2, [low(150, 1000, M)]],
      [3, [low(100, 1000, D)]],
    ]);
    expect(episodes(run, majorFirst)[0]?.reasons).toEqual([reasonOf(low(150, 1000, M))]);
    const equal = new Map<number, Finding[]>([
      [1, [low(100, 1000)]],
      [2, [low(50, 500)]],
    ]);
    expect(episodes(run, equal)[0]?.reasons).toEqual([reasonOf(low(100, 1000))]);
  });

  it('calls the lowest share of the expectation the worst traffic, not the lowest count', () => {
    const findings = new Map<number, Finding[]>([
      [1, [low(50, 200)]],
      [2, [low(100, 1000)]],
      [3, [low(60, 200)]],
    ]);
    expect(episodes(run, findings)[0]?.reasons).toEqual([reasonOf(low(100, 1000))]);
    const fewer = new Map<number, Finding[]>([
      [1, [low(100, 200)]],
      [2, [low(40, 1000)]],
    ]);
    expect(episodes(run, fewer)[0]?.reasons).toEqual([reasonOf(low(40, 1000))]);
  });

  it('does the same for a silent input: 40 of 1,000 is worse than 100 of 200', () => {
    const silent = (value: number, expected: number): Finding => ({ kind: 'input_silent', level: P, metric: 'calls', files: 2, value, expected });
    const findings = new Map<number, Finding[]>([
      [1, [silent(100, 200)]],
      [2, [silent(40, 1000)]],
    ]);
    expect(episodes(run, findings)[0]?.reasons).toEqual([reasonOf(silent(40, 1000))]);
  });

  it('reads the findings of every minute of the episode, its first and last included, and none outside it', () => {
    const findings = new Map<number, Finding[]>([
      [0, [errs(0.99)]],
      [1, [low(100, 1000)]],
      [4, [slow(1500)]],
      [5, [errs(0.99)]],
    ]);
    expect(episodes(run, findings)[0]?.reasons).toEqual([reasonOf(low(100, 1000)), reasonOf(slow(1500))]);
  });

  it('reads an ongoing episode\'s findings up to the last minute of the span', () => {
    const findings = new Map<number, Finding[]>([[3, [slow(1500)]]]);
    expect(episodes(dwell([O, M, M, M]), findings)[0]?.reasons).toEqual([reasonOf(slow(1500))]);
  });

  it('keeps the same signal of two metrics apart', () => {
    const other: Finding = { ...slow(2500), metric: 'p99' };
    const findings = new Map<number, Finding[]>([[2, [slow(1500), other]]]);
    expect(episodes(run, findings)[0]?.reasons).toEqual([reasonOf(slow(1500)), reasonOf(other)]);
  });
});

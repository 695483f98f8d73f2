/** Dwell at its edges: stepping down, leaving unknown with coarse rows, no-evidence minutes, run starts and ends. */
import { describe, expect, it } from 'vitest';
import { applyDwell } from '../../../src/lib/health/dwell';
import { NO_EVIDENCE, STALE } from '../../../src/lib/health/signals';

const O = 'operational';
const D = 'degraded';
const P = 'partial_outage';
const M = 'major_outage';
const U = 'unknown';
const run = (sev: number[], enter = 2, leave = 5, maintenance?: number[], weight?: number[]) =>
  applyDwell(Int8Array.from(sev), maintenance === undefined ? undefined : Uint8Array.from(maintenance), { enter, leave }, weight === undefined ? {} : { weight: Uint16Array.from(weight) });

describe('stepping down', () => {
  it('steps down to the worst level of the last leave minutes, the oldest of them included', () => {
    // Major outage, then one degraded minute and four green ones: the five minutes still hold a degraded one.
    const r = run([0, 0, 3, 3, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.levels.slice(4, 15)).toEqual([M, M, M, M, M, D, D, D, D, D, O]);
  });

  it('looks back over the leave minutes only, not over the enter minutes when enter is longer', () => {
    const r = run([0, 0, 0, 3, 3, 3, 1, 0, 0, 0], 3, 2);
    expect(r.levels.slice(5)).toEqual([M, M, D, D, O]);
  });

  it('keeps the shown level while a worse minute is too short to enter and the better ones too few to leave', () => {
    const r = run([0, 0, 1, 1, 1, 3, 0, 0]);
    expect(r.levels.slice(3)).toEqual([D, D, D, D, D]);
  });
});

describe('leaving unknown', () => {
  it('leaves unknown for the mildest level of the last enter minutes even when one coarse row brings several at once', () => {
    // One green minute, then a 3-minute row of major outage: the last two minutes of evidence are both major.
    const r = run([0, 3], 2, 5, undefined, [1, 3]);
    expect(r.levels).toEqual([U, M]);
  });

  it('shows unknown, not the level before, for minutes without evidence', () => {
    const r = run([0, 0, 0, NO_EVIDENCE, NO_EVIDENCE, 0, 0]);
    expect(r.levels).toEqual([U, O, O, U, U, U, O]);
  });
});

describe('when a disruption starts and ends', () => {
  it('backdates a disruption present from the first minute to minute 0', () => {
    const r = run([1, 1, 1]);
    expect(r.levels).toEqual([U, D, D]);
    expect([...r.runStart]).toEqual([[1, 0]]);
  });

  it('records no run end for a series that never leaves green', () => {
    const r = run([0, 0, 0, 0]);
    expect(r.runStart.size).toBe(0);
    expect(r.runEnd.size).toBe(0);
  });

  it('ends a degraded run at its last degraded minute, and records it only where the run ends', () => {
    const r = run([0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(r.levels.slice(3, 10)).toEqual([D, D, D, D, D, D, O]);
    expect([...r.runStart]).toEqual([[3, 2]]);
    expect([...r.runEnd]).toEqual([[9, 4]]);
  });

  it('treats a partial outage as a disruption with its own start and end', () => {
    const r = run([0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0]);
    expect(r.levels[3]).toBe(P);
    expect([...r.runStart]).toEqual([[3, 2]]);
    expect([...r.runEnd]).toEqual([[9, 4]]);
  });

  it('starts a disruption that outlasts a maintenance window where the window ends, not before it', () => {
    // Degraded under maintenance, then green minutes while degraded is still being left.
    const r = run([0, 0, 1, 1, 1, 0, 0, 0], 2, 5, [1, 1, 1, 1, 1, 0, 0, 0]);
    expect(r.levels.slice(4)).toEqual(['under_maintenance', D, D, D]);
    expect([...r.runStart]).toEqual([[5, 5]]);
  });

  it('shows unknown at once on a stale minute inside a disruption and ends the run there', () => {
    const r = run([0, 0, 3, 3, STALE, 0, 0]);
    expect(r.levels.slice(3)).toEqual([M, U, U, O]);
    expect([...r.runEnd]).toEqual([[4, 3]]);
  });
});

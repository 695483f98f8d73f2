import { describe, expect, it } from 'vitest';
import { applyDwell } from '../../../src/lib/health/dwell';
import { HOLD, STALE } from '../../../src/lib/health/signals';

const run = (sev: number[], enter = 2, leave = 5, maintenance?: number[]) =>
  applyDwell(Int8Array.from(sev), maintenance === undefined ? undefined : Uint8Array.from(maintenance), { enter, leave });

describe('dwell', () => {
  it('enters a worse level only after the enter minutes and backdates the run start', () => {
    const r = run([0, 0, 0, 1, 1, 1]);
    expect(r.levels.slice(2)).toEqual(['operational', 'operational', 'degraded', 'degraded']);
    expect(r.runStart.get(4)).toBe(3);
  });

  it('stays green for a single bad minute', () => {
    expect(run([0, 0, 3, 0, 0, 0]).levels).not.toContain('major_outage');
  });

  it('leaves a level only after the leave minutes of better data', () => {
    const r = run([0, 0, 3, 3, 0, 0, 0, 0, 0, 0]);
    expect(r.levels[7]).toBe('major_outage');
    expect(r.levels[8]).toBe('operational');
    expect(r.runEnd.get(8)).toBe(3);
  });

  it('starts unknown and needs the enter minutes of fresh data to leave it', () => {
    expect(run([0, 0, 0]).levels).toEqual(['unknown', 'operational', 'operational']);
  });

  it('shows unknown at once when the data is stale, and a gap is not an outage', () => {
    const r = run([0, 0, HOLD, HOLD, STALE, STALE, 0, 0, 0]);
    expect(r.levels).toEqual(['unknown', 'operational', 'operational', 'operational', 'unknown', 'unknown', 'unknown', 'operational', 'operational']);
    expect(r.runStart.size).toBe(0);
  });

  it('lets minutes without data neither count nor break a run', () => {
    expect(run([0, 0, 1, HOLD, 1]).levels[4]).toBe('degraded');
  });

  it('shows under_maintenance during a window while the rest keeps running underneath', () => {
    const r = run([0, 0, 3, 3, 3, 3], 2, 5, [0, 0, 1, 1, 1, 0]);
    expect(r.levels).toEqual(['unknown', 'operational', 'under_maintenance', 'under_maintenance', 'under_maintenance', 'major_outage']);
  });

  it('gives the same level for minute m whether the series ends at m or goes on (causal)', () => {
    const sev = [0, 0, 1, 1, 3, 3, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    const full = run(sev).levels;
    for (let m = 1; m <= sev.length; m++) expect(run(sev.slice(0, m)).levels).toEqual(full.slice(0, m));
  });
});

import { describe, expect, it } from 'vitest';
import { collectHealth } from '../../../scripts/lib/collect';
import { loadConfigFile } from '../../../scripts/lib/load-config';
import { ReduceCache } from '../../../scripts/lib/reduce-cache';
import { publicInstant } from '../../../src/lib/reduce/digest';
import { evaluationEnd } from '../../../src/lib/reduce/evaluation-end';
import { reduceGrid } from '../../../src/lib/reduce/window';
import { summarizeHealth } from '../../../src/lib/snapshot/build';
import { parseIso } from '../../../src/lib/time/zone';

const loaded = loadConfigFile('data/status.yaml');
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const config = loaded.config;
const TZ = config.site.time_zone;
// The sample's newest rows are stamped 15:30; a service turns grey stale_after_seconds (300 s) later.
const LAST_ROW = parseIso('2025-11-04T15:30:00+01:00');

const run = (now: number, cache: ReduceCache) => collectHealth(config, { dataDir: 'data', grid: reduceGrid(config, now), cache, keep: (h) => summarizeHealth(config, h) });

describe('evaluationEnd', () => {
  const nan = Number.NaN;
  it('is the newest known minute while no metric has passed its stale limit', () => {
    expect(evaluationEnd([Float64Array.from([1, 2, 3, nan, nan]), Float64Array.from([1, nan, nan, nan, nan])], undefined, 5, 4)).toBe(2);
  });

  it('moves to the minute a metric turns stale (stale limit + 1 minutes after its newest value)', () => {
    expect(evaluationEnd([Float64Array.from([1, nan, nan, nan, nan, nan])], undefined, 2, 5)).toBe(3);
    expect(evaluationEnd([Float64Array.from([1, 2, 3, nan, nan, nan]), Float64Array.from([1, nan, nan, nan, nan, nan])], undefined, 1, 5)).toBe(4);
  });

  it('moves to the minute a maintenance window starts or ends', () => {
    expect(evaluationEnd([Float64Array.from([1, 2, nan, nan, nan, nan])], Uint8Array.from([0, 0, 0, 1, 1, 1]), 9, 5)).toBe(3);
    expect(evaluationEnd([Float64Array.from([1, 2, nan, nan, nan, nan])], Uint8Array.from([1, 1, 1, 1, 0, 0]), 9, 5)).toBe(4);
  });

  it('is 0 when nothing is known and nothing changes, and never past now', () => {
    expect(evaluationEnd([Float64Array.from([nan, nan, nan])], undefined, 1, 2)).toBe(0);
    expect(evaluationEnd([Float64Array.from([1, 2, 3, 4])], undefined, 1, 2)).toBe(2);
  });
});

describe('a minute without new data reuses the previous evaluation', { timeout: 240_000 }, () => {
  it('gives, minute after minute, what a fresh evaluation gives: with new data, without, and across the stale limit', () => {
    const reusing = new ReduceCache();
    const fresh = new ReduceCache();
    const seen: { minute: string; reused: boolean[]; levels: string[]; instant: string }[] = [];
    // 15:29:30 … 15:37:30: a new row each minute up to 15:30, then none (grey from 15:36).
    for (const k of [-1, 0, 1, 2, 5, 6, 7]) {
      const now = LAST_ROW + k * 60 + 30;
      const a = run(now, reusing);
      fresh.services.clear(); // the same history, evaluated in full
      const b = run(now, fresh);
      expect(b.services.every((s) => !s.reused)).toBe(true);
      a.services.forEach((s, i) => {
        expect(JSON.stringify(s.health)).toEqual(JSON.stringify(b.services[i]!.health));
        expect(s.evaluatedEnd).toBe(b.services[i]!.evaluatedEnd);
      });
      seen.push({
        minute: new Date(now * 1000).toISOString().slice(11, 16),
        reused: a.services.map((s) => s.reused),
        levels: a.services.map((s) => s.health.service.level),
        instant: publicInstant(a.services.map((s) => s.evaluatedEnd), now, TZ, []),
      });
    }
    const at = (hhmm: string) => seen.find((s) => s.minute === hhmm)!;
    // New rows at 14:29 and 14:30 UTC: evaluated anew each minute.
    expect(['14:29', '14:30'].map((m) => at(m).reused.some(Boolean))).toEqual([false, false]);
    // No new row: the 14:30 evaluation is reused, and the digest's instant does not move.
    for (const m of ['14:31', '14:32', '14:35']) {
      expect(at(m).reused.every(Boolean)).toBe(true);
      expect(at(m).instant).toBe(at('14:30').instant);
    }
    // Five minutes after the last row (stale_after_seconds 300) every service turns grey, on time, then stays reused.
    expect(at('14:35').levels).not.toContain('unknown');
    expect(at('14:36').reused.some(Boolean)).toBe(false);
    expect(at('14:36').levels).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(at('14:36').instant).not.toBe(at('14:35').instant);
    expect(at('14:37').reused.every(Boolean)).toBe(true);
    expect(at('14:37').instant).toBe(at('14:36').instant);
  });

  it('gives what a cold run gives at the same minute', () => {
    const warm = new ReduceCache();
    for (const k of [0, 2, 6]) run(LAST_ROW + k * 60 + 30, warm);
    const reused = run(LAST_ROW + 7 * 60 + 30, warm);
    const cold = run(LAST_ROW + 7 * 60 + 30, new ReduceCache());
    expect(reused.services.every((s) => s.reused)).toBe(true);
    expect(reused.services.map((s) => JSON.stringify(s.health))).toEqual(cold.services.map((s) => JSON.stringify(s.health)));
  });
});

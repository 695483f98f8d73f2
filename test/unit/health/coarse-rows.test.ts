import { describe, expect, it } from 'vitest';
import { fileMinutes } from '../../../src/lib/health/assemble';
import { widened } from '../../../src/lib/health/baseline';
import { applyDwell } from '../../../src/lib/health/dwell';
import { computeSignals, HOLD } from '../../../src/lib/health/signals';
import { metric, rules, series } from './helpers';

describe('rows of a step that is no whole minute (collectd 70 s, 500 s)', () => {
  it('gives every minute the row whose interval holds its stamp: no gap between 70-s rows', () => {
    // Rows of 70 s ending at 70, 140, …, 490 s: minutes 60..480 each lie in one of them (420 and 360 in the same).
    const s = series(70, 70, [1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(fileMinutes([s], [0], { start: 60, length: 8 }, 1))).toEqual([1, 2, 3, 4, 5, 6, 6, 7]);
  });
});

describe('rows finer than a minute (collectd 10 s)', () => {
  it('averages the rows stamped in (t − 60, t] into minute t, never one from after it', () => {
    // Rows stamped 70..180 s: minute 120 takes 70..120, minute 180 takes 130..180.
    const s = series(10, 70, [1, 1, 1, 1, 1, 1, 7, 7, 7, 7, 7, 7]);
    expect(Array.from(fileMinutes([s], [0], { start: 120, length: 2 }, 1))).toEqual([1, 7]);
  });

  it('leaves a minute unknown when fewer than half of its rows are known', () => {
    const s = series(10, 70, [1, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 1, 2, 2, Number.NaN, Number.NaN, Number.NaN, 2]);
    expect(Array.from(fileMinutes([s], [0], { start: 120, length: 2 }, 1))).toEqual([Number.NaN, 2]);
  });

  it('records the span of the row behind every minute (5 for a 5-min row, 1 for minute rows)', () => {
    const spans = new Uint16Array(10);
    fileMinutes([series(300, 300, [5, 7]), series(60, 540, [1, 1])], [0, 0], { start: 60, length: 10 }, 1, spans);
    expect(Array.from(spans)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 1, 1]);
  });
});

describe('coarse rows judged at their own resolution', () => {
  it('judges a 5-min row once, at its end, as 5 minutes of evidence', () => {
    const n = 15;
    const values = [...new Array<number>(10).fill(1000), 0, 0, 0, 0, 0];
    const m = { ...metric('traffic', 'calls', values, 1000), span: new Uint16Array(n).fill(5) };
    // Grid row 0 is stamped at minute 1: 5-min rows end at rows 4, 9 and 14.
    const s = computeSignals([m], rules(), n, 60);
    expect(Array.from(s.severity.slice(10))).toEqual([HOLD, HOLD, HOLD, HOLD, 3]);
    expect(s.weight[14]).toBe(5);
    const levels = applyDwell(s.severity, undefined, { enter: 2, leave: 5 }, { weight: s.weight }).levels;
    expect(levels.slice(10)).toEqual(['operational', 'operational', 'operational', 'operational', 'major_outage']);
  });

  it('counts a coarse row as its minutes when leaving a level too', () => {
    const r = applyDwell(Int8Array.from([0, 3, 3, 0]), undefined, { enter: 2, leave: 5 }, { weight: Uint16Array.from([1, 1, 1, 5]) });
    expect(r.levels[3]).toBe('operational');
  });
});

describe('coarse history in baselines', () => {
  it('reshapes an hour row towards the line between neighbouring rows, never above its mean (down) on a ramp', () => {
    // Three hour rows: 0 (quiet), 60 (ramp hour), 100 (busy): the ramp hour's first minutes expect less than its mean.
    const values = Float64Array.from([...new Array<number>(60).fill(0), ...new Array<number>(60).fill(60), ...new Array<number>(60).fill(100)]);
    const w = widened(values, new Uint16Array(180).fill(60), 'down');
    // The ramp hour's first minute lies halfway between the quiet row's centre (0) and its own (60).
    expect(w[60]!).toBeCloseTo(30.5, 5);
    expect(w[119]!).toBe(60);
    expect(w[179]!).toBe(100);
    expect(w[150]!).toBeGreaterThan(95);
  });

  it('reshapes upwards for metrics that alarm when high', () => {
    const values = Float64Array.from([...new Array<number>(60).fill(100), ...new Array<number>(60).fill(300)]);
    const w = widened(values, new Uint16Array(120).fill(60), 'up');
    expect(w[59]!).toBeCloseTo(198.33, 1);
    expect(w[0]!).toBe(100);
    expect(w[60]!).toBe(300);
  });

  it('gives a row longer than an hour the lowest of its own and its neighbours\' means, wherever its ramp starts (Cacti 2-h rows)', () => {
    // Night 10, a 2-h row whose ramp may start anywhere inside it (mean 40), then a busy row (100).
    const values = Float64Array.from([...new Array<number>(120).fill(10), ...new Array<number>(120).fill(40), ...new Array<number>(120).fill(100)]);
    const w = widened(values, new Uint16Array(360).fill(120), 'down');
    expect([w[0], w[120], w[239], w[240], w[359]]).toEqual([10, 10, 10, 40, 40]);
  });

  it('finds rows of a span that is no multiple of their minutes (collectd 37-min rows), whatever their alignment', () => {
    // Rows of 37 minutes starting at minute 5: the ramp row's first minute lies between the quiet row's centre and its own.
    const values = Float64Array.from([...new Array<number>(5).fill(0), ...new Array<number>(37).fill(0), ...new Array<number>(37).fill(74), ...new Array<number>(37).fill(100)]);
    const w = widened(values, new Uint16Array(116).fill(37), 'down');
    expect(w[42]!).toBeCloseTo(37 + 1, 5);
    expect(w[60]!).toBe(74);
  });

  it('leaves minute rows as they are', () => {
    const values = Float64Array.from([1, 50, 3]);
    expect(Array.from(widened(values, Uint16Array.from([1, 1, 1]), 'down'))).toEqual([1, 50, 3]);
  });
});

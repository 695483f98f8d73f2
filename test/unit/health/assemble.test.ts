import { describe, expect, it } from 'vitest';
import { clampAbove, combineFiles, fileMinutes, robustMax } from '../../../src/lib/health/assemble';
import { series } from './helpers';

describe('metric assembly', () => {
  const grid = { start: 60, length: 10 };

  it('spreads a 5-minute rate over its minutes and lets finer rows win, their gaps included', () => {
    const coarse = series(300, 300, [5, 7]);
    const fine = series(60, 540, [Number.NaN, 1]);
    const v = fileMinutes([coarse, fine], [0, 0], grid, 1);
    expect(Array.from(v)).toEqual([5, 5, 5, 5, 5, 7, 7, 7, Number.NaN, 1]);
  });

  it('turns per-second rates into per-minute ones and negative rates into unknown', () => {
    const v = fileMinutes([series(60, 60, [2, -1])], [0], { start: 60, length: 2 }, 60);
    expect(Array.from(v)).toEqual([120, Number.NaN]);
  });

  it('makes a counter wrap (3.7e7 calls/s) unknown instead of traffic', () => {
    const v = Float64Array.from([100, 3.7e7 * 60, 120]);
    expect(clampAbove(v, 1000 * 60)).toBe(1);
    expect(Array.from(v)).toEqual([100, Number.NaN, 120]);
  });

  it('finds the usual peak despite one absurd spike', () => {
    const v = Float64Array.from([...Array.from({ length: 200 }, (_, i) => i), 3.7e9]);
    expect(robustMax(v)).toBeLessThan(200);
  });

  it('scales a sum up over missing files and gives unknown when too few are known', () => {
    const a = Float64Array.from([10, 10, Number.NaN]);
    const b = Float64Array.from([10, Number.NaN, Number.NaN]);
    expect(Array.from(combineFiles([a, b], 'sum', 0.5, 3))).toEqual([20, 20, Number.NaN]);
    expect(Array.from(combineFiles([a, b], 'sum', 0.9, 3))).toEqual([20, Number.NaN, Number.NaN]);
    expect(Array.from(combineFiles([a, b], 'max', 0.5, 3))).toEqual([10, 10, Number.NaN]);
  });
});

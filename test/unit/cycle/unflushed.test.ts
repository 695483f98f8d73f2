import { describe, expect, it } from 'vitest';
import { unflushedInputs, unknownNow } from '../../../src/lib/cycle/unflushed';

describe('unknownNow', () => {
  it('makes the newest stale-limit minutes plus the current one unknown, and keeps the history', () => {
    const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const out = unknownNow(values, 300);
    expect([...out]).toEqual([1, 2, 3, 4, NaN, NaN, NaN, NaN, NaN, NaN]);
    expect(values[9]).toBe(10);
  });

  it('rounds the stale limit down to whole minutes, as the engine does', () => {
    expect([...unknownNow(Float64Array.from([1, 2, 3, 4]), 119)]).toEqual([1, 2, NaN, NaN]);
  });

  it('makes a series shorter than the stale limit wholly unknown', () => {
    expect([...unknownNow(Float64Array.from([1, 2]), 600)]).toEqual([NaN, NaN]);
  });
});

describe('unflushedInputs', () => {
  it('lists the inputs that could not be flushed with their message', () => {
    const unflushed = new Map([['/d/b.rrd', 'refused']]);
    expect(unflushedInputs([{ path: '/d/a.rrd' }, { path: '/d/b.rrd' }], unflushed)).toEqual([{ path: '/d/b.rrd', message: 'refused' }]);
  });

  it('lists none without a daemon', () => {
    expect(unflushedInputs([{ path: '/d/a.rrd' }], undefined)).toEqual([]);
  });
});

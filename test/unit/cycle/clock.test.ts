import { describe, expect, it } from 'vitest';
import { cycleNow, detectClockJump } from '../../../src/lib/cycle/clock';

const wall = Date.UTC(2025, 10, 4, 14, 30, 0);

describe('detectClockJump', () => {
  it('sees no jump when wall and monotonic time advance together', () => {
    expect(detectClockJump({ wallMs: wall, monoMs: 1000 }, { wallMs: wall + 60_000, monoMs: 61_000 }).kind).toBe('none');
  });

  it('ignores timer jitter within the tolerance', () => {
    expect(detectClockJump({ wallMs: wall, monoMs: 0 }, { wallMs: wall + 61_500, monoMs: 60_000 }).kind).toBe('none');
  });

  it('reports an NTP step forward with its size', () => {
    expect(detectClockJump({ wallMs: wall, monoMs: 0 }, { wallMs: wall + 360_000, monoMs: 60_000 })).toEqual({ kind: 'forward', deltaMs: 300_000 });
  });

  it('reports a step back with a negative delta', () => {
    expect(detectClockJump({ wallMs: wall, monoMs: 0 }, { wallMs: wall - 30_000, monoMs: 60_000 })).toEqual({ kind: 'backward', deltaMs: -90_000 });
  });
});

describe('cycleNow', () => {
  const live = { nowMs: 0, replay: false };
  it('follows the wall clock in live mode', () => {
    expect(cycleNow(live, 0, { wallMs: wall, monoMs: 5 }, wall - 60_000)).toEqual({ now: { nowMs: wall, replay: false }, note: null });
  });

  it('holds a live minute after a small step back, and it stays live (no replay banner)', () => {
    const result = cycleNow(live, 0, { wallMs: wall - 90_000, monoMs: 5 }, wall);
    expect(result.now).toEqual({ nowMs: wall, replay: false });
    expect(result.note).toBe('wall clock is 90 s behind the last cycle: holding now');
  });

  it('follows a large step back, still live, and says so', () => {
    const result = cycleNow(live, 0, { wallMs: wall - 3_600_000, monoMs: 5 }, wall);
    expect(result.now).toEqual({ nowMs: wall - 3_600_000, replay: false });
    expect(result.note).toBe('wall clock stepped back 3600 s: following it');
  });

  it('advances a replay by monotonic time from its start, whatever the wall clock does', () => {
    expect(cycleNow({ nowMs: wall, replay: true }, 1_000, { wallMs: 0, monoMs: 121_000 }, null)).toEqual({ now: { nowMs: wall + 120_000, replay: true }, note: null });
  });

  it('keeps latest for the reducer to resolve', () => {
    expect(cycleNow('latest', 0, { wallMs: wall, monoMs: 0 }, null)).toEqual({ now: 'latest', note: null });
  });
});

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
  it('follows the wall clock in live mode', () => {
    expect(cycleNow({ kind: 'live' }, { wallMs: wall, monoMs: 5 }, wall - 60_000)).toEqual({ nowMs: wall, replay: false, note: null });
  });

  it('holds now at the last cycle when the wall clock stepped back a little, and says so', () => {
    const result = cycleNow({ kind: 'live' }, { wallMs: wall - 90_000, monoMs: 5 }, wall);
    expect(result.nowMs).toBe(wall);
    expect(result.note).toBe('wall clock is 90 s behind the last cycle: holding now');
  });

  it('follows a large step back, and says so, because the clock was wrong before', () => {
    const result = cycleNow({ kind: 'live' }, { wallMs: wall - 3_600_000, monoMs: 5 }, wall);
    expect(result.nowMs).toBe(wall - 3_600_000);
    expect(result.note).toBe('wall clock stepped back 3600 s: following it');
  });

  it('advances a replay by monotonic time, untouched by wall-clock steps', () => {
    const mode = { kind: 'replay', startMs: wall, startMonoMs: 1_000 } as const;
    expect(cycleNow(mode, { wallMs: 0, monoMs: 121_000 }, null)).toEqual({ nowMs: wall + 120_000, replay: true, note: null });
  });

  it('leaves now to the reducer and marks the snapshot as a replay for --now latest', () => {
    expect(cycleNow({ kind: 'latest' }, { wallMs: wall, monoMs: 0 }, null)).toEqual({ nowMs: null, replay: true, note: null });
  });
});

/**
 * The `now` of each cycle, and clock jumps. Pure: wall and monotonic readings are passed in.
 *
 * Live mode follows the wall clock, except that a small step back (NTP correcting a fast clock) holds
 * `now` at the last value instead of recomputing minutes already published; a large step back is
 * followed (the clock was badly wrong before) and reported. Replay mode (`--now`) advances from its
 * start by monotonic time, so wall-clock steps do not move a replay at all.
 */
import { liveAt, replayAt, type NowRequest } from './now';

/** A detected difference between wall-clock and monotonic progress. */
export interface ClockJump {
  kind: 'none' | 'forward' | 'backward';
  /** Wall-clock progress minus monotonic progress, milliseconds (negative = stepped back). */
  deltaMs: number;
}

/** A wall/monotonic reading pair. */
export interface ClockReading {
  wallMs: number;
  monoMs: number;
}

/** Compares two readings; differences within `toleranceMs` (timer jitter, slow syscalls) are no jump. */
export function detectClockJump(previous: ClockReading, current: ClockReading, toleranceMs = 2_000): ClockJump {
  const deltaMs = current.wallMs - previous.wallMs - (current.monoMs - previous.monoMs);
  if (deltaMs > toleranceMs) return { kind: 'forward', deltaMs };
  if (deltaMs < -toleranceMs) return { kind: 'backward', deltaMs };
  return { kind: 'none', deltaMs };
}

/** The chosen `now` of a cycle and why it differs from the wall clock. */
export interface CycleNow {
  now: NowRequest;
  /** Set when `now` was held back or a jump was followed: goes into the cycle log line. */
  note: string | null;
}

/**
 * The `now` of a cycle. `asked` is what the command line asked for at start (`startMonoMs` is the
 * monotonic reading of that moment): a replayed instant advances by monotonic time, `latest` stays
 * `latest`, live follows the wall clock. `lastNowMs` is the previous live cycle's `now` (null on the
 * first cycle); steps back up to `maxHoldMs` hold `now` there so a minute is never computed "before"
 * one already published — and a held minute is still live, never a replay.
 */
export function cycleNow(asked: NowRequest, startMonoMs: number, reading: ClockReading, lastNowMs: number | null, maxHoldMs = 10 * 60_000): CycleNow {
  if (asked === 'latest') return { now: 'latest', note: null };
  if (asked.replay) return { now: replayAt(asked.nowMs + (reading.monoMs - startMonoMs)), note: null };
  if (lastNowMs === null || reading.wallMs >= lastNowMs) return { now: liveAt(reading.wallMs), note: null };
  const back = lastNowMs - reading.wallMs;
  if (back <= maxHoldMs) {
    return { now: liveAt(lastNowMs), note: `wall clock is ${Math.round(back / 1000)} s behind the last cycle: holding now` };
  }
  return { now: liveAt(reading.wallMs), note: `wall clock stepped back ${Math.round(back / 1000)} s: following it` };
}

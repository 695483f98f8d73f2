/**
 * The `now` of each cycle, and clock jumps. Pure: wall and monotonic readings are passed in.
 *
 * Live mode follows the wall clock, except that a small step back (NTP correcting a fast clock) holds
 * `now` at the last value instead of recomputing minutes already published; a large step back is
 * followed (the clock was badly wrong before) and reported. Replay mode (`--now`) advances from its
 * start by monotonic time, so wall-clock steps do not move a replay at all.
 */

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

/** How a cycle's `now` is chosen. */
export type NowMode =
  | { kind: 'live' }
  /** Replay from a fixed instant; the clock advances in real (monotonic) time from `startMonoMs`. */
  | { kind: 'replay'; startMs: number; startMonoMs: number }
  /** Replay at the newest data in the inputs, re-evaluated by the reducer every cycle. */
  | { kind: 'latest' };

/** The chosen `now` for a cycle (null for `latest`: the reducer finds it) and why it differs from the wall clock. */
export interface CycleNow {
  nowMs: number | null;
  replay: boolean;
  /** Set when `now` was held back or a jump was followed: goes into the cycle log line. */
  note: string | null;
}

/**
 * The `now` of a cycle. `lastNowMs` is the previous live cycle's `now` (null on the first cycle);
 * steps back up to `maxHoldMs` hold `now` there so a minute is never computed "before" one already published.
 */
export function cycleNow(mode: NowMode, reading: ClockReading, lastNowMs: number | null, maxHoldMs = 10 * 60_000): CycleNow {
  if (mode.kind === 'latest') return { nowMs: null, replay: true, note: null };
  if (mode.kind === 'replay') return { nowMs: mode.startMs + (reading.monoMs - mode.startMonoMs), replay: true, note: null };
  if (lastNowMs === null || reading.wallMs >= lastNowMs) return { nowMs: reading.wallMs, replay: false, note: null };
  const back = lastNowMs - reading.wallMs;
  if (back <= maxHoldMs) {
    return { nowMs: lastNowMs, replay: false, note: `wall clock is ${Math.round(back / 1000)} s behind the last cycle: holding now` };
  }
  return { nowMs: reading.wallMs, replay: false, note: `wall clock stepped back ${Math.round(back / 1000)} s: following it` };
}

/**
 * Minute-aligned scheduling of rebuild cycles. Pure: every instant (epoch milliseconds) is passed in.
 *
 * Ticks sit on multiples of the interval since the epoch (so a 60 s interval ticks at hh:mm:00 in every
 * time zone, DST included: offsets are whole minutes). Cycles never overlap: a cycle that runs past the
 * next tick makes the loop skip that tick (and any later one it also ran over) instead of queueing it.
 */

/** The first tick boundary strictly after `afterMs`. */
export function nextAlignedTick(afterMs: number, intervalMs: number): number {
  return (Math.floor(afterMs / intervalMs) + 1) * intervalMs;
}

/** What follows a cycle: the next tick to run and the ticks skipped because the cycle overran them. */
export interface AfterCyclePlan {
  nextTickMs: number;
  /** Tick instants that fell inside the cycle and will not run (empty when it finished in time). */
  skippedTicksMs: number[];
}

/** Plans the next tick after a cycle that was started for `tickMs` and ended at `endMs`. */
export function planAfterCycle(tickMs: number, endMs: number, intervalMs: number): AfterCyclePlan {
  const following = tickMs + intervalMs;
  if (endMs < following) return { nextTickMs: following, skippedTicksMs: [] };
  const nextTickMs = nextAlignedTick(endMs, intervalMs);
  const skippedTicksMs: number[] = [];
  // Bounded: a cycle that hangs for days must not build a huge array; the count is what matters.
  for (let t = following; t < nextTickMs && skippedTicksMs.length < 1000; t += intervalMs) skippedTicksMs.push(t);
  return { nextTickMs, skippedTicksMs };
}

/** What to do when the loop's timer fires. */
export type WakeDecision =
  | { action: 'run'; tickMs: number }
  | { action: 'sleep'; sleepMs: number; tickMs: number };

/**
 * Decides, at a timer wake-up, whether the tick is due. Timers run on the monotonic clock while ticks are
 * wall-clock instants, so after an NTP step the two disagree: when the wall clock is behind the target by
 * more than one interval (stepped back) the target moves to the next aligned tick; when it is ahead
 * (stepped forward, or the process was suspended) the cycle runs at once.
 */
export function decideWake(wallMs: number, targetTickMs: number, intervalMs: number, slackMs = 5): WakeDecision {
  if (wallMs >= targetTickMs - slackMs) return { action: 'run', tickMs: targetTickMs };
  if (targetTickMs - wallMs > intervalMs) {
    const retarget = nextAlignedTick(wallMs, intervalMs);
    return { action: 'sleep', sleepMs: retarget - wallMs, tickMs: retarget };
  }
  return { action: 'sleep', sleepMs: targetTickMs - wallMs, tickMs: targetTickMs };
}

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

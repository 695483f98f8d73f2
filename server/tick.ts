/**
 * The event-loop iteration as a freshness unit. Files (the snapshot, the published build, each
 * served file) are checked at most once per iteration instead of once per request: under load one
 * iteration handles dozens of requests, and a change completed before an iteration begins is still
 * seen by every request handled in it, so "the next request sees the new file" holds.
 */

let tick = 0;
let scheduled = false;

/** A number that changes between event-loop iterations (only while someone asks). */
export function currentTick(): number {
  if (!scheduled) {
    scheduled = true;
    setImmediate(() => {
      tick++;
      scheduled = false;
    });
  }
  return tick;
}

/** `compute`, called at most once per event-loop iteration; the same value within one. */
export function oncePerTick<T>(compute: () => T): () => T {
  let at = -1;
  let value: T;
  return () => {
    const now = currentTick();
    if (now !== at) {
      value = compute();
      at = now;
    }
    return value;
  };
}

/**
 * Up to which minute a service is evaluated at `now`: its newest known data, or the latest minute
 * since then at which something changes with time alone — a metric crossing its stale limit (the
 * service turns grey), a maintenance window starting or ending, each full hour while it is grey. Between such minutes a service with
 * no new data has nothing new to say: its evaluation, and so the public snapshot, stays as it was,
 * so a minute without new data can reuse the previous evaluation (scripts/lib/collect.ts) and the
 * digest does not move (digest.ts). Pure.
 */

/** Index of the newest finite value at or before `last` (-1 when none). */
function newestKnown(values: Float64Array, last: number): number {
  for (let i = Math.min(last, values.length - 1); i >= 0; i--) {
    const v = values[i]!;
    if (v === v && v !== Infinity && v !== -Infinity) return i;
  }
  return -1;
}

/**
 * The grid index up to which a service is evaluated, for a grid whose index `last` is `now`'s
 * minute: the newest minute any metric knows, or the latest later minute ≤ `last` at which a metric
 * turns stale (`staleRows` minutes after its newest value, as signals.ts counts) or the maintenance
 * flags change; 0 when nothing is known and nothing changes.
 */
export function evaluationEnd(metrics: readonly Float64Array[], maintenance: Uint8Array | undefined, staleRows: number, last: number, gridStart = 0): number {
  let end = 0;
  let grey = metrics.length === 0;
  for (const values of metrics) {
    const k = newestKnown(values, last);
    // The first stale minute (signals.ts: stale when i − newest > staleRows); never known = stale from the start.
    const stale = k < 0 ? 0 : k + staleRows + 1;
    if (stale <= last) grey = true;
    if (k < 0) continue;
    end = Math.max(end, k);
    if (stale <= last) end = Math.max(end, stale);
  }
  // A grey service still moves on each full hour, so its grey time keeps counting in the uptime bars.
  if (grey) {
    const hour = last - (((Math.round(gridStart / 60) + last) % 60) + 60) % 60;
    if (hour > end) end = hour;
  }
  if (maintenance !== undefined) {
    for (let j = Math.min(last, maintenance.length - 1); j > end; j--) {
      if (maintenance[j] !== maintenance[j - 1]) {
        end = j;
        break;
      }
    }
  }
  return Math.min(end, last);
}

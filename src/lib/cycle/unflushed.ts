/**
 * A metric whose files rrdcached could not flush. Pure.
 *
 * With rrdcached, the newest rows of a file may still be in the daemon and not on disk. When the
 * daemon does not answer (or refuses a file), what the disk holds is true but may end early: the
 * metric's current state is not known. Its history stays as read; its newest minutes — as many as
 * the stale limit, plus the current one — are unknown, so the engine shows the metric unknown now
 * (never green on lagging rows), and the service's reason says the data could not be read.
 */

/** The values with their last `floor(staleAfterSeconds / 60) + 1` minutes unknown (a new array). */
export function unknownNow(values: Float64Array, staleAfterSeconds: number): Float64Array {
  const out = Float64Array.from(values);
  const rows = Math.floor(staleAfterSeconds / 60) + 1;
  out.fill(Number.NaN, Math.max(0, out.length - rows));
  return out;
}

/** The inputs of a metric that could not be flushed, each with its one-line message. */
export function unflushedInputs(inputs: readonly { path: string }[], unflushed: ReadonlyMap<string, string> | undefined): { path: string; message: string }[] {
  if (unflushed === undefined || unflushed.size === 0) return [];
  const out: { path: string; message: string }[] = [];
  for (const { path } of inputs) {
    const message = unflushed.get(path);
    if (message !== undefined) out.push({ path, message });
  }
  return out;
}

/**
 * Which rows of an input file a run takes into its metric's running aggregate (pure; the reading is
 * scripts/lib/collect-metric.ts's). Keyed on the file's identity and on the window, so a warm run at
 * any `now` takes in exactly the rows a cold run there would read.
 */

/** How far a file's rows were taken in (see reduce-cache.ts). */
export interface IngestMark {
  size: number;
  mtimeMs: number;
  /** Newest row taken in (epoch s). */
  until: number;
  /** Newest row the file held when read. */
  newest: number;
}

/** What to do with one file this run. */
export type IngestStep =
  /** Unchanged and taken in as far as the window reaches (or the file goes): not even opened. */
  | { kind: 'unchanged' }
  /** Nothing after the mark inside the window (a replay of an earlier minute): the mark stays. */
  | { kind: 'nothing-new' }
  /** Read the rows after `from` up to the window's end. */
  | { kind: 'read'; from: number };

/** The step for a file with `mark` (undefined: never read) and its current size and mtime, for the window [windowStart, windowEnd] (row times). */
export function ingestStep(mark: IngestMark | undefined, file: { size: number; mtimeMs: number }, windowStart: number, windowEnd: number): IngestStep {
  if (mark !== undefined && mark.size === file.size && mark.mtimeMs === file.mtimeMs && mark.until >= Math.min(mark.newest, windowEnd)) return { kind: 'unchanged' };
  // A row stamped t covers (t - 60, t]: the window's first row needs the rows after windowStart - 60.
  const from = mark === undefined ? windowStart - 60 : Math.max(mark.until, windowStart - 60);
  if (from >= windowEnd) return { kind: 'nothing-new' };
  return { kind: 'read', from };
}

/** True when a file's rows now end before what was already taken in: it was replaced (restored, recreated), and its metric must be rebuilt from the files. */
export function wentBackInTime(mark: IngestMark | undefined, newest: number): boolean {
  return mark !== undefined && newest < mark.until;
}

/** The mark after reading rows (from, windowEnd] of a file whose newest row is `newest`. */
export function markAfterRead(file: { size: number; mtimeMs: number }, from: number, newest: number, windowEnd: number): IngestMark {
  return { size: file.size, mtimeMs: file.mtimeMs, until: Math.max(from, Math.min(newest, windowEnd)), newest };
}

/**
 * The one `now` of a run, from the command line to the snapshot. The wall clock is read once per
 * cycle, in the entry scripts; everything after that is handed this value.
 */

/** The instant a run evaluates. */
export interface Instant {
  /** Epoch milliseconds. */
  nowMs: number;
  /**
   * True when `nowMs` is not the wall clock (`--now ISO`, `--now latest`): the run computes its
   * ledger in memory, never writes it, and the pages carry the replay banner. A live minute held
   * back after a small clock step is still live (false).
   */
  replay: boolean;
}

/** What a run is asked to evaluate: an instant, or the newest data in the inputs (always a replay). */
export type NowRequest = Instant | 'latest';

/** The wall clock reading as a live instant. */
export const liveAt = (wallMs: number): Instant => ({ nowMs: wallMs, replay: false });

/** A replayed instant. */
export const replayAt = (nowMs: number): Instant => ({ nowMs, replay: true });

/** Epoch seconds of an instant (the unit of the core). */
export const nowSeconds = (instant: Instant): number => Math.floor(instant.nowMs / 1000);

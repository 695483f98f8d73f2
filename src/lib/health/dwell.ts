/**
 * Dwell: the shown level changes only after the data agrees long enough, so one bad minute does
 * not flap the page. Entering a worse level needs `enter` consecutive bad minutes; leaving it needs
 * `leave` consecutive better minutes. Minutes without data (before the stale limit) neither count
 * nor break a run. Stale data shows unknown at once; leaving unknown needs `enter` fresh minutes.
 * Maintenance shows under_maintenance while the rest keeps running underneath.
 * A single forward pass: the level of minute i depends only on minutes ≤ i.
 */
import type { Level } from '../levels';
import { HOLD, NO_EVIDENCE, SEVERITY_LEVELS, STALE } from './signals';

export interface DwellOptions {
  enter: number;
  leave: number;
}

/** The shown level per minute, and when each disrupted run really began and ended (backdated). */
export interface DwellResult {
  levels: Level[];
  /** Grid index of the first bad minute of the run that opened the episode, per episode-opening index. */
  runStart: Map<number, number>;
  /** Grid index of the last bad minute seen, per index where a disrupted run ends (the first non-disrupted index). */
  runEnd: Map<number, number>;
}

const UNKNOWN = -2;

/** What a judged minute carries besides its severity (signals.ts): minutes of evidence, and a level shown at once. */
export interface DwellEvidence {
  /** Minutes of evidence per minute (a coarse row judged at its end counts its span); 1 when absent. */
  weight?: Uint16Array;
  /** Severity shown at once (overwhelming evidence), 0 = none; never used to leave unknown. */
  decisive?: Int8Array;
}

/**
 * Applies dwell to a candidate severity series (see signals.ts) and maintenance flags. A worse level
 * is entered after `enter` minutes of evidence for it (a decisive minute enters at once); a better
 * one after `leave` minutes of better evidence, stepping down to the worst level the last `leave`
 * minutes still support (never straight to green past a milder level); unknown is left for the
 * mildest level of the last `enter` fresh minutes.
 */
export function applyDwell(severity: Int8Array, maintenance: Uint8Array | undefined, options: DwellOptions, evidence: DwellEvidence = {}): DwellResult {
  const weights = evidence.weight;
  const decisive = evidence.decisive;
  const n = severity.length;
  const levels: Level[] = new Array<Level>(n);
  const runStart = new Map<number, number>();
  const runEnd = new Map<number, number>();
  let state = UNKNOWN;
  const run = [0, 0, 0, 0];
  const runFrom = [0, 0, 0, 0];
  let below = 0;
  let fresh = 0;
  const keep = Math.max(options.enter, options.leave);
  // The last `keep` judged severities, as a ring (no array shifting per minute: this runs for every minute).
  const recent = new Int8Array(Math.max(1, keep));
  let head = 0; // index of the oldest
  let held = 0; // how many are held
  /** The lowest (`min`) or highest of the newest `count` severities held (±Infinity when none, as Math.min()/max()). */
  const newest = (count: number, min: boolean): number => {
    let out = min ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    const take = Math.min(count, held);
    for (let k = held - take; k < held; k++) {
      const v = recent[(head + k) % recent.length]!;
      if (min ? v < out : v > out) out = v;
    }
    return out;
  };
  let disrupted = false;
  let lastBad = -1;

  for (let i = 0; i < n; i++) {
    const s = severity[i]!;
    if (s === STALE || s === NO_EVIDENCE) {
      state = UNKNOWN;
      run[1] = run[2] = run[3] = 0;
      below = 0;
      fresh = 0;
      held = 0;
    } else if (s !== HOLD) {
      const wt = weights === undefined ? 1 : Math.max(1, weights[i]!);
      const now = decisive === undefined ? 0 : decisive[i]!;
      for (let l = 1; l <= 3; l++) {
        if (s >= l) {
          if (run[l] === 0) runFrom[l] = Math.max(0, i - wt + 1);
          run[l]! += wt;
        } else run[l] = 0;
      }
      if (s >= 1) lastBad = i;
      for (let k = 0, pushes = Math.min(wt, keep); k < pushes; k++) {
        if (held < keep) recent[(head + held++) % recent.length] = s;
        else {
          recent[head] = s;
          head = (head + 1) % recent.length;
        }
      }
      if (state === UNKNOWN) {
        fresh += wt;
        if (fresh >= options.enter) state = newest(options.enter, true);
      } else {
        let escalated = false;
        for (let l = 3; l > state; l--) {
          if (run[l]! >= options.enter || (now >= l && s >= l)) {
            state = l;
            escalated = true;
            below = 0;
            break;
          }
        }
        if (!escalated) {
          if (s < state) {
            below += wt;
            if (below >= options.leave) {
              state = newest(options.leave, false);
              below = 0;
            }
          } else below = 0;
        }
      }
    }
    const inMaintenance = maintenance !== undefined && maintenance[i] === 1;
    const level: Level = inMaintenance ? 'under_maintenance' : state === UNKNOWN ? 'unknown' : SEVERITY_LEVELS[state]!;
    levels[i] = level;
    const nowDisrupted = !inMaintenance && state >= 1 && state <= 3;
    if (nowDisrupted && !disrupted) runStart.set(i, run[1]! > 0 ? runFrom[1]! : i);
    if (!nowDisrupted && disrupted) runEnd.set(i, lastBad);
    disrupted = nowDisrupted;
  }
  return { levels, runStart, runEnd };
}

/**
 * The one log line per cycle. Pure: the script measures, this formats.
 * key=value pairs so operators can grep and awk them; always a single line, whatever the error text.
 */
import type { Level } from '../levels';

/** What happened to the site in a cycle. */
export type CycleOutcome =
  | 'published' // a new build is live
  | 'unchanged' // build skipped: same content, published build still valid
  | 'failed'; // nothing published this cycle; the previous build stays live

/** Everything one cycle reports. Durations in milliseconds; null = phase did not run. */
export interface CycleSummary {
  /** Wall-clock start of the cycle, ISO. */
  startedAt: string;
  /** The `now` the snapshot was computed for, ISO (null when reduce did not get that far). */
  now: string | null;
  replay: boolean;
  outcome: CycleOutcome;
  files: { read: number; skipped: number; failed: number };
  phases: { reduceMs: number | null; buildMs: number | null; publishMs: number | null };
  totalMs: number;
  levels: { id: string; level: Level }[];
  overall: Level | null;
  /** Short remarks: skipped ticks, clock jumps, why the build was skipped, webhook drops. */
  notes: string[];
  /** Why the cycle failed (one line), null when it did not. */
  error: string | null;
  /**
   * When the next cycle must run without new data (epoch ms): the instant the status could change by
   * itself. Null: unknown (a failed cycle) or every interval (rrdcached: the files on disk lag).
   */
  nextDueMs?: number | null;
}

/**
 * The summary of a cycle that has not got anywhere (yet): outcome `failed`, nothing read, no phase
 * run. A cycle starts from it and fills in what it did; a cycle stopped early is logged as it is.
 */
export function failedCycle(wallMs: number, replay: boolean, notes: readonly string[], error: string | null): CycleSummary {
  return {
    startedAt: new Date(wallMs).toISOString(),
    now: null,
    replay,
    outcome: 'failed',
    files: { read: 0, skipped: 0, failed: 0 },
    phases: { reduceMs: null, buildMs: null, publishMs: null },
    totalMs: 0,
    levels: [],
    overall: null,
    notes: [...notes],
    error,
  };
}

/** Milliseconds as "412ms" below 10 s, "12.3s" above. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  return ms < 10_000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ⏎ ').trim();

/** The single log line of a cycle. */
export function formatCycleLine(s: CycleSummary): string {
  const parts = [
    `cycle ${s.outcome}`,
    `at=${s.startedAt}`,
    `now=${s.now ?? '-'}${s.replay ? ' (replay)' : ''}`,
    `files read=${s.files.read} skipped=${s.files.skipped} failed=${s.files.failed}`,
    `reduce=${formatDuration(s.phases.reduceMs)} build=${formatDuration(s.phases.buildMs)} publish=${formatDuration(s.phases.publishMs)} total=${formatDuration(s.totalMs)}`,
  ];
  if (s.levels.length > 0 || s.overall !== null) {
    const levels = s.levels.map((l) => `${l.id}=${l.level}`);
    parts.push(`levels ${[...levels, `overall=${s.overall ?? '-'}`].join(' ')}`);
  }
  let line = parts.join(' | ');
  if (s.error !== null) line += ` | error: ${oneLine(s.error)}`;
  if (s.notes.length > 0) line += ` | ${s.notes.map(oneLine).join('; ')}`;
  return line;
}

/** The line logged when ticks are skipped because a cycle overran them. */
export function formatSkippedTicks(count: number, cycleMs: number, intervalMs: number): string {
  return `cycle overran: took ${formatDuration(cycleMs)} for a ${formatDuration(intervalMs)} interval, skipping ${count} tick${count === 1 ? '' : 's'}`;
}

/**
 * Scores detected episodes against labelled incidents: found or missed, start/end error, detection
 * delay, false incidents, precision and recall. Pure.
 */
import { isDisrupted, type Level } from '../levels';
import type { TruthIncident } from './truth';

/** A detected episode reduced to what matching needs (epoch seconds). */
export interface EpisodeLike {
  service_id: string;
  start: number;
  end: number | null;
}

/** The shown level per minute of one service: row i stamps `start + 60 i`. */
export interface LevelTimeline {
  start: number;
  levels: readonly Level[];
}

export interface IncidentScore {
  id: string;
  /** True incidents: detected. Non-incidents (is_service_incident false): wrongly reported as an incident. */
  found: boolean;
  start_error_s: number | null;
  end_error_s: number | null;
  delay_s: number | null;
  /** Delay from the labelled onset (gradual incidents), else from the start; null when never shown. */
  onset_delay_s: number | null;
}

export interface FalseIncident {
  service: string;
  start: number;
  end: number | null;
}

export interface EvaluationResult {
  incidents: IncidentScore[];
  false_incidents: FalseIncident[];
  precision: number;
  recall: number;
}

/** Slack (seconds) around a labelled interval within which an episode still counts as that incident (edges smear by a row). */
export const MATCH_SLACK_SECONDS = 10 * 60;

function overlaps(e: EpisodeLike, t: TruthIncident, now: number): boolean {
  const tEnd = t.end_epoch ?? now;
  const eEnd = e.end ?? now;
  return e.start <= tEnd + MATCH_SLACK_SECONDS && eEnd >= t.start_epoch - MATCH_SLACK_SECONDS;
}

/** Matches episodes (already mapped to truth service names) against the labelled incidents. */
export function scoreEpisodes(
  truth: readonly TruthIncident[],
  episodes: readonly EpisodeLike[],
  timelines: ReadonlyMap<string, LevelTimeline>,
  now: number,
): EvaluationResult {
  const used = new Set<EpisodeLike>();
  const incidents = truth.map((t): IncidentScore => {
    const matches = episodes.filter((e) => e.service_id === t.service && overlaps(e, t, now));
    matches.forEach((e) => {
      if (t.is_service_incident) used.add(e);
    });
    if (matches.length === 0) return { id: t.id, found: false, start_error_s: null, end_error_s: null, delay_s: null, onset_delay_s: null };
    const first = matches.reduce((a, b) => (b.start < a.start ? b : a));
    const last = matches.reduce((a, b) => ((b.end ?? Infinity) > (a.end ?? Infinity) ? b : a));
    const endError = t.end_epoch === null && last.end === null ? 0 : t.end_epoch === null || last.end === null ? null : last.end - t.end_epoch;
    const delay = detectionDelay(t, timelines.get(t.service), now);
    const onset = t.onset_epoch ?? t.start_epoch;
    const onsetDelay = delay === null ? null : Math.max(0, t.start_epoch + delay - onset);
    return { id: t.id, found: true, start_error_s: first.start - t.start_epoch, end_error_s: endError, delay_s: delay, onset_delay_s: onsetDelay };
  });
  const falseIncidents = episodes.filter((e) => !used.has(e)).map((e) => ({ service: e.service_id, start: e.start, end: e.end }));
  const real = truth.filter((t) => t.is_service_incident);
  const found = incidents.filter((s, k) => truth[k]!.is_service_incident && s.found).length;
  const detected = episodes.length;
  return {
    incidents,
    false_incidents: falseIncidents,
    precision: detected === 0 ? 1 : used.size / detected,
    recall: real.length === 0 ? 1 : found / real.length,
  };
}

/** Seconds from the labelled start until the level first shows orange or red (null when never). */
export function detectionDelay(t: TruthIncident, timeline: LevelTimeline | undefined, now: number): number | null {
  if (timeline === undefined) return null;
  const until = (t.end_epoch ?? now) + MATCH_SLACK_SECONDS;
  const from = Math.max(0, Math.ceil((t.start_epoch - timeline.start) / 60));
  for (let i = from; i < timeline.levels.length; i++) {
    const time = timeline.start + i * 60;
    if (time > until) break;
    if (isDisrupted(timeline.levels[i]!)) return Math.max(0, time - t.start_epoch);
  }
  return null;
}

/**
 * The one staleness rule of the renderers: once the wall clock passes the snapshot's `valid_until`
 * (rebuilds stopped), every level shows as `unknown` with the "data delayed" reason. This does not
 * recompute a status: it only refuses to vouch for an expired one. `now` is passed in (epoch seconds).
 */
import type { Level } from '../levels';
import type { Localized, Snapshot } from '../snapshot/schema';
import { parseIso } from '../time/zone';
import { STALE_REASON, allLanguages } from './labels';

/** What a renderer shows for a service or the page. */
export interface ShownLevel {
  level: Level;
  score: number | null;
  reason: Localized | null;
}

/** The epoch second from which the snapshot is expired: its `valid_until`, or -Infinity when that is unparsable. */
export function expiresAt(snapshot: Snapshot): number {
  const until = parseIso(snapshot.valid_until);
  // An unparsable valid_until cannot vouch for anything: treat as expired (never a false green).
  return Number.isNaN(until) ? Number.NEGATIVE_INFINITY : until;
}

/** True when `now` (epoch seconds) is at or past the snapshot's `valid_until`. */
export function isExpired(snapshot: Snapshot, now: number): boolean {
  const at = expiresAt(snapshot);
  return at === Number.NEGATIVE_INFINITY || now >= at;
}

function staleShown(snapshot: Snapshot): ShownLevel {
  return { level: 'unknown', score: null, reason: allLanguages(STALE_REASON, snapshot.site.languages) };
}

/** The page level to show at `now`. */
export function shownOverall(snapshot: Snapshot, now: number): ShownLevel {
  if (isExpired(snapshot, now)) return staleShown(snapshot);
  const { level, score, reason } = snapshot.overall;
  if (level === 'unknown' && reason === null) return { ...staleShown(snapshot), score };
  return { level, score, reason };
}

/** The level of one service to show at `now`. */
export function shownService(snapshot: Snapshot, service: Snapshot['services'][number], now: number): ShownLevel {
  if (isExpired(snapshot, now)) return staleShown(snapshot);
  const { level, score, reason } = service;
  if (level === 'unknown' && reason === null) return { ...staleShown(snapshot), score };
  return { level, score, reason };
}

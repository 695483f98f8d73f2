/**
 * Merging freshly detected episodes into the persistent ledger. Pure: `now` is passed in.
 *
 * Guarantees (checked again by invariants.ts before every write): an entry is never lost, duplicated
 * or renumbered; a resolved entry's times never change (a continuation after it is a new incident);
 * ended_at is never before started_at; merging the same episodes twice (with the same `now`) changes
 * nothing; history older than the RRDs (`coveredFrom`) stays as it was.
 */
import { worstLevel } from '../levels';
import type { Localized } from '../snapshot/schema';
import { localDate, parseIso, toZonedIso } from '../time/zone';
import type { DetectedEpisode, Ledger, LedgerEntry } from './schema';

export { LedgerSchema, LedgerEntrySchema, emptyLedger, type Ledger, type LedgerEntry, type DetectedEpisode } from './schema';

/** An episode this close (seconds) to an entry of the same service continues it instead of opening a new one. */
export const MERGE_SLACK_SECONDS = 5 * 60;

export interface MergeOptions {
  /** The instant of this run (epoch s). */
  now: number;
  /** Start of the history the episodes were detected from; older entries are left untouched. */
  coveredFrom: number;
  /** Site zone, for the local date in new ids. */
  timeZone: string;
  /** Services whose history was actually evaluated (default: all). Entries of the others are left untouched. */
  services?: readonly string[];
}

export interface MergeResult {
  ledger: Ledger;
  /** Ids of new entries. */
  added: string[];
  /** Ids of existing entries that changed. */
  updated: string[];
}

interface Working {
  entry: LedgerEntry;
  start: number;
  end: number | null;
  matched: boolean;
}

const stableKey = (l: Localized): string => JSON.stringify(Object.entries(l).sort(([a], [b]) => a.localeCompare(b)));

function unionReasons(a: Localized[], b: readonly Localized[]): Localized[] {
  const keys = new Set(a.map(stableKey));
  const out = [...a];
  for (const r of b) {
    const k = stableKey(r);
    if (!keys.has(k)) {
      keys.add(k);
      out.push(r);
    }
  }
  return out;
}

/** True when the episode overlaps the entry or lies within the slack of it. */
function touches(w: Working, e: DetectedEpisode): boolean {
  const entryEnd = w.end ?? Infinity;
  const episodeEnd = e.end ?? Infinity;
  return e.start <= entryEnd + MERGE_SLACK_SECONDS && w.start <= episodeEnd + MERGE_SLACK_SECONDS;
}

/** The latest end of a resolved entry of the same service that ends at or before `w` starts (an ongoing entry never grows back into it). */
function floorOf(entries: readonly Working[], w: Working): number {
  let floor = Number.NEGATIVE_INFINITY;
  for (const o of entries) {
    if (o !== w && o.entry.service_id === w.entry.service_id && o.end !== null && o.end <= w.start && o.end > floor) floor = o.end;
  }
  return floor;
}

/** The next free number for `<date>-<service>-<n>` (never reuses a number, even after gaps). */
function nextId(entries: readonly Working[], service: string, date: string): string {
  const prefix = `${date}-${service}-`;
  let max = 0;
  for (const w of entries) {
    if (!w.entry.id.startsWith(prefix)) continue;
    const n = Number(w.entry.id.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${max + 1}`;
}

/** Merges detected episodes into the ledger (see the module comment for the guarantees). */
export function mergeEpisodes(ledger: Ledger, episodes: readonly DetectedEpisode[], opts: MergeOptions): MergeResult {
  const { now, coveredFrom, timeZone } = opts;
  const iso = (t: number): string => toZonedIso(t, timeZone);
  const nowIso = iso(now);
  const inScope = (service: string): boolean => opts.services === undefined || opts.services.includes(service);
  const work: Working[] = ledger.incidents.map((entry) => ({
    entry,
    start: parseIso(entry.started_at),
    end: entry.ended_at === null ? null : parseIso(entry.ended_at),
    matched: false,
  }));
  const before = new Map(ledger.incidents.map((e) => [e.id, JSON.stringify(e)]));
  const added: string[] = [];

  /** An ongoing entry takes the episode: start earlier (never before `floor`), closed or still open, peak only worse. */
  const update = (target: Working, ep: DetectedEpisode, floor: number): void => {
    const start = Math.max(floor, Math.min(target.start, ep.start));
    const end = ep.end === null ? null : Math.max(start, ep.end);
    const e = target.entry;
    const next: LedgerEntry = {
      ...e,
      started_at: start === target.start ? e.started_at : iso(start),
      ended_at: end === null ? null : iso(end),
      peak_level: worstLevel([e.peak_level, ep.peak_level]),
      reasons: unionReasons(e.reasons, ep.reasons),
    };
    // An ongoing entry is stamped each time it is confirmed, so a later close has a best-known time.
    next.updated_at = nowIso;
    target.entry = next;
    target.start = start;
    target.end = end;
  };
  /** A resolved entry keeps its times; only its peak and reasons may grow. */
  const absorb = (target: Working, ep: DetectedEpisode): void => {
    const e = target.entry;
    const next: LedgerEntry = { ...e, peak_level: worstLevel([e.peak_level, ep.peak_level]), reasons: unionReasons(e.reasons, ep.reasons) };
    if (JSON.stringify(next) !== JSON.stringify(e)) target.entry = { ...next, updated_at: nowIso };
  };

  const sorted = [...episodes].sort((a, b) => a.service_id.localeCompare(b.service_id) || a.start - b.start);
  for (const ep of sorted) {
    // Entries wholly older than the covered history are frozen: never matched, never changed.
    const candidates = work
      .filter((w) => w.entry.service_id === ep.service_id && (w.end === null || w.end + MERGE_SLACK_SECONDS >= coveredFrom) && touches(w, ep))
      .sort((a, b) => a.start - b.start);
    const ongoing = candidates.find((w) => w.end === null);
    if (ongoing !== undefined) {
      ongoing.matched = true;
      update(ongoing, ep, floorOf(work, ongoing));
      continue;
    }
    // A resolved incident's times never change: what it covers is absorbed, a continuation after it is a new incident.
    const lastEnd = candidates.reduce((m, w) => Math.max(m, w.end ?? m), Number.NEGATIVE_INFINITY);
    const first = candidates[0];
    if (first !== undefined && ep.end !== null && ep.end <= lastEnd + MERGE_SLACK_SECONDS) {
      first.matched = true;
      absorb(first, ep);
      continue;
    }
    const start = Math.max(ep.start, lastEnd);
    const id = nextId(work, ep.service_id, localDate(start, timeZone));
    const entry: LedgerEntry = {
      id,
      service_id: ep.service_id,
      started_at: iso(start),
      ended_at: ep.end === null ? null : iso(Math.max(start, ep.end)),
      peak_level: ep.peak_level,
      reasons: unionReasons([], ep.reasons),
      first_recorded_at: nowIso,
      updated_at: nowIso,
    };
    work.push({ entry, start, end: ep.end === null ? null : Math.max(start, ep.end), matched: true });
    added.push(id);
  }

  // Ongoing entries no episode confirms any more: close them at the last time they were seen ongoing.
  for (const w of work) {
    // An entry that starts after `now` (the clock went back) is not closed before it began.
    if (w.matched || w.end !== null || !inScope(w.entry.service_id) || w.start > now) continue;
    const lastSeen = parseIso(w.entry.updated_at);
    const end = Math.min(now, Math.max(w.start, Number.isNaN(lastSeen) ? w.start : lastSeen));
    w.entry = { ...w.entry, ended_at: iso(end), updated_at: nowIso };
    w.end = end;
  }

  work.sort((a, b) => a.start - b.start || a.entry.service_id.localeCompare(b.entry.service_id) || a.entry.id.localeCompare(b.entry.id));
  const incidents = work.map((w) => w.entry);
  const updated = incidents.filter((e) => before.has(e.id) && before.get(e.id) !== JSON.stringify(e)).map((e) => e.id);
  return { ledger: { version: 1, incidents }, added, updated };
}

/** Ledger entries touching [from, to) (epoch s), e.g. for one day of uptime or the incident list. */
export function entriesBetween(ledger: Ledger, from: number, to: number): LedgerEntry[] {
  return ledger.incidents.filter((e) => {
    const s = parseIso(e.started_at);
    const end = e.ended_at === null ? Infinity : parseIso(e.ended_at);
    return s < to && end > from;
  });
}

/**
 * The ledger as it could be known at `now`, for a replay: entries that started by then, and those
 * resolved after `now` shown as still ongoing. A replay merges into this view in memory only.
 */
export function ledgerAsOf(ledger: Ledger, now: number): Ledger {
  const incidents = ledger.incidents
    .filter((e) => parseIso(e.started_at) <= now)
    .map((e) => (e.ended_at !== null && parseIso(e.ended_at) > now ? { ...e, ended_at: null } : e));
  return { version: 1, incidents };
}

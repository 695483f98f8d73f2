/**
 * Merging freshly detected episodes into the persistent ledger. Pure: `now` is passed in.
 *
 * Guarantees: an entry is never lost, duplicated or renumbered; merging the same episodes twice
 * (with the same `now`) changes nothing; history older than the RRDs (`coveredFrom`) stays as it was.
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

  const sorted = [...episodes].sort((a, b) => a.service_id.localeCompare(b.service_id) || a.start - b.start);
  for (const ep of sorted) {
    // Entries wholly older than the covered history are frozen: never matched, never changed.
    const candidates = work.filter((w) => w.entry.service_id === ep.service_id && (w.end === null || w.end + MERGE_SLACK_SECONDS >= coveredFrom) && touches(w, ep));
    const target = candidates.sort((a, b) => a.start - b.start)[0];
    if (target === undefined) {
      const id = nextId(work, ep.service_id, localDate(ep.start, timeZone));
      const entry: LedgerEntry = {
        id,
        service_id: ep.service_id,
        started_at: iso(ep.start),
        ended_at: ep.end === null ? null : iso(ep.end),
        peak_level: ep.peak_level,
        reasons: unionReasons([], ep.reasons),
        first_recorded_at: nowIso,
        updated_at: nowIso,
      };
      work.push({ entry, start: ep.start, end: ep.end, matched: true });
      added.push(id);
      continue;
    }
    target.matched = true;
    const start = Math.min(target.start, ep.start);
    // Ongoing wins (the incident is open again); otherwise the end only moves later.
    const end = ep.end === null ? null : Math.max(target.end ?? ep.end, ep.end);
    const e = target.entry;
    const next: LedgerEntry = {
      ...e,
      started_at: start === target.start ? e.started_at : iso(start),
      ended_at: end === target.end ? e.ended_at : end === null ? null : iso(end),
      peak_level: worstLevel([e.peak_level, ep.peak_level]),
      reasons: unionReasons(e.reasons, ep.reasons),
    };
    const changed = JSON.stringify({ ...next, updated_at: '' }) !== JSON.stringify({ ...e, updated_at: '' });
    // An ongoing entry is stamped each time it is confirmed, so a later close has a best-known time.
    if (changed || end === null) next.updated_at = nowIso;
    target.entry = next;
    target.start = start;
    target.end = end;
  }

  // Ongoing entries no episode confirms any more: close them at the last time they were seen ongoing.
  for (const w of work) {
    if (w.matched || w.end !== null || !inScope(w.entry.service_id)) continue;
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

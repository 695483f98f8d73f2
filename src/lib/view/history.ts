/**
 * Incident history shaping: which incidents are listed, paging and grouping by local month.
 * Linear in the number of incidents (the history must scale to thousands).
 */
import type { Incident } from '../snapshot/schema';
import { monthKey, toEpoch } from './time';

/** Incidents per history page. */
export const HISTORY_PAGE_SIZE = 25;

/** Incidents to list, newest first: a detected incident explained by a written one is not listed twice. */
export function listedIncidents(incidents: Incident[]): Incident[] {
  const explained = new Set<string>();
  for (const inc of incidents) if (inc.detected_incident_id) explained.add(inc.detected_incident_id);
  const listed = incidents.filter((i) => !explained.has(i.id));
  // Stable sort on a precomputed key: the snapshot is newest-first already, this only guards it.
  const keyed = listed.map((inc) => ({ inc, t: toEpoch(inc.started_at) }));
  keyed.sort((a, b) => b.t - a.t);
  return keyed.map((k) => k.inc);
}

export interface Page<T> {
  /** 1-based. */
  page: number;
  pages: number;
  items: T[];
}

/** Splits a list into pages of `size` (at least one page, possibly empty). */
export function paginate<T>(items: T[], size: number): Array<Page<T>> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const out: Array<Page<T>> = [];
  for (let p = 0; p < pages; p++) out.push({ page: p + 1, pages, items: items.slice(p * size, (p + 1) * size) });
  return out;
}

export interface MonthGroup {
  /** Local month "2025-11". */
  month: string;
  incidents: Incident[];
}

/** Consecutive incidents (already newest first) grouped by the local month they started in. */
export function groupByMonth(incidents: Incident[], timeZone: string): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const inc of incidents) {
    const month = monthKey(inc.started_at, timeZone);
    const last = groups.at(-1);
    if (last && last.month === month) last.incidents.push(inc);
    else groups.push({ month, incidents: [inc] });
  }
  return groups;
}

/** Incidents per service id, each list keeping the input order (one pass). */
export function incidentsByService(incidents: Incident[]): Map<string, Incident[]> {
  const map = new Map<string, Incident[]>();
  for (const inc of incidents) {
    for (const id of inc.service_ids) {
      const list = map.get(id);
      if (list) list.push(inc);
      else map.set(id, [inc]);
    }
  }
  return map;
}

/** Updates newest first (the latest update on top). */
export function updatesNewestFirst(incident: Incident): Incident['updates'] {
  return [...incident.updates].sort((a, b) => toEpoch(b.at) - toEpoch(a.at));
}

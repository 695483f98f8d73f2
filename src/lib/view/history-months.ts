/**
 * The incident history by local month: one archive page per month (/<lang>/incidents/<yyyy-mm>/),
 * the index showing the recent months. A month page only changes when one of its own incidents
 * changes, so old months are rebuilt never, unlike pages counted from the newest incident (which all
 * shift when one arrives). Pure: `now` is passed in.
 */
import type { Incident, Language } from '../snapshot/schema';
import { localParts } from '../time/zone';
import { groupByMonth, type MonthGroup } from './history';
import { monthKey, toEpoch } from './time';

/** Months shown on the history index: the current local month and the one before it. */
export const RECENT_MONTHS = 2;

/** The shape of a month key, also the last URL segment of a month page. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month of the archive with its incidents (newest first). */
export interface ArchiveMonth {
  month: string;
  incidents: Incident[];
}

/** /<lang>/incidents/<yyyy-mm>/ — one month of the history, all services. */
export const monthPath = (lang: Language, month: string): string => `/${lang}/incidents/${month}/`;

/**
 * Fragment that filters a month page to one service without JavaScript (CSS :target), or null
 * when the id cannot be used as a CSS identifier as is (config ids always can).
 */
export function serviceAnchor(serviceId: string): string | null {
  return /^[a-z][a-z0-9-]*$/.test(serviceId) ? `service-${serviceId}` : null;
}

/** The month keys "yyyy-mm" from `month` back `count` months (newest first). */
export function monthsBack(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const total = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The local month of `now` and the months shown on the index (newest first). */
export function recentMonths(now: string, timeZone: string, count = RECENT_MONTHS): string[] {
  const p = localParts(toEpoch(now), timeZone);
  return monthsBack(`${p.year}-${String(p.month).padStart(2, '0')}`, count);
}

/**
 * Listed incidents (newest first) cut into local months, newest month first. One pass; an incident
 * belongs to the month it started in, whatever its length.
 */
export function archiveMonths(incidents: Incident[], timeZone: string): ArchiveMonth[] {
  const byMonth = new Map<string, Incident[]>();
  for (const inc of incidents) {
    const key = monthKey(inc.started_at, timeZone);
    const list = byMonth.get(key);
    if (list) list.push(inc);
    else byMonth.set(key, [inc]);
  }
  return [...byMonth.entries()].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)).map(([month, list]) => ({ month, incidents: list }));
}

/** The groups shown on an index page: the incidents of the recent months only. */
export function recentGroups(incidents: Incident[], recent: string[], timeZone: string): MonthGroup[] {
  const keep = new Set(recent);
  return groupByMonth(incidents, timeZone).filter((g) => keep.has(g.month));
}

/** A month entry of the archive list: its key and how many incidents it holds (for one service or all). */
export interface MonthCount {
  month: string;
  count: number;
}

/** Months with their number of incidents, newest first; with `serviceId`, only that service's incidents count. */
export function monthCounts(months: ArchiveMonth[], serviceId?: string): MonthCount[] {
  const out: MonthCount[] = [];
  for (const m of months) {
    const count = serviceId === undefined ? m.incidents.length : m.incidents.filter((i) => i.service_ids.includes(serviceId)).length;
    if (count > 0) out.push({ month: m.month, count });
  }
  return out;
}

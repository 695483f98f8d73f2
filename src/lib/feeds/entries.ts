/**
 * Incidents and maintenance as feed entries, in one language, newest first. Shared by RSS, Atom,
 * JSON Feed and (for maintenance) the calendar.
 */
import type { Language, Snapshot } from '../snapshot/schema';
import { publicIncidents } from '../api/incidents';
import { pick } from '../api/localize';
import { LEVEL_LABELS } from '../api/labels';
import { incidentUrl, maintenanceUrl } from '../api/urls';
import { parseIso } from '../time/zone';
import { renderMarkdown } from '../content/markdown';
import { localMinute } from '../api/format';

export interface FeedEntry {
  /** Stable, language-independent id (guid / Atom id / JSON Feed id use it with the link). */
  id: string;
  kind: 'incident' | 'maintenance';
  title: string;
  link: string;
  /** Latest change (epoch seconds). */
  updated: number;
  /** First publication (epoch seconds). */
  published: number;
  /** Plain-text summary. */
  summary: string;
  /** Safe HTML (Markdown rendered by micromark with raw HTML escaped). */
  html: string;
}

/** A feed entry before its Markdown is rendered (rendering is the costly part: only kept entries pay it). */
type Draft = Omit<FeedEntry, 'html'> & { markdown: string };

/** The newest `limit` feed entries of a snapshot in `lang`, newest change first. */
export function feedEntries(snapshot: Snapshot, lang: Language, limit = Number.POSITIVE_INFINITY): FeedEntry[] {
  const fb = snapshot.site.default_language;
  const site = snapshot.site.url;
  const names = new Map(snapshot.services.map((s) => [s.id, pick(s.name, lang, fb)]));
  const serviceList = (ids: readonly string[]) => [...new Set(ids)].map((id) => names.get(id) ?? id).join(', ');

  const incidents = publicIncidents(snapshot).map((i): Draft => {
    const updates = [...i.updates].sort((a, b) => parseIso(b.at) - parseIso(a.at));
    const times = [parseIso(i.started_at), ...updates.map((u) => parseIso(u.at))];
    if (i.resolved_at !== null) times.push(parseIso(i.resolved_at));
    const reasons = i.reasons.map((r) => pick(r, lang, fb));
    const status = `${LEVEL_LABELS[i.peak_level][lang]} — ${serviceList(i.service_ids)}`;
    const markdown = [
      status,
      ...updates.map((u) => pick(u.body, lang, fb)),
      pick(i.body, lang, fb),
      ...reasons.map((r) => `- ${r}`),
    ].filter((part) => part !== '');
    return {
      id: `incident:${i.id}`,
      kind: 'incident',
      title: pick(i.title, lang, fb),
      link: incidentUrl(site, lang, i.id),
      updated: Math.max(...times),
      published: parseIso(i.started_at),
      summary: [status, ...reasons].join(' · '),
      markdown: markdown.join('\n\n'),
    };
  });

  const generated = parseIso(snapshot.generated_at);
  const tz = snapshot.site.time_zone;
  const maintenance = snapshot.maintenance.map((m): Draft => {
    const body = pick(m.body, lang, fb);
    const services = serviceList(m.service_ids);
    const window = `${localMinute(m.starts_at, tz)} – ${localMinute(m.ends_at, tz)}`;
    // A window is news when announced and when it changes state. The announcement (the content's
    // `announced`, else the file's time) is stable between builds; only without it does the start
    // stand in, never later than the snapshot: no entry dated in the future.
    const published = m.announced_at ? parseIso(m.announced_at) : Math.min(parseIso(m.starts_at), generated);
    const changed = m.status === 'completed' ? parseIso(m.ends_at) : m.status === 'scheduled' ? published : parseIso(m.starts_at);
    return {
      id: `maintenance:${m.id}`,
      kind: 'maintenance',
      title: pick(m.title, lang, fb),
      link: maintenanceUrl(site, lang, m.id),
      updated: Math.max(published, Math.min(changed, generated)),
      published,
      summary: `${LEVEL_LABELS.under_maintenance[lang]} — ${services} (${window})`,
      markdown: [`${LEVEL_LABELS.under_maintenance[lang]} — ${services}`, window, body].join('\n\n'),
    };
  });

  // Sort and cut first, render after: with 2,000 incidents, rendering them all cost seconds a minute.
  return [...incidents, ...maintenance]
    .sort((a, b) => b.updated - a.updated || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map(({ markdown, ...entry }) => ({ ...entry, html: renderMarkdown(markdown) }));
}

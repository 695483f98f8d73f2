/**
 * The archive routes of the history: a resolved incident's page and a month page whose incidents
 * are all resolved. Their props are EVERYTHING they render (besides the site template): the page
 * components read nothing else, no clock, no snapshot-wide field such as generated_at. So a hash of
 * the props (and of the template) says exactly when such a page must be rendered again; the build
 * plan (scripts/lib/build-plan.ts) reuses the others from the previous build.
 *
 * Everything else under /<lang>/incidents/ (an ongoing incident, a month with one, the index and
 * the service filters) shows "now" (durations, "updated hh:mm", the stale check) and is live:
 * rendered by every build.
 */
import type { Incident, Language, Localized, Snapshot } from '../snapshot/schema';
import { archiveMonths } from './history-months';
import { toEpoch } from './time';

/** What an archive page shows besides its own incidents: site settings and service names. */
export interface ArchiveFrame {
  site: Snapshot['site'];
  services: Array<{ id: string; name: Localized }>;
}

/** Props of a resolved incident's page. */
export interface IncidentArchiveProps {
  kind: 'incident';
  lang: Language;
  incident: Incident;
  frame: ArchiveFrame;
  /** The newest instant on the page (resolution or last update): the page is final as of then. */
  asOf: string;
}

/** Props of a month page whose incidents are all resolved. */
export interface MonthArchiveProps {
  kind: 'month';
  lang: Language;
  month: string;
  incidents: Incident[];
  frame: ArchiveFrame;
  asOf: string;
}

/** One archive route: the file it writes (relative to client/) and its props. */
export interface ArchiveRoute<P = IncidentArchiveProps | MonthArchiveProps> {
  /** "nl/incidents/2025-10-03-gfd-12/index.html": the key of the build plan and of page reuse. */
  file: string;
  params: { lang: Language; id?: string; path?: string };
  props: P;
}

/** The archive frame of a snapshot (site settings, service ids and names). */
export function archiveFrame(snapshot: Snapshot): ArchiveFrame {
  return { site: snapshot.site, services: snapshot.services.map((s) => ({ id: s.id, name: s.name })) };
}

/** True when nothing on a page of these incidents depends on the clock any more: all resolved. */
export function isSettled(incidents: Incident[]): boolean {
  return incidents.every((i) => i.status === 'resolved' && i.resolved_at !== null);
}

/** The newest instant of the incidents (start, resolution, updates), as its ISO string. */
export function newestInstant(incidents: Incident[]): string {
  let best = '';
  let bestT = -Infinity;
  const see = (iso: string | null): void => {
    if (iso === null) return;
    const t = toEpoch(iso);
    if (t > bestT) [best, bestT] = [iso, t];
  };
  for (const inc of incidents) {
    see(inc.started_at);
    see(inc.resolved_at);
    for (const u of inc.updates) see(u.at);
  }
  return best;
}

/** Archive routes of resolved incidents, per language (`listed`: the listed incidents, newest first). */
export function incidentArchiveRoutes(listed: Incident[], snapshot: Snapshot): Array<ArchiveRoute<IncidentArchiveProps>> {
  const frame = archiveFrame(snapshot);
  const settled = listed.filter((i) => isSettled([i]));
  return snapshot.site.languages.flatMap((lang) =>
    settled.map((incident) => ({
      file: `${lang}/incidents/${incident.id}/index.html`,
      params: { lang, id: incident.id },
      props: { kind: 'incident' as const, lang, incident, frame, asOf: newestInstant([incident]) },
    })),
  );
}

/** Archive routes of the months whose incidents are all resolved, per language. */
export function monthArchiveRoutes(listed: Incident[], snapshot: Snapshot): Array<ArchiveRoute<MonthArchiveProps>> {
  const frame = archiveFrame(snapshot);
  const months = archiveMonths(listed, snapshot.site.time_zone).filter((m) => isSettled(m.incidents));
  return snapshot.site.languages.flatMap((lang) =>
    months.map((m) => ({
      file: `${lang}/incidents/${m.month}/index.html`,
      params: { lang, path: m.month },
      props: { kind: 'month' as const, lang, month: m.month, incidents: m.incidents, frame, asOf: newestInstant(m.incidents) },
    })),
  );
}

/** All archive routes of a snapshot (what the build plan hashes). */
export function archiveRoutes(listed: Incident[], snapshot: Snapshot): ArchiveRoute[] {
  return [...incidentArchiveRoutes(listed, snapshot), ...monthArchiveRoutes(listed, snapshot)];
}

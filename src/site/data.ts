/**
 * Route data computed once per build from the snapshot and handed to pages as props:
 * lookups by id, listed incidents, incidents per service, maintenance by phase.
 */
import type { Incident, Language, Maintenance, ServiceSnapshot, Snapshot } from '../lib/snapshot/schema';
import { incidentsByService, listedIncidents } from '../lib/view/history';
import { toEpoch } from '../lib/view/time';
import { getSnapshot } from './snapshot';

export interface SiteData {
  snapshot: Snapshot;
  languages: Language[];
  services: ServiceSnapshot[];
  serviceById: Map<string, ServiceSnapshot>;
  /** Newest first, without detected incidents explained by written ones. */
  incidents: Incident[];
  incidentsByService: Map<string, Incident[]>;
  ongoing: Incident[];
  maintenance: { inProgress: Maintenance[]; upcoming: Maintenance[]; past: Maintenance[] };
}

let cached: SiteData | undefined;

/** Everything pages need, computed once per snapshot. */
export function getSiteData(): SiteData {
  const snapshot = getSnapshot();
  if (cached?.snapshot === snapshot) return cached;
  const incidents = listedIncidents(snapshot.incidents);
  const byStart = (a: Maintenance, b: Maintenance) => toEpoch(a.starts_at) - toEpoch(b.starts_at);
  cached = {
    snapshot,
    languages: snapshot.site.languages,
    services: snapshot.services,
    serviceById: new Map(snapshot.services.map((s) => [s.id, s])),
    incidents,
    incidentsByService: incidentsByService(incidents),
    ongoing: incidents.filter((i) => i.status !== 'resolved'),
    maintenance: {
      inProgress: snapshot.maintenance.filter((m) => m.status === 'in_progress').sort(byStart),
      upcoming: snapshot.maintenance.filter((m) => m.status === 'scheduled').sort(byStart),
      past: snapshot.maintenance.filter((m) => m.status === 'completed').sort((a, b) => byStart(b, a)),
    },
  };
  return cached;
}

/** getStaticPaths entries for the site's languages. */
export function languagePaths(): Array<{ params: { lang: Language }; props: { lang: Language } }> {
  return getSiteData().languages.map((lang) => ({ params: { lang }, props: { lang } }));
}

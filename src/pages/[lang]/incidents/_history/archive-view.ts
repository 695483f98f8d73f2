/**
 * The view of an archive page (a resolved incident, a settled month), built from its props only:
 * no snapshot-wide field (generated_at, valid_until) enters it, so the page renders the same until
 * its own data changes. `now` is the page's own newest instant, so a relative time, if a component
 * ever showed one here, would still not move from one build to the next.
 */
import { dict } from '../../../../i18n';
import type { Language, ServiceSnapshot } from '../../../../lib/snapshot/schema';
import type { ArchiveFrame } from '../../../../lib/view/history-routes';
import type { View } from '../../../../site/view';
import { siteBase } from '../../../../lib/api/urls';

/** The view for an archive page in `lang` at `path`. */
export function archiveView(lang: Language, path: string, frame: ArchiveFrame, asOf: string): View {
  return {
    lang,
    t: dict(lang),
    fallback: frame.site.default_language,
    languages: frame.site.languages,
    timeZone: frame.site.time_zone,
    now: asOf,
    validUntil: asOf,
    path,
    siteUrl: siteBase(frame.site.url),
  };
}

/**
 * The service lookup of the shared incident components, from the frame's ids and names only.
 * Those components (IncidentFacts → AffectedServices) read just `name`; the frame deliberately
 * carries no level or chart, which change every minute and would make every archive page change.
 */
export function serviceNames(frame: ArchiveFrame): Map<string, ServiceSnapshot> {
  return new Map(frame.services.map((s) => [s.id, s as unknown as ServiceSnapshot]));
}

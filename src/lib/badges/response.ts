/**
 * Badge Responses for the Astro endpoints (SVG and shields endpoint JSON), rendered "as of" the
 * snapshot. A service id that does not exist is a build error, not an empty badge.
 */
import type { Language, Snapshot } from '../snapshot/schema';
import { buildInstant, typed } from '../api/response';
import { badgeContent, badgeSvg, shieldsEndpoint } from './badge';

/** getStaticPaths entries for per-service badges (optionally per language). */
export function serviceParams(snapshot: Snapshot): Array<{ params: { service: string } }> {
  return snapshot.services.map((s) => ({ params: { service: s.id } }));
}

/** The badge of the page (service undefined) or a service, in `format`. */
export function badgeResponse(snapshot: Snapshot, format: 'svg' | 'json', lang?: Language, service?: string): Response {
  const language = lang ?? snapshot.site.default_language;
  const content = badgeContent(snapshot, language, buildInstant(snapshot), service);
  if (content === null) throw new Error(`badge: service "${service}" is not in the snapshot; check getStaticPaths`);
  return format === 'svg'
    ? typed(badgeSvg(content, service ?? ''), 'image/svg+xml; charset=utf-8')
    : typed(JSON.stringify(shieldsEndpoint(content)), 'application/json; charset=utf-8');
}

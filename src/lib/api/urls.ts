/**
 * Absolute public URLs for the machine-readable outputs, built on the site's own URL scheme
 * (src/lib/view/urls.ts, owned by the pages) so links never drift from the routes.
 */
import type { Language } from '../snapshot/schema';
import { incidentPath, maintenancePath, overviewPath, servicePath } from '../view/urls';

/** The site URL as the URL API serializes it (percent-encoded, lower-case host), without a trailing slash. */
export function siteBase(url: string): string {
  return new URL(url).href.replace(/\/+$/, '');
}

/** Home page of a language, e.g. https://status.example/nl/. */
export function homeUrl(site: string, lang: Language): string {
  return `${siteBase(site)}${overviewPath(lang)}`;
}

/** Page of one incident. */
export function incidentUrl(site: string, lang: Language, id: string): string {
  return `${siteBase(site)}${incidentPath(lang, id)}`;
}

/** One scheduled maintenance: an anchor on the maintenance page (windows have no page of their own). */
export function maintenanceUrl(site: string, lang: Language, id: string): string {
  return `${siteBase(site)}${maintenancePath(lang)}#${encodeURIComponent(id)}`;
}

/** Page of one service. */
export function serviceUrl(site: string, lang: Language, id: string): string {
  return `${siteBase(site)}${servicePath(lang, id)}`;
}

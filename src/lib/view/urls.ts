/**
 * The site's URL scheme, in one place (pages, links, the language switch; H5's feeds may link here).
 * All paths end with "/" (Astro's directory build format).
 *
 *   /<lang>/                                    overview
 *   /<lang>/services/<id>/                      service page
 *   /<lang>/incidents/[page/<n>/]               incident history (page 1 has no suffix)
 *   /<lang>/incidents/service/<id>/[page/<n>/]  history filtered by service
 *   /<lang>/incidents/<incident-id>/            one incident
 *   /<lang>/maintenance/[#<maintenance-id>]    one window is an anchor (id) on this page
 *   /<lang>/about/  /<lang>/embed/
 *   /charts/<service-id>/<range>.json           chart data of a service page (language-free)
 */
import type { Language } from '../snapshot/schema';

export const overviewPath = (lang: Language) => `/${lang}/`;
export const servicePath = (lang: Language, id: string) => `/${lang}/services/${encodeURIComponent(id)}/`;
export const incidentPath = (lang: Language, id: string) => `/${lang}/incidents/${encodeURIComponent(id)}/`;
export const maintenancePath = (lang: Language) => `/${lang}/maintenance/`;
export const aboutPath = (lang: Language) => `/${lang}/about/`;
export const embedPath = (lang: Language) => `/${lang}/embed/`;

/** The chart ranges of a service page. */
export type ChartRangeName = 'day' | 'week' | 'quarter';
/** Chart data of one range of a service, fetched by src/client/charts.ts (the same for every language). */
export const chartDataPath = (service: string, range: ChartRangeName) => `/charts/${encodeURIComponent(service)}/${range}.json`;

/** History list page; `service` filters, `page` is 1-based. */
export function incidentsPath(lang: Language, opts: { service?: string | undefined; page?: number } = {}): string {
  const filter = opts.service ? `service/${encodeURIComponent(opts.service)}/` : '';
  const page = opts.page && opts.page > 1 ? `page/${opts.page}/` : '';
  return `/${lang}/incidents/${filter}${page}`;
}

/** The same page in another language: swaps the leading "/<lang>/" segment. */
export function switchLanguage(path: string, to: Language): string {
  return path.replace(/^\/[a-z]{2}(\/|$)/, `/${to}/`);
}

/** The rest parameter of the history route for a filter and page ("service/gfd/page/2", or undefined for the plain first page). */
export function incidentsRest(service: string | undefined, page: number): string | undefined {
  const parts: string[] = [];
  if (service) parts.push('service', service);
  if (page > 1) parts.push('page', String(page));
  return parts.length ? parts.join('/') : undefined;
}

/** iCalendar of the scheduled maintenance of one service in one language. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Language } from '../../../lib/snapshot/schema';
import { typed } from '../../../lib/api/response';
import { maintenanceCalendar } from '../../../lib/feeds/calendar';
import { getSnapshot } from '../../../site/snapshot';

export const prerender = true;
export const getStaticPaths = (() => {
  const snapshot = getSnapshot();
  return snapshot.site.languages.flatMap((lang) => snapshot.services.map((s) => ({ params: { lang, service: s.id }, props: { lang, service: s.id } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ lang: Language; service: string }> = ({ props }) => {
  const ics = maintenanceCalendar(getSnapshot(), props.lang, props.service);
  if (ics === null) throw new Error(`maintenance calendar: service "${props.service}" is not in the snapshot`);
  return typed(ics, 'text/calendar; charset=utf-8');
};

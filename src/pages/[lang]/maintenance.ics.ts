/** iCalendar of all scheduled maintenance in one language (subscribable). */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Language } from '../../lib/snapshot/schema';
import { typed } from '../../lib/api/response';
import { maintenanceCalendar } from '../../lib/feeds/calendar';
import { getSnapshot } from '../../site/snapshot';
import { languagePaths } from '../../site/data';

export const prerender = true;
export const getStaticPaths = (() => languagePaths()) satisfies GetStaticPaths;

export const GET: APIRoute<{ lang: Language }> = ({ props }) => typed(maintenanceCalendar(getSnapshot(), props.lang) ?? '', 'text/calendar; charset=utf-8');

/** Service badge in one language (svg). */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Language } from '../../../lib/snapshot/schema';
import { badgeResponse } from '../../../lib/badges/response';
import { getSnapshot } from '../../../site/snapshot';

export const prerender = true;

export const getStaticPaths = (() => {
  const snapshot = getSnapshot();
  return snapshot.site.languages.flatMap((lang) => snapshot.services.map((s) => ({ params: { lang, service: s.id }, props: { lang } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ lang: Language }> = ({ props, params }) => badgeResponse(getSnapshot(), 'svg', props.lang, params['service']);

/** Page badge in one language (svg). */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Language } from '../../lib/snapshot/schema';
import { badgeResponse } from '../../lib/badges/response';
import { getSnapshot } from '../../site/snapshot';
import { languagePaths } from '../../site/data';

export const prerender = true;

export const getStaticPaths = (() => languagePaths()) satisfies GetStaticPaths;

export const GET: APIRoute<{ lang: Language }> = ({ props }) => badgeResponse(getSnapshot(), 'svg', props.lang);

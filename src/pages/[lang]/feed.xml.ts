/** RSS 2.0 feed of incidents and maintenance in one language. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Language } from '../../lib/snapshot/schema';
import { typed } from '../../lib/api/response';
import { buildFeed } from '../../lib/feeds/feed';
import { getSnapshot } from '../../site/snapshot';
import { languagePaths } from '../../site/data';

export const prerender = true;
export const getStaticPaths = (() => languagePaths()) satisfies GetStaticPaths;

export const GET: APIRoute<{ lang: Language }> = ({ props }) => typed(buildFeed(getSnapshot(), props.lang).rss2(), 'application/rss+xml; charset=utf-8');

/** Page badge in the default language (svg). The live server answers this path from the newest snapshot. */
import type { APIRoute } from 'astro';
import { badgeResponse } from '../lib/badges/response';
import { getSnapshot } from '../site/snapshot';

export const prerender = true;

export const GET: APIRoute = () => badgeResponse(getSnapshot(), 'svg');

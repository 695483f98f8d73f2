/** Service badge in the default language (json). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { badgeResponse, serviceParams } from '../../lib/badges/response';
import { getSnapshot } from '../../site/snapshot';

export const prerender = true;

export const getStaticPaths = (() => serviceParams(getSnapshot())) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => badgeResponse(getSnapshot(), 'json', undefined, params['service']);

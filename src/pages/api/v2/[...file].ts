/** The Statuspage-compatible API files (/api/v2/*.json), prerendered from the snapshot. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { API_PATHS, type ApiPath } from '../../../lib/api/documents';
import { apiResponse } from '../../../lib/api/response';
import { getSnapshot } from '../../../site/snapshot';

export const prerender = true;

export const getStaticPaths = (() => API_PATHS.map((path) => ({ params: { file: path.slice('api/v2/'.length) }, props: { path } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ path: ApiPath }> = ({ props }) => apiResponse(props.path, getSnapshot());

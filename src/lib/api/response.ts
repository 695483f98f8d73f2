/**
 * Web `Response`s for the Astro endpoints (prerendered). The static build renders "as of"
 * the snapshot's generated_at; only the live server renders at the wall clock.
 */
import type { Snapshot } from '../snapshot/schema';
import { parseIso } from '../time/zone';
import { apiJson, type ApiPath } from './documents';

/** The instant a static file is rendered for: the snapshot's own time (it cannot be expired then). */
export function buildInstant(snapshot: Snapshot): number {
  return parseIso(snapshot.generated_at);
}

/** A Response with a body and a content type. */
export function typed(body: string, type: string): Response {
  return new Response(body, { headers: { 'Content-Type': type } });
}

/** The static API file at `path`. */
export function apiResponse(path: ApiPath, snapshot: Snapshot): Response {
  return typed(apiJson(path, snapshot, buildInstant(snapshot)), 'application/json; charset=utf-8');
}

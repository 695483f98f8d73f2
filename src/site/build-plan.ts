/**
 * The build plan, read by getStaticPaths of the archive routes (resolved incidents, settled months):
 * which of them this build renders. The others are linked from the previous build afterwards
 * (scripts/lib/build-reuse.ts), because their content hash did not change.
 *
 * FLUXSTATUS_BUILD_PLAN unset = a full build (`npx astro build`, the browser tests). Set, it names a
 * JSON file `{ "version": 1, "render": ["nl/incidents/x/index.html", …] }` written by
 * scripts/lib/build-plan.ts; a plan that cannot be read fails the build (never a silently partial site).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The plan read, keyed by the FLUXSTATUS_BUILD_PLAN it was read for. */
let cached: { file: string | undefined; render: Set<string> | null } | undefined;

/** The files to render, or null for all of them (no plan given). */
function planned(): Set<string> | null {
  const file = process.env['FLUXSTATUS_BUILD_PLAN'] || undefined;
  if (cached !== undefined && cached.file === file) return cached.render;
  if (!file) return (cached = { file, render: null }).render;
  const path = resolve(process.cwd(), file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`fluxstatus: cannot read the build plan ${path} (${(e as Error).message}) — unset FLUXSTATUS_BUILD_PLAN for a full build`);
  }
  const render = (json as { version?: unknown; render?: unknown }).render;
  if ((json as { version?: unknown }).version !== 1 || !Array.isArray(render) || !render.every((r) => typeof r === 'string')) {
    throw new Error(`fluxstatus: ${path} is not a build plan (version 1 with a "render" list of files) — unset FLUXSTATUS_BUILD_PLAN for a full build`);
  }
  return (cached = { file, render: new Set(render as string[]) }).render;
}

/** Keeps the archive routes this build must render (all of them without a plan). */
export function plannedRoutes<R extends { file: string }>(routes: R[]): R[] {
  const plan = planned();
  return plan === null ? routes : routes.filter((r) => plan.has(r.file));
}

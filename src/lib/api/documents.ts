/**
 * The eight files of the Statuspage-compatible API, each a plain object to serialize with
 * JSON.stringify. Same snapshot in, same bytes out: static build and live server share this.
 */
import type { Language, Snapshot } from '../snapshot/schema';
import { apiContext, spPage, xPage, type ApiContext } from './context';
import { spComponents } from './components';
import { spIncidents, spUnresolvedIncidents } from './incidents';
import { spActive, spMaintenances, spUpcoming } from './maintenance';
import { shownOverall } from './freshness';
import { pageIndicator } from './mapping';
import { PAGE_DESCRIPTIONS } from './labels';
import type { SpStatus } from './types';

/** The API paths, relative to the site root. */
export const API_PATHS = [
  'api/v2/summary.json',
  'api/v2/status.json',
  'api/v2/components.json',
  'api/v2/incidents.json',
  'api/v2/incidents/unresolved.json',
  'api/v2/scheduled-maintenances.json',
  'api/v2/scheduled-maintenances/upcoming.json',
  'api/v2/scheduled-maintenances/active.json',
] as const;
export type ApiPath = (typeof API_PATHS)[number];

/** The page `status` object: indicator + sentence in the API language. */
export function spStatus(ctx: ApiContext): SpStatus {
  const level = shownOverall(ctx.snapshot, ctx.now).level;
  return { indicator: pageIndicator(level), description: PAGE_DESCRIPTIONS[level][ctx.lang] };
}

/** Builds one API document (a plain object). `now` = epoch seconds rendered for. */
export function apiDocument(path: ApiPath, snapshot: Snapshot, now: number, lang?: Language): object {
  const ctx = apiContext(snapshot, now, lang);
  const page = spPage(ctx);
  const x_fluxstatus = xPage(ctx);
  switch (path) {
    case 'api/v2/summary.json':
      return {
        page,
        components: spComponents(ctx),
        incidents: spUnresolvedIncidents(ctx),
        scheduled_maintenances: [...spActive(ctx), ...spUpcoming(ctx)],
        status: spStatus(ctx),
        x_fluxstatus,
      };
    case 'api/v2/status.json':
      return { page, status: spStatus(ctx), x_fluxstatus };
    case 'api/v2/components.json':
      return { page, components: spComponents(ctx), x_fluxstatus };
    case 'api/v2/incidents.json':
      return { page, incidents: spIncidents(ctx), x_fluxstatus };
    case 'api/v2/incidents/unresolved.json':
      return { page, incidents: spUnresolvedIncidents(ctx), x_fluxstatus };
    case 'api/v2/scheduled-maintenances.json':
      return { page, scheduled_maintenances: spMaintenances(ctx), x_fluxstatus };
    case 'api/v2/scheduled-maintenances/upcoming.json':
      return { page, scheduled_maintenances: spUpcoming(ctx), x_fluxstatus };
    case 'api/v2/scheduled-maintenances/active.json':
      return { page, scheduled_maintenances: spActive(ctx), x_fluxstatus };
  }
}

/** The serialized document (compact JSON; the server compresses). */
export function apiJson(path: ApiPath, snapshot: Snapshot, now: number, lang?: Language): string {
  return JSON.stringify(apiDocument(path, snapshot, now, lang));
}

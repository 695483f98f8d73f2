/**
 * Incidents (detected and written) → Statuspage incidents. A written incident that explains a
 * detected one replaces it: the detected one is not listed twice.
 */
import type { Incident, Snapshot } from '../snapshot/schema';
import { resolvedBody } from '../snapshot/incidents';
import { parseIso } from '../time/zone';
import { listedIncidents } from '../view/history';
import { type ApiContext, text } from './context';
import { spComponent } from './components';
import { incidentUrl } from './urls';
import type { SpComponent, SpIncident, SpIncidentUpdate } from './types';

/** Public incidents, newest first, without the detected incidents that a written one explains (the site's own rule). */
export function publicIncidents(snapshot: Snapshot): Incident[] {
  return listedIncidents(snapshot.incidents);
}

/** Components of the given services (each once, in snapshot order). */
export function affectedComponents(ctx: ApiContext, serviceIds: readonly string[]): SpComponent[] {
  const wanted = new Set(serviceIds);
  return ctx.snapshot.services.flatMap((s, i) => (wanted.has(s.id) ? [spComponent(ctx, s, i + 1)] : []));
}

function update(incidentId: string, n: number, status: SpIncidentUpdate['status'], at: string, body: string): SpIncidentUpdate {
  return {
    id: `${incidentId}-${n}`,
    status,
    body,
    incident_id: incidentId,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: null,
    deliver_notifications: false,
    custom_tweet: null,
    tweet_id: null,
  };
}

/**
 * The updates, newest first as Statuspage lists them. A detected incident from an older snapshot
 * without updates gets one "investigating" update with its reasons and, once over, a "resolved"
 * one that says it works again (never the symptom: clients show the latest update as the last word).
 */
function updates(ctx: ApiContext, incident: Incident): SpIncidentUpdate[] {
  if (incident.updates.length > 0) {
    const chronological = [...incident.updates].sort((a, b) => parseIso(a.at) - parseIso(b.at));
    return chronological.map((u, n) => update(incident.id, n + 1, u.status, u.at, text(ctx, u.body))).reverse();
  }
  const reasons = incident.reasons.map((r) => text(ctx, r)).join('\n');
  const out = [update(incident.id, 1, 'investigating', incident.started_at, reasons)];
  if (incident.resolved_at !== null) {
    out.push(update(incident.id, 2, 'resolved', incident.resolved_at, text(ctx, resolvedBody(incident.resolved_at, ctx.snapshot.site.time_zone))));
  }
  return out.reverse();
}

/** One incident in Statuspage's shape. */
export function spIncident(ctx: ApiContext, incident: Incident): SpIncident {
  const ups = updates(ctx, incident);
  const monitoring = [...ups].reverse().find((u) => u.status === 'monitoring');
  return {
    id: incident.id,
    name: text(ctx, incident.title),
    status: incident.status,
    created_at: incident.started_at,
    updated_at: ups[0]?.created_at ?? incident.resolved_at ?? incident.started_at,
    monitoring_at: monitoring?.created_at ?? null,
    resolved_at: incident.resolved_at,
    impact: incident.impact,
    shortlink: incidentUrl(ctx.snapshot.site.url, ctx.lang, incident.id),
    started_at: incident.started_at,
    page_id: ctx.pageId,
    incident_updates: ups,
    components: affectedComponents(ctx, incident.service_ids),
    x_fluxstatus: { source: incident.source, service_ids: [...new Set(incident.service_ids)] },
  };
}

/** Statuspage lists at most 50 incidents in incidents.json. */
export const MAX_INCIDENTS = 50;

/** The newest incidents (at most 50). */
export function spIncidents(ctx: ApiContext): SpIncident[] {
  return publicIncidents(ctx.snapshot).slice(0, MAX_INCIDENTS).map((i) => spIncident(ctx, i));
}

/** Incidents that are not resolved (all of them, whatever their age). */
export function spUnresolvedIncidents(ctx: ApiContext): SpIncident[] {
  return publicIncidents(ctx.snapshot)
    .filter((i) => i.status !== 'resolved')
    .map((i) => spIncident(ctx, i));
}

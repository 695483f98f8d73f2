/**
 * Scheduled maintenance → Statuspage scheduled_maintenances (impact "maintenance").
 */
import type { Maintenance, Snapshot } from '../snapshot/schema';
import { parseIso } from '../time/zone';
import { type ApiContext, text } from './context';
import { affectedComponents } from './incidents';
import { maintenanceUrl } from './urls';
import type { SpIncidentUpdate, SpMaintenance } from './types';

/** Maintenance windows, soonest first for upcoming ones, then the rest newest first (Statuspage order). */
export function sortedMaintenance(snapshot: Snapshot): Maintenance[] {
  return [...snapshot.maintenance].sort((a, b) => parseIso(b.starts_at) - parseIso(a.starts_at));
}

/**
 * When the window was created: its announcement (the snapshot's announced_at, stable between builds)
 * when known, else its start — but never later than the snapshot, so an upcoming window is not
 * "created" in the future.
 */
function createdAt(m: Maintenance, generatedAt: string): string {
  if (m.announced_at) return m.announced_at;
  return parseIso(m.starts_at) <= parseIso(generatedAt) ? m.starts_at : generatedAt;
}

/** When the window's status last changed as far as the snapshot tells: announcement, start or end — never before the creation. */
function statusTime(m: Maintenance, created: string): string {
  if (m.status === 'scheduled') return created;
  const at = m.status === 'completed' ? m.ends_at : m.starts_at;
  return parseIso(at) >= parseIso(created) ? at : created;
}

/** One maintenance window in Statuspage's shape. */
export function spMaintenance(ctx: ApiContext, m: Maintenance): SpMaintenance {
  const created = createdAt(m, ctx.snapshot.generated_at);
  const at = statusTime(m, created);
  const update: SpIncidentUpdate = {
    id: `${m.id}-1`,
    status: m.status,
    body: text(ctx, m.body),
    incident_id: m.id,
    created_at: at,
    updated_at: at,
    display_at: at,
    affected_components: null,
    deliver_notifications: false,
    custom_tweet: null,
    tweet_id: null,
  };
  return {
    id: m.id,
    name: text(ctx, m.title),
    status: m.status,
    created_at: created,
    updated_at: at,
    monitoring_at: null,
    resolved_at: m.status === 'completed' ? m.ends_at : null,
    impact: 'maintenance',
    shortlink: maintenanceUrl(ctx.snapshot.site.url, ctx.lang, m.id),
    started_at: m.starts_at,
    page_id: ctx.pageId,
    incident_updates: [update],
    components: affectedComponents(ctx, m.service_ids),
    scheduled_for: m.starts_at,
    scheduled_until: m.ends_at,
  };
}

/** All maintenance windows, newest first. */
export function spMaintenances(ctx: ApiContext): SpMaintenance[] {
  return sortedMaintenance(ctx.snapshot).map((m) => spMaintenance(ctx, m));
}

/** Windows not started yet (status scheduled), soonest first. */
export function spUpcoming(ctx: ApiContext): SpMaintenance[] {
  return spMaintenances(ctx)
    .filter((m) => m.status === 'scheduled')
    .reverse();
}

/** Windows in progress. */
export function spActive(ctx: ApiContext): SpMaintenance[] {
  return spMaintenances(ctx).filter((m) => m.status === 'in_progress' || m.status === 'verifying');
}

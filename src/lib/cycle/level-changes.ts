/**
 * Level changes between the previously published snapshot and the one just published, and the
 * webhook payload that tells subscribers what the public now sees. Pure.
 */
import type { Level } from '../levels';
import type { Localized, Snapshot } from '../snapshot/schema';

/** One service whose public level changed. `previous_level` is null for a service that just appeared. */
export interface LevelChange {
  service_id: string;
  name: Localized;
  previous_level: Level | null;
  level: Level;
  reason: Localized | null;
  since: string | null;
}

/** Services whose level differs from the previous snapshot (in the new snapshot's order); empty without a previous one. */
export function levelChanges(previous: Snapshot | null, next: Snapshot): LevelChange[] {
  if (previous === null) return [];
  const before = new Map(previous.services.map((s) => [s.id, s.level] as const));
  const changes: LevelChange[] = [];
  for (const s of next.services) {
    const was = before.get(s.id) ?? null;
    if (was === s.level) continue;
    changes.push({ service_id: s.id, name: s.name, previous_level: was, level: s.level, reason: s.reason, since: s.since });
  }
  return changes;
}

/** The JSON body POSTed to the webhook: the changes plus the whole public picture, as on the site. */
export interface WebhookPayload {
  type: 'fluxstatus.level_change';
  generated_at: string;
  replay: boolean;
  site_url: string;
  overall: { level: Level; previous_level: Level | null; reason: Localized | null };
  changes: LevelChange[];
  services: { id: string; level: Level; reason: Localized | null }[];
}

/** Builds the webhook payload, or null when nothing changed (no POST). */
export function webhookPayload(previous: Snapshot | null, next: Snapshot): WebhookPayload | null {
  const changes = levelChanges(previous, next);
  if (changes.length === 0) return null;
  return {
    type: 'fluxstatus.level_change',
    generated_at: next.generated_at,
    replay: next.replay,
    site_url: next.site.url,
    overall: { level: next.overall.level, previous_level: previous?.overall.level ?? null, reason: next.overall.reason },
    changes,
    services: next.services.map((s) => ({ id: s.id, level: s.level, reason: s.reason })),
  };
}

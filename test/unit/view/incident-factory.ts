import type { Incident } from '../../../src/lib/snapshot/schema';

/** A resolved, detected GFD incident starting (and ending) at `started_at`; `extra` overrides any field. */
export function incident(id: string, started_at: string, extra: Partial<Incident> = {}): Incident {
  return {
    id,
    source: 'detected',
    title: { nl: id },
    impact: 'minor',
    status: 'resolved',
    peak_level: 'degraded',
    service_ids: ['gfd'],
    started_at,
    resolved_at: started_at,
    reasons: [],
    body: {},
    updates: [],
    still_works: null,
    workaround: null,
    next_update_at: null,
    detected_incident_id: null,
    ...extra,
  };
}

/**
 * Atlassian Statuspage public API v2 (https://<page>.statuspage.io/api/v2/…) as a zod schema,
 * written from Statuspage's documentation and real responses, independent of src/lib/api.
 * Strict: a key that Statuspage does not document is an error, except `x_fluxstatus` (our prefix).
 */
import { z } from 'astro/zod';

/** ISO-8601 with an explicit offset, as Statuspage writes them (2025-11-04T15:30:00.000-06:00). */
const Time = z.string().datetime({ offset: true });
const X = { x_fluxstatus: z.record(z.string(), z.unknown()).optional() };

export const PageSchema = z
  .object({ id: z.string().min(1), name: z.string().min(1), url: z.string().url(), time_zone: z.string().min(1), updated_at: Time })
  .strict();

export const StatusSchema = z
  .object({ indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']), description: z.string().min(1) })
  .strict();

export const ComponentSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    status: z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']),
    created_at: Time,
    updated_at: Time,
    position: z.number().int().positive(),
    description: z.string().nullable(),
    showcase: z.boolean(),
    start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    group_id: z.string().nullable(),
    page_id: z.string().min(1),
    group: z.boolean(),
    only_show_if_degraded: z.boolean(),
    components: z.array(z.string()).optional(),
    ...X,
  })
  .strict();

const AffectedComponent = z.object({ code: z.string(), name: z.string(), old_status: z.string(), new_status: z.string() }).strict();

export const IncidentUpdateSchema = z
  .object({
    id: z.string().min(1),
    status: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem', 'scheduled', 'in_progress', 'verifying', 'completed']),
    body: z.string(),
    incident_id: z.string().min(1),
    created_at: Time,
    updated_at: Time,
    display_at: Time,
    affected_components: z.array(AffectedComponent).nullable(),
    deliver_notifications: z.boolean(),
    custom_tweet: z.string().nullable(),
    tweet_id: z.string().nullable(),
  })
  .strict();

const incidentShape = {
  id: z.string().min(1),
  name: z.string().min(1),
  created_at: Time,
  updated_at: Time,
  monitoring_at: Time.nullable(),
  resolved_at: Time.nullable(),
  shortlink: z.string().url(),
  started_at: Time,
  page_id: z.string().min(1),
  incident_updates: z.array(IncidentUpdateSchema).min(1),
  components: z.array(ComponentSchema),
  ...X,
};

export const IncidentSchema = z
  .object({
    ...incidentShape,
    status: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']),
    impact: z.enum(['none', 'minor', 'major', 'critical']),
  })
  .strict();

export const ScheduledMaintenanceSchema = z
  .object({
    ...incidentShape,
    status: z.enum(['scheduled', 'in_progress', 'verifying', 'completed']),
    impact: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
    scheduled_for: Time,
    scheduled_until: Time,
  })
  .strict();

const withPage = <T extends z.ZodRawShape>(shape: T) => z.object({ page: PageSchema, ...shape, ...X }).strict();

/** The schema of each API file, by path relative to the site root. */
export const STATUSPAGE_FILES = {
  'api/v2/summary.json': withPage({
    components: z.array(ComponentSchema),
    incidents: z.array(IncidentSchema),
    scheduled_maintenances: z.array(ScheduledMaintenanceSchema),
    status: StatusSchema,
  }),
  'api/v2/status.json': withPage({ status: StatusSchema }),
  'api/v2/components.json': withPage({ components: z.array(ComponentSchema) }),
  'api/v2/incidents.json': withPage({ incidents: z.array(IncidentSchema).max(50) }),
  'api/v2/incidents/unresolved.json': withPage({ incidents: z.array(IncidentSchema) }),
  'api/v2/scheduled-maintenances.json': withPage({ scheduled_maintenances: z.array(ScheduledMaintenanceSchema) }),
  'api/v2/scheduled-maintenances/upcoming.json': withPage({ scheduled_maintenances: z.array(ScheduledMaintenanceSchema) }),
  'api/v2/scheduled-maintenances/active.json': withPage({ scheduled_maintenances: z.array(ScheduledMaintenanceSchema) }),
} as const;

/**
 * The snapshot: the one typed contract between the reduce step and everything that renders
 * (pages, JSON API, badges, feeds, embed). Nothing downstream recomputes a level: it reads it here.
 *
 * The snapshot is public-safe by construction: it holds aggregates only — no RRD paths, host
 * names, data-source names or diagnostics (those go to the internal report, see ReportSchema in src/lib/reduce/report.ts).
 * Times are ISO-8601 strings with an offset (Europe/Brussels), except chart timestamps, which are
 * epoch seconds as uPlot wants them.
 */
import { z } from 'astro/zod';
import { LEVELS } from '../levels';
import { SiteUrlSchema } from '../site-url';

export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
/** A site language. nl and fr are required by FarmaFlux; de and en optional. */
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

/** Text per language. The default language is always present; others may be missing (fall back visibly). */
export const LocalizedSchema = z.record(LanguageSchema, z.string());
export type Localized = z.infer<typeof LocalizedSchema>;

export const LevelSchema = z.enum(LEVELS);

/** ISO-8601 date-time with offset, e.g. 2025-11-04T15:30:00+01:00. */
export const IsoTimeSchema = z.string().datetime({ offset: true });

/** What a metric measures; decides how it is scored and drawn. */
export const METRIC_ROLES = ['traffic', 'errors', 'latency', 'backlog', 'freshness'] as const;
export const MetricRoleSchema = z.enum(METRIC_ROLES);
export type MetricRole = z.infer<typeof MetricRoleSchema>;

/** One line of a chart, values aligned with the chart's timestamps; null = unknown. */
export const ChartLineSchema = z.object({
  /** Stable key, e.g. "traffic", "errors", "latency_p95". */
  key: z.string(),
  role: MetricRoleSchema,
  label: LocalizedSchema,
  /** Display unit, e.g. "calls/min", "%", "ms", "messages". */
  unit: z.string(),
  values: z.array(z.number().nullable()),
  /** Expected band (from the baseline) for this line, same length as values. */
  expected_lower: z.array(z.number().nullable()).optional(),
  expected_upper: z.array(z.number().nullable()).optional(),
});
export type ChartLine = z.infer<typeof ChartLineSchema>;

/** Chart data in uPlot's shape: ascending epoch seconds, already aggregated to `step`. */
export const ChartSchema = z.object({
  step: z.number().int().positive(),
  timestamps: z.array(z.number().int()),
  lines: z.array(ChartLineSchema),
  /**
   * Health score (0–100) per bucket, the worst minute of the bucket, aligned with timestamps; null
   * where unknown or in maintenance. The synthesis chart draws it over the level bands of docs/health.md.
   */
  score: z.array(z.number().min(0).max(100).nullable()).optional(),
});
export type Chart = z.infer<typeof ChartSchema>;

/** One Brussels calendar day of a service's uptime (23/25-hour DST days included). */
export const UptimeDaySchema = z.object({
  /** Local date, YYYY-MM-DD in the site time zone. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Worst level seen that day (unknown when the whole day is unknown). */
  level: LevelSchema,
  /** Fraction of known time that was up (0..1); null when no time was known. */
  uptime: z.number().min(0).max(1).nullable(),
  /** The same over the service schedule (e.g. pharmacy opening hours); null when none. */
  schedule_uptime: z.number().min(0).max(1).nullable(),
  /** Seconds of that day with unknown status (left out of the denominator). */
  unknown_seconds: z.number().nonnegative(),
  /** Seconds down (partial or major outage) and degraded, for tooltips. */
  outage_seconds: z.number().nonnegative(),
  degraded_seconds: z.number().nonnegative(),
  /** Ids of incidents touching that day. */
  incident_ids: z.array(z.string()),
});
export type UptimeDay = z.infer<typeof UptimeDaySchema>;

/** The current value of a public metric, with what was expected (for reasons and the about page). */
export const MetricNowSchema = z.object({
  key: z.string(),
  role: MetricRoleSchema,
  label: LocalizedSchema,
  unit: z.string(),
  value: z.number().nullable(),
  expected: z.number().nullable(),
});

export const ServiceSnapshotSchema = z.object({
  id: z.string(),
  name: LocalizedSchema,
  /** Short label for badges and the status button (config `short_name`); absent or null: the name. */
  short_name: z.string().nullable().optional(),
  description: LocalizedSchema,
  group: z.string().nullable(),
  level: LevelSchema,
  /** 0 (down) .. 100 (healthy); null when unknown. */
  score: z.number().min(0).max(100).nullable(),
  /** Plain-words reason for a non-green level, per language; null when operational. */
  reason: LocalizedSchema.nullable(),
  /** When the current level began (as far as the history goes). */
  since: IsoTimeSchema.nullable(),
  /** End of the newest known data of this service. */
  data_until: IsoTimeSchema.nullable(),
  metrics: z.array(MetricNowSchema),
  charts: z.object({ day: ChartSchema, week: ChartSchema, quarter: ChartSchema }),
  /** 90 entries, oldest first, the last one is today. */
  uptime_days: z.array(UptimeDaySchema),
  uptime_90d: z.object({ all: z.number().nullable(), schedule: z.number().nullable() }),
});
export type ServiceSnapshot = z.infer<typeof ServiceSnapshotSchema>;

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export const ImpactSchema = z.enum(IMPACTS);

export const IncidentUpdateSchema = z.object({
  status: IncidentStatusSchema,
  at: IsoTimeSchema,
  /** Markdown source per language; rendered safely (raw HTML escaped) by the views. */
  body: LocalizedSchema,
});

export const IncidentSchema = z.object({
  /** Stable id: "2025-11-03-pcdh-1" for detected ones, the file slug for written ones. */
  id: z.string(),
  source: z.enum(['detected', 'written']),
  title: LocalizedSchema,
  impact: ImpactSchema,
  status: IncidentStatusSchema,
  /** Worst level reached. */
  peak_level: LevelSchema,
  service_ids: z.array(z.string()).min(1),
  started_at: IsoTimeSchema,
  /** null while ongoing. */
  resolved_at: IsoTimeSchema.nullable(),
  /** Reasons seen during the incident, per language, in order of appearance. */
  reasons: z.array(LocalizedSchema),
  /** Markdown body per language (written communications); empty for detected-only incidents. */
  body: LocalizedSchema,
  updates: z.array(IncidentUpdateSchema),
  still_works: LocalizedSchema.nullable(),
  workaround: LocalizedSchema.nullable(),
  next_update_at: IsoTimeSchema.nullable(),
  /** A written incident may link the detected incident it explains (which then is not listed twice). */
  detected_incident_id: z.string().nullable(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const MaintenanceSchema = z.object({
  id: z.string(),
  title: LocalizedSchema,
  service_ids: z.array(z.string()).min(1),
  starts_at: IsoTimeSchema,
  ends_at: IsoTimeSchema,
  status: z.enum(['scheduled', 'in_progress', 'completed']),
  body: LocalizedSchema,
  /** When the window was announced, when the content says so (the API's created_at). */
  announced_at: IsoTimeSchema.nullable().optional(),
});
export type Maintenance = z.infer<typeof MaintenanceSchema>;

/** The public explanation of the rules, for the about page (numbers from the config). */
export const RulesSummarySchema = z.object({
  stale_after_seconds: z.number(),
  enter_after_minutes: z.number(),
  leave_after_minutes: z.number(),
  error_ratio_degraded: z.number(),
  error_ratio_outage: z.number(),
  traffic_drop_outage: z.number(),
  latency_factor_degraded: z.number(),
  /** Volume guards (health/roles): calls per minute behind a latency or error judgement, calls expected for a traffic one. */
  latency_min_calls_per_minute: z.number().optional(),
  error_min_calls_per_minute: z.number().optional(),
  traffic_min_expected_per_minute: z.number().optional(),
});

export const SiteInfoSchema = z.object({
  title: LocalizedSchema,
  description: LocalizedSchema,
  url: SiteUrlSchema,
  languages: z.array(LanguageSchema).min(1),
  default_language: LanguageSchema,
  time_zone: z.string(),
});
export type SiteInfo = z.infer<typeof SiteInfoSchema>;

export const SnapshotSchema = z.object({
  schema_version: z.literal(1),
  /** The `now` the snapshot was computed for. */
  generated_at: IsoTimeSchema,
  /** End of the newest known data over all services (null when none). */
  data_until: IsoTimeSchema.nullable(),
  /**
   * Wall-clock instant after which the snapshot must be shown as "status unknown — data delayed"
   * (rebuilds stopped). Computed from the time the snapshot was built, so a replay is fresh while
   * it is being rebuilt, and any page turns grey by itself when rebuilds stop.
   */
  valid_until: IsoTimeSchema,
  /** True when `generated_at` is a replayed past minute (`--now`), not the wall clock: views show a replay banner. */
  replay: z.boolean(),
  /** sha256 of the inputs and rules that produced this snapshot. */
  digest: z.string(),
  site: SiteInfoSchema,
  overall: z.object({
    level: LevelSchema,
    score: z.number().min(0).max(100).nullable(),
    reason: LocalizedSchema.nullable(),
  }),
  services: z.array(ServiceSnapshotSchema),
  /** Newest first. */
  incidents: z.array(IncidentSchema),
  maintenance: z.array(MaintenanceSchema),
  rules: RulesSummarySchema,
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

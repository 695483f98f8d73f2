/**
 * The configuration file (data/status.yaml): site, services, metrics and rules.
 * Strict everywhere: an unknown key (a typo such as `treshold:`) is an error, not silence.
 * Defaults live here, in `.default()`, and are documented in docs/configuration.md.
 */
import { z } from 'astro/zod';
import { LanguageSchema, LocalizedSchema, METRIC_ROLES } from '../snapshot/schema';
import { RulesOverrideSchema, RulesSchema } from './rules';
import { SiteUrlSchema } from '../site-url';
export { RulesSchema, RulesOverrideSchema, type Rules } from './rules';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Units a metric may be stored in (the engine works per minute for rates, in ms for latency). */
export const METRIC_UNITS = ['per_second', 'per_minute', 'ms', 'seconds', 'count'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

const HhMm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use a 24-hour time such as "08:00" ("24:00" for midnight at the end of a day)');

/** One opening-hours window of the service schedule (local time in the site time zone). */
export const ScheduleWindowSchema = z
  .object({
    /** Weekdays the window applies to: mon, tue, wed, thu, fri, sat, sun. */
    days: z.array(z.enum(WEEKDAYS)).min(1),
    /** Opening time, 24-hour "HH:MM". */
    from: HhMm,
    /** Closing time, later than `from` (a window cannot cross midnight; "24:00" ends at midnight). */
    to: HhMm,
  })
  .strict();

/** The opening-hours windows of a schedule; an empty list means no opening hours (no schedule uptime). */
export const ScheduleSchema = z.array(ScheduleWindowSchema);

export const SiteConfigSchema = z
  .object({
    /** Site title per language. */
    title: LocalizedSchema,
    /** One-line description per language. */
    description: LocalizedSchema.default({}),
    /** Public URL of the site (used in feeds, the API and the embed code). */
    url: SiteUrlSchema,
    /** Languages of the site; nl and fr for FarmaFlux, de and en optional. */
    languages: z.array(LanguageSchema).min(1).default(['nl', 'fr']),
    /** Language of `/` fallbacks and of missing translations. */
    default_language: LanguageSchema.default('nl'),
    /** IANA zone for days, schedules and displayed times. */
    time_zone: z.string().default('Europe/Brussels'),
    /** Service schedule for "uptime during opening hours" (pharmacy hours by default); a service may declare its own. */
    schedule: ScheduleSchema.default([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '19:00' },
      { days: ['sat'], from: '08:30', to: '12:30' },
    ]),
  })
  .strict();

/** How one metric is read from the RRD files and what it means. */
export const MetricConfigSchema = z
  .object({
    /** Stable key of the metric within its service, e.g. "calls" or "p95". Public (chart keys). */
    key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _'),
    /** What the metric measures. */
    role: z.enum(METRIC_ROLES),
    /** Public label per language. */
    label: LocalizedSchema.optional(),
    /** File globs relative to the data directory, e.g. "rrd/gfd/**\/calls.rrd" (beware: "calls*.rrd" would also match calls_hw.rrd). */
    files: z.union([z.string(), z.array(z.string()).min(1)]),
    /** Data-source name inside each file. Internal: never published. */
    ds: z.string().regex(/^[a-zA-Z0-9_-]{1,19}$/, 'an rrdtool DS name has 1-19 letters, digits, _ or -'),
    /** Consolidation function to read. */
    cf: z.enum(['AVERAGE', 'MIN', 'MAX', 'LAST']).default('AVERAGE'),
    /** How values of several files combine into one series. */
    combine: z.enum(['sum', 'mean', 'max']).default('sum'),
    /** Unit of the stored value: COUNTER/DERIVE rates are per second; a GAUGE may be per minute; a latency is in ms or in seconds (collectd), shown in ms. */
    unit: z.enum(METRIC_UNITS).default('per_second'),
    /** Rates above this (per second) are counter artifacts (32-bit wraps, resets), treated as unknown. */
    max_rate: z.number().positive().optional(),
  })
  .strict();

export const ServiceConfigSchema = z
  .object({
    /** Stable id used in URLs and the API, e.g. "gfd". */
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and -'),
    /** Public name per language (the default language is required). */
    name: LocalizedSchema,
    /** Short label of badges and the status button, e.g. "GFD" (same in every language); default: the name. */
    short_name: z.string().min(1).max(24).optional(),
    /** One-line public description per language. */
    description: LocalizedSchema.default({}),
    /** Display order (lower first); default: file order. */
    order: z.number().int().optional(),
    /** Optional group name shown above related services. */
    group: z.string().optional(),
    /** The metrics read from the RRD files; at least one with role traffic or freshness. */
    metrics: z.array(MetricConfigSchema).min(1),
    /** Own schedule for "uptime during opening hours" instead of site.schedule, e.g. all days 00:00-24:00 for a 24/7 service or a nightly batch window. */
    schedule: ScheduleSchema.optional(),
    /** Per-service overrides of the global rules. */
    rules: RulesOverrideSchema.optional(),
  })
  .strict();

/** Default of read_budget_seconds (also used by readers called without a config). */
export const DEFAULT_READ_BUDGET_SECONDS = 10;

export const ConfigSchema = z
  .object({
    /** The site: titles, URL, languages, time zone, opening hours. */
    site: SiteConfigSchema,
    /** The health rules for every service (see the `rules.*` rows). */
    rules: RulesSchema.default({}),
    /** The monitored services, in display order. */
    services: z.array(ServiceConfigSchema).min(1),
    /** rrdcached to flush the RRDs through before each read (`unix:/path`, `/path`, `host` or `host:port`); default: env RRDCACHED_ADDRESS, else none. */
    rrdcached: z.string().min(1).optional(),
    /** Longest wall time one input file may take to open, read and parse; a slower file (slow network share, huge export) makes its metrics unknown with one line, exit 1. */
    read_budget_seconds: z.number().positive().max(600).default(DEFAULT_READ_BUDGET_SECONDS),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;
export type MetricConfig = z.infer<typeof MetricConfigSchema>;
export type SiteConfig = z.infer<typeof SiteConfigSchema>;
export type ScheduleWindow = z.infer<typeof ScheduleWindowSchema>;

/**
 * The health rules (the `rules:` section of data/status.yaml, and per-service overrides).
 * Thresholds are data: the health engine applies them, nothing else hard-codes them.
 */
import { z } from 'astro/zod';

/** The health rules. Defaults work on the sample corpus without tuning. */
export const RulesSchema = z
  .object({
    /** A service with no data newer than this is `unknown` (grey). */
    stale_after_seconds: z.number().int().positive().default(300),
    /** Minutes a worse level must persist before it is shown. */
    enter_after_minutes: z.number().int().min(1).default(2),
    /** Minutes of better data before a level is left. */
    leave_after_minutes: z.number().int().min(1).default(5),
    /** Non-green episodes closer than this merge into one incident. */
    merge_gap_minutes: z.number().int().min(0).default(15),
    /** Weeks of history used for the expected traffic (same weekday and time of day). */
    baseline_weeks: z.number().int().min(1).max(12).default(4),
    /** Traffic below this fraction of the expected is a major outage (when traffic is expected). */
    traffic_outage_ratio: z.number().min(0).max(1).default(0.2),
    /** Traffic below this fraction of the expected is degraded. */
    traffic_degraded_ratio: z.number().min(0).max(1).default(0.5),
    /** Expected traffic below this (calls/min) is too low to judge a drop (nights, Sundays). */
    traffic_min_expected_per_minute: z.number().nonnegative().default(20),
    /** Error ratio (errors / calls) from which the service is degraded. */
    error_ratio_degraded: z.number().min(0).max(1).default(0.05),
    /** Error ratio from which it is a partial outage. */
    error_ratio_outage: z.number().min(0).max(1).default(0.25),
    /** Latency above baseline × this factor is degraded. */
    latency_factor_degraded: z.number().min(1).default(3),
    /** Absolute latency limit (ms) above which the service is degraded. */
    latency_limit_ms: z.number().positive().default(2000),
    /** Backlog above this many messages is degraded. */
    backlog_degraded_above: z.number().nonnegative().default(1000),
    /** Backlog growing for this many minutes is degraded even below the limit. */
    backlog_growing_minutes: z.number().int().min(1).default(30),
  })
  .strict();
export const RulesOverrideSchema = RulesSchema.partial().strict();

export type Rules = z.infer<typeof RulesSchema>;

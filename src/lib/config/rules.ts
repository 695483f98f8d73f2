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
    /** Traffic below this fraction of the expected, minute by minute, is a major outage (when traffic is expected). */
    traffic_outage_ratio: z.number().min(0).max(1).default(0.2),
    /** Traffic below this fraction of the expected over the traffic window is degraded. */
    traffic_degraded_ratio: z.number().min(0).max(1).default(0.5),
    /** Minutes summed for the degraded traffic test, so a 2-minute dip stays green. */
    traffic_window_minutes: z.number().int().min(1).max(60).default(5),
    /** Traffic is compared with the lowest expectation within ± this many minutes (a shop opening late is not an outage). */
    traffic_tolerance_minutes: z.number().int().min(0).max(120).default(15),
    /** Expected traffic below this (calls/min) is too low to judge a drop (nights, Sundays). */
    traffic_min_expected_per_minute: z.number().nonnegative().default(20),
    /** Traffic at or below this fraction of a judged expectation is decisive: the major outage shows on that minute, without waiting. */
    traffic_decisive_ratio: z.number().min(0).max(1).default(0.05),
    /** Error ratio (errors / calls) from which the service is degraded. */
    error_ratio_degraded: z.number().min(0).max(1).default(0.05),
    /** Error ratio from which it is a partial outage. */
    error_ratio_outage: z.number().min(0).max(1).default(0.2),
    /** Calls per minute below which the error ratio is not judged (3 errors of 5 calls at night say little). */
    error_min_calls_per_minute: z.number().nonnegative().default(20),
    /** Failed calls per minute (above the usual) below which errors are a blip, not an incident. */
    error_min_failed_per_minute: z.number().nonnegative().default(10),
    /** Error ratio from which a minute is decisive (shown at once) when at least error_decisive_min_calls_per_minute calls stand behind it. */
    error_decisive_ratio: z.number().min(0).max(1).default(0.8),
    /** Calls per minute needed for a decisive error minute. */
    error_decisive_min_calls_per_minute: z.number().nonnegative().default(100),
    /** Latency above baseline × this factor is degraded. */
    latency_factor_degraded: z.number().min(1).default(3),
    /** Absolute latency limit (ms) above which the service is degraded. */
    latency_limit_ms: z.number().positive().default(2000),
    /** Calls per minute below which latency is not judged (a p95 of a few calls is one slow call, not a tail); needs a traffic metric. */
    latency_min_calls_per_minute: z.number().nonnegative().default(10),
    /** Backlog above this many messages is degraded (a backlog is never more than degraded: the service still answers). */
    backlog_degraded_above: z.number().nonnegative().default(1000),
    /** Backlog above its usual level for the hour × this factor is degraded (when above backlog_min_messages). */
    backlog_factor_degraded: z.number().min(1).default(10),
    /** Backlogs below this many messages are never judged against their usual level. */
    backlog_min_messages: z.number().nonnegative().default(100),
    /** Backlog growing for this many minutes is degraded even below the limit. */
    backlog_growing_minutes: z.number().int().min(1).default(30),
    /** Rates above the series' own 99th percentile × this factor are counter artifacts (unknown), not traffic. */
    artifact_factor: z.number().min(2).default(50),
    /** Fraction of a metric's files that must be known in a minute for the combined value to be known. */
    combine_min_known_fraction: z.number().min(0).max(1).default(0.9),
    /** Built-in public holidays (treated like a Sunday): "BE" (Belgium) or "none". */
    holidays: z.enum(['BE', 'none']).default('BE'),
    /** Extra dates treated like a Sunday ("YYYY-MM-DD"), e.g. bridge days. */
    extra_holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date such as "2025-12-26"')).default([]),
    /** Seconds a snapshot stays valid past the first instant its status could change without new data (a metric passing stale_after_seconds, a maintenance edge, the full hour, midnight); after that the site shows "status unknown — data delayed". With data flowing, a stopped fluxstatus turns its pages grey at the newest data it read + stale_after_seconds + 1 min + this. */
    snapshot_valid_seconds: z.number().int().positive().default(180),
  })
  .strict();
export const RulesOverrideSchema = RulesSchema.partial().strict();

export type Rules = z.infer<typeof RulesSchema>;

/** One ordering rule between two rule keys: `low` must stay below `high` (or at most, when `equal`). */
interface Ordering {
  low: keyof Rules;
  high: keyof Rules;
  equal?: boolean;
  why: string;
}

/** The orderings the rules must keep for the engine's thresholds and score positions to make sense. */
const ORDERINGS: readonly Ordering[] = [
  { low: 'error_ratio_degraded', high: 'error_ratio_outage', why: 'a partial outage needs more failing calls than degraded' },
  { low: 'error_ratio_outage', high: 'error_decisive_ratio', equal: true, why: 'a decisive error minute is at least a partial outage' },
  { low: 'error_min_calls_per_minute', high: 'error_decisive_min_calls_per_minute', equal: true, why: 'a decisive error minute needs at least the calls any error judgement needs' },
  { low: 'traffic_outage_ratio', high: 'traffic_degraded_ratio', why: 'an outage is a deeper drop than degraded' },
  { low: 'traffic_decisive_ratio', high: 'traffic_outage_ratio', equal: true, why: 'a decisive drop is at least a major outage' },
  { low: 'backlog_min_messages', high: 'backlog_degraded_above', equal: true, why: 'the absolute backlog limit cannot be below the smallest backlog ever judged' },
];

/** Keys whose value must stay strictly inside (0, 1): at 0 or 1 a score position divides by zero. */
const OPEN_UNIT: readonly (keyof Rules)[] = ['error_ratio_degraded', 'error_ratio_outage', 'traffic_outage_ratio', 'traffic_degraded_ratio'];

/** A problem found in a set of rules, at the key to change. */
export interface RuleProblem {
  key: keyof Rules;
  message: string;
}

/**
 * The rules checked as a whole (what one key's range cannot say): every ordering between
 * thresholds, and ratios strictly between 0 and 1. `explicit` tells which keys the file sets, so
 * the message points at a key the operator wrote rather than at a default.
 */
export function ruleProblems(rules: Rules, explicit: (key: keyof Rules) => boolean = () => true): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const key of OPEN_UNIT) {
    const v = rules[key] as number;
    if (!(v > 0 && v < 1)) problems.push({ key, message: `${v} is not strictly between 0 and 1 — use a fraction such as ${RulesSchema.shape[key]._def.defaultValue()} (a ratio of 0 or 1 leaves no room for the score).` });
  }
  for (const o of ORDERINGS) {
    const low = rules[o.low] as number;
    const high = rules[o.high] as number;
    if (o.equal === true ? low <= high : low < high) continue;
    const key = explicit(o.high) || !explicit(o.low) ? o.high : o.low;
    const other = key === o.high ? o.low : o.high;
    const relation = key === o.high ? (o.equal === true ? 'at least' : 'greater than') : o.equal === true ? 'at most' : 'less than';
    problems.push({ key, message: `${rules[key] as number} must be ${relation} ${other} (${rules[other] as number}): ${o.why} — change one of the two.` });
  }
  return problems;
}

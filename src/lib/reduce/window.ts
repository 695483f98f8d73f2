/**
 * The window of minutes a reduce evaluates at `now`: the 90 days shown plus the baseline's weeks
 * before them, so the oldest shown day has a baseline. Pure.
 */
import type { Config } from '../config/schema';
import { gridBetween, type Grid } from '../health/grid';

/** Days shown (uptime bars, charts). */
export const SHOWN_DAYS = 90;
/** Days of history evaluated before the ones shown. */
export const EXTRA_DAYS = 1;

/** The grid of minutes evaluated at `now` (epoch s). */
export function reduceGrid(config: Config, now: number): Grid {
  const weeks = Math.max(config.rules.baseline_weeks, ...config.services.map((s) => s.rules?.baseline_weeks ?? 0));
  return gridBetween(now - (SHOWN_DAYS + EXTRA_DAYS + weeks * 7) * 86_400, now);
}

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

/**
 * The grid of minutes read at `now` (epoch s). Its start is the UTC midnight before the window's
 * start, so it moves once a day, not every minute: a minute without new data evaluates the very same
 * grid prefix as the minute before (evaluation-end.ts), and its evaluation can be reused.
 */
export function reduceGrid(config: Config, now: number): Grid {
  const weeks = Math.max(config.rules.baseline_weeks, ...config.services.map((s) => s.rules?.baseline_weeks ?? 0));
  const from = now - (SHOWN_DAYS + EXTRA_DAYS + weeks * 7) * 86_400;
  return gridBetween(Math.floor(from / 86_400) * 86_400, now);
}

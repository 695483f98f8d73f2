/**
 * Service levels: one string union, one order, one rollup.
 * Nothing else in fluxstatus decides which level is "worse".
 */
export const LEVELS = [
  'operational',
  'under_maintenance',
  'degraded',
  'unknown',
  'partial_outage',
  'major_outage',
] as const;

/** A service or page level. `unknown` = data stale or missing (grey), never green. */
export type Level = (typeof LEVELS)[number];

/** Severity rank: higher is worse. `unknown` ranks above `degraded` so stale data can never hide behind green or orange. */
const RANK: Record<Level, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded: 2,
  unknown: 3,
  partial_outage: 4,
  major_outage: 5,
};

/** Compares two levels by severity (negative when `a` is less severe). */
export function compareLevels(a: Level, b: Level): number {
  return RANK[a] - RANK[b];
}

/** The single rollup: the worst of the given levels; `unknown` when there are none. */
export function worstLevel(levels: Iterable<Level>): Level {
  let worst: Level | undefined;
  for (const level of levels) {
    // Stryker disable next-line EqualityOperator: `>=` keeps the last of equally ranked levels instead of the first; equal rank means the same level (RANK is one-to-one), so the result is the same string.
    if (worst === undefined || RANK[level] > RANK[worst]) worst = level;
  }
  return worst ?? 'unknown';
}

/** True for the levels shown in red or orange (an incident is open while a service sits here). */
export function isDisrupted(level: Level): boolean {
  return level === 'degraded' || level === 'partial_outage' || level === 'major_outage';
}

/** The colour family of a level, for views: green, orange, red, grey, blue. */
export type LevelColor = 'green' | 'orange' | 'red' | 'grey' | 'blue';
export function levelColor(level: Level): LevelColor {
  switch (level) {
    case 'operational':
      return 'green';
    case 'degraded':
      return 'orange';
    case 'partial_outage':
    case 'major_outage':
      return 'red';
    case 'unknown':
      return 'grey';
    case 'under_maintenance':
      return 'blue';
  }
}

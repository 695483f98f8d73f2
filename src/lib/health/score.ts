/**
 * The continuous health score (0–100) of a minute. Each signal gives a *position* on one scale
 * whose whole numbers are the rule thresholds: 0 = usual, 1 = degraded threshold, 2 = partial
 * outage threshold, 3 = major outage threshold, 4 = nothing left. The minute's position is the worst
 * signal's; the score places it inside the band of the level shown (after dwell), so a score never
 * contradicts its level:
 *
 *   operational 100–90, degraded 89–50, partial outage 49–20, major outage 19–0;
 *   score = top − round((top − bottom) × clamp(position − band index, 0, 1)).
 *
 * Every position is monotone: a worse signal never gives a higher score at the same level.
 */
import type { Level } from '../levels';

/** Score band per level: [bottom, top] (integers, inclusive). Unknown and maintenance have no score. */
export const SCORE_BANDS: Readonly<Record<'operational' | 'degraded' | 'partial_outage' | 'major_outage', readonly [number, number]>> = {
  operational: [90, 100],
  degraded: [50, 89],
  partial_outage: [20, 49],
  major_outage: [0, 19],
};

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The score of a minute shown at `level` whose worst signal stands at `position`; NaN when unknown or in maintenance. */
export function scoreFor(level: Level, position: number): number {
  // A switch on the level (not a lookup keyed by it): this runs for every minute of every service.
  let index: number;
  let band: readonly [number, number];
  switch (level) {
    case 'operational':
      index = 0;
      band = SCORE_BANDS.operational;
      break;
    case 'degraded':
      index = 1;
      band = SCORE_BANDS.degraded;
      break;
    case 'partial_outage':
      index = 2;
      band = SCORE_BANDS.partial_outage;
      break;
    case 'major_outage':
      index = 3;
      band = SCORE_BANDS.major_outage;
      break;
    default:
      return Number.NaN;
  }
  const bottom = band[0];
  const top = band[1];
  const p = position === position ? clamp01(position - index) : 0;
  return top - Math.round((top - bottom) * p);
}

// Each role's position comes from its own module (roles/), from the same numbers as its level.
export { trafficPosition } from './roles/traffic';
export { errorPosition } from './roles/errors';
export { latencyPosition } from './roles/latency';
export { backlogPosition } from './roles/backlog';

/**
 * Level → Statuspage value. Statuspage has no "unknown", and its clients read unrecognised
 * values as green; so `unknown` maps to the mildest value that is NOT operational.
 */
import type { Level } from '../levels';
import type { ComponentStatus, Indicator } from './types';

/** Component status of a level. `unknown` → degraded_performance: we cannot vouch for it, and it must never read green. */
export function componentStatus(level: Level): ComponentStatus {
  switch (level) {
    case 'operational':
      return 'operational';
    case 'under_maintenance':
      return 'under_maintenance';
    case 'degraded':
    case 'unknown':
      return 'degraded_performance';
    case 'partial_outage':
      return 'partial_outage';
    case 'major_outage':
      return 'major_outage';
  }
}

/** Page indicator of the page level. `unknown` → minor (at least): never "none". */
export function pageIndicator(level: Level): Indicator {
  switch (level) {
    case 'operational':
      return 'none';
    case 'under_maintenance':
      return 'maintenance';
    case 'degraded':
    case 'unknown':
      return 'minor';
    case 'partial_outage':
      return 'major';
    case 'major_outage':
      return 'critical';
  }
}

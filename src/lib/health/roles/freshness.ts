/**
 * Freshness: a heartbeat metric whose only judgement is its age — missing for longer than
 * `stale_after_seconds` makes the service unknown (signals.ts); its values are never compared.
 */
import type { RoleModule } from './role';

export const freshness: RoleModule = {
  ruleKeys: ['stale_after_seconds'],
  unit: 's',
  baseline: { quantile: 0.5, widen: 'up' },
  chart: 'mean',
  judge: () => 0,
};

/**
 * Every metric role and its module. `satisfies Record<MetricRole, RoleModule>`: a role added to
 * METRIC_ROLES without a module (or a module for no role) does not compile — no role is ever read,
 * charted and silently never judged.
 */
import type { MetricRole } from '../../snapshot/schema';
import { backlog } from './backlog';
import { errors } from './errors';
import { freshness } from './freshness';
import { latency } from './latency';
import type { RoleModule } from './role';
import { traffic } from './traffic';

export const ROLES = { traffic, errors, latency, backlog, freshness } as const satisfies Record<MetricRole, RoleModule>;

export type { ChartAggregation, MinuteContext, RoleModule, ThresholdTable } from './role';

import { describe, expect, it } from 'vitest';
import { RulesSchema } from '../../../src/lib/config/rules';
import { ROLES, type RoleModule } from '../../../src/lib/health/roles';
import { backlogThreshold } from '../../../src/lib/health/roles/backlog';
import { errorTable } from '../../../src/lib/health/roles/errors';
import { latencyTable } from '../../../src/lib/health/roles/latency';
import { levelOn, positionOn } from '../../../src/lib/health/roles/role';
import { METRIC_ROLES, type MetricRole } from '../../../src/lib/snapshot/schema';
import { backlog } from '../../../src/lib/health/roles/backlog';
import { errors } from '../../../src/lib/health/roles/errors';
import { latency } from '../../../src/lib/health/roles/latency';
import { traffic } from '../../../src/lib/health/roles/traffic';

const rules = RulesSchema.parse({});

// @ts-expect-error a role of METRIC_ROLES without its module does not compile (freshness is missing)
const incomplete: Record<MetricRole, RoleModule> = { traffic, errors, latency, backlog };
void incomplete;

describe('the role table', () => {
  it('has exactly one module per metric role', () => {
    expect(Object.keys(ROLES).sort()).toEqual([...METRIC_ROLES].sort());
  });

  it('gives every rule key to at most one role, and only keys the rules schema knows', () => {
    const keys = Object.values(ROLES).flatMap((r) => [...r.ruleKeys]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(Object.keys(RulesSchema.shape)).toContain(k);
  });

  it('takes the upper median for traffic (incidents only lower it) and the median elsewhere', () => {
    expect(ROLES.traffic.baseline).toEqual({ quantile: 0.6, widen: 'down' });
    expect(ROLES.latency.baseline.quantile).toBe(0.5);
    expect(ROLES.backlog.chart).toBe('max');
  });
});

describe('threshold tables: level and position from the same numbers', () => {
  it.each([
    [0.0499, undefined, 0.998],
    [0.05, 'degraded', 1],
    [0.0501, 'degraded', 1.00067],
    [0.1999, 'degraded', 1.99933],
    [0.2, 'partial_outage', 2],
    [0.2001, 'partial_outage', 2.000125],
    [1, 'partial_outage', 3],
  ])('errors at %d: level %s, position %d', (ratio, level, position) => {
    const t = errorTable(rules);
    expect(levelOn(t, ratio)).toBe(level);
    expect(positionOn(t, ratio)).toBeCloseTo(position, 4);
  });

  it('gives no level and position 0 for NaN', () => {
    expect(levelOn(errorTable(rules), Number.NaN)).toBeUndefined();
    expect(positionOn(errorTable(rules), Number.NaN)).toBe(0);
  });

  it.each([
    [899, undefined],
    [900, undefined],
    [901, 'degraded'],
  ])('latency %d ms with a usual 300 ms (threshold 900 = 3 × usual): level %s', (v, level) => {
    const t = latencyTable(300, rules);
    expect(levelOn(t, v)).toBe(level);
    expect(positionOn(t, 900)).toBe(1);
  });

  it('caps the latency threshold at latency_limit_ms and ignores a missing usual value', () => {
    expect(latencyTable(1000, rules).levels[0]!.at).toBe(2000);
    expect(latencyTable(Number.NaN, rules).levels[0]!.at).toBe(2000);
  });

  it.each([
    [0, 100],
    [5, 100],
    [50, 500],
    [500, 1000],
  ])('backlog threshold with a usual level of %d is %d', (usual, t) => {
    expect(backlogThreshold(usual, rules)).toBe(t);
  });
});

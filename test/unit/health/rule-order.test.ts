import { describe, expect, it } from 'vitest';
import { RulesSchema, ruleProblems, type Rules } from '../../../src/lib/config/rules';
import { parseConfig } from '../../../src/lib/config/load';

const defaults = RulesSchema.parse({});
const problems = (over: Partial<Rules>): string[] => ruleProblems({ ...defaults, ...over }).map((p) => `${p.key}: ${p.message}`);

const CONFIG = (rules: string, serviceRules = ''): string => `site:
  title: { nl: Status }
  url: https://status.example.be
rules:
${rules}
services:
  - id: gfd
    name: { nl: GFD }
    metrics:
      - { key: calls, role: traffic, files: rrd/gfd/calls.rrd, ds: calls }
${serviceRules}`;

describe('rules validated as a whole', () => {
  it('accepts the defaults', () => {
    expect(problems({})).toEqual([]);
  });

  it.each([
    ['error_ratio_degraded', 'error_ratio_outage', 0.05],
    ['traffic_outage_ratio', 'traffic_degraded_ratio', 0.2],
  ] as const)('requires %s below %s: equal is refused, just below accepted', (low, high, at) => {
    expect(problems({ [low]: at, [high]: at })).toHaveLength(1);
    expect(problems({ [low]: at - 0.001, [high]: at })).toEqual([]);
  });

  it('refuses an outage ratio of 1 (it would give a NaN score) and of 0', () => {
    expect(problems({ error_ratio_outage: 1, error_decisive_ratio: 1 })).toEqual([
      'error_ratio_outage: 1 is not strictly between 0 and 1 — use a fraction such as 0.2 (a ratio of 0 or 1 leaves no room for the score).',
    ]);
    expect(problems({ traffic_outage_ratio: 0, traffic_decisive_ratio: 0 })).toHaveLength(1);
    expect(problems({ error_ratio_outage: Number.NaN })[0]).toContain('is not strictly between 0 and 1');
  });

  it('lets a decisive threshold equal, but not pass, the outage one', () => {
    expect(problems({ traffic_decisive_ratio: 0.2 })).toEqual([]);
    expect(problems({ traffic_decisive_ratio: 0.21 })).toHaveLength(1);
    expect(problems({ error_decisive_ratio: 0.2 })).toEqual([]);
    expect(problems({ error_decisive_ratio: 0.19 })).toHaveLength(1);
  });

  it('names the inverted error rules in one friendly line at the key the file sets', () => {
    const r = parseConfig(CONFIG('  error_ratio_degraded: 0.5\n  error_ratio_outage: 0.2'), 'status.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'status.yaml:6:23: rules.error_ratio_outage: 0.2 must be greater than error_ratio_degraded (0.5): a partial outage needs more failing calls than degraded — change one of the two.',
    ]);
  });

  it('points at the key that is set when the other one is a default', () => {
    const r = parseConfig(CONFIG('  error_ratio_outage: 0.01'), 'status.yaml');
    expect(r.ok ? [] : r.errors).toEqual([
      'status.yaml:5:23: rules.error_ratio_outage: 0.01 must be greater than error_ratio_degraded (0.05): a partial outage needs more failing calls than degraded — change one of the two.',
    ]);
    const low = parseConfig(CONFIG('  error_ratio_degraded: 0.3'), 'status.yaml');
    expect(low.ok ? [] : low.errors).toEqual([
      'status.yaml:5:25: rules.error_ratio_degraded: 0.3 must be less than error_ratio_outage (0.2): a partial outage needs more failing calls than degraded — change one of the two.',
    ]);
  });

  it('checks a service override against the global rules it is merged with', () => {
    const r = parseConfig(CONFIG('  traffic_degraded_ratio: 0.5', '    rules: { traffic_outage_ratio: 0.7 }\n'), 'status.yaml');
    expect(r.ok ? [] : r.errors).toEqual([
      'status.yaml:11:36: services[0].rules.traffic_outage_ratio: 0.7 must be less than traffic_degraded_ratio (0.5): an outage is a deeper drop than degraded — change one of the two.',
    ]);
  });
});

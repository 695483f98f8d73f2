/** Counter artifacts across a service (assemble-service.ts): which metrics are clamped against the traffic's usual peak. */
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/lib/config/schema';
import { clampArtifacts, type AssemblyNote } from '../../../src/lib/health/assemble-service';
import type { MetricValues } from '../../../src/lib/health/engine';

const config = ConfigSchema.parse({
  site: { title: { nl: 'S' }, url: 'https://s.example.org' },
  services: [{ id: 'gfd', name: { nl: 'GFD' }, metrics: [
    { key: 'calls', role: 'traffic', files: 'a.rrd', ds: 'calls' },
    { key: 'errors', role: 'errors', files: 'b.rrd', ds: 'errors' },
  ] }],
});
const [calls, errors] = config.services[0]!.metrics;

describe('counter artifacts of the errors', () => {
  it('are clamped against the usual peak of the calls, as the calls\' own are', () => {
    // 100 calls a minute; one minute of errors counts 10,000, far above 50 × the calls' peak.
    const metrics: MetricValues[] = [
      { config: calls!, values: new Float64Array(100).fill(100) },
      { config: errors!, values: Float64Array.from({ length: 100 }, (_, i) => (i === 42 ? 10_000 : 1)) },
    ];
    const notes: AssemblyNote[] = [];
    clampArtifacts(metrics, config.rules, notes);
    expect(metrics[1]!.values[42]).toBeNaN();
    expect(metrics[1]!.values[41]).toBe(1);
    expect(notes).toEqual([{ metric: 'errors', note: '1 minutes above 50× the usual peak treated as unknown (counter artifact)' }]);
  });
});

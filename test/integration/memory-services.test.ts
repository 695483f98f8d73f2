/**
 * Memory per cycle does not grow with the services beyond their compact minute aggregates (issue 11):
 * each service's evaluation is summarised before the next is read, and a metric's 119 days of
 * minutes are kept in per-hour cells (src/lib/health/aggregate.ts). Measured in child processes after
 * a full GC, with deployments made by the test (the sample's GFD files symlinked per service).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployment } from '../../scripts/bench/memory';

const root = mkdtempSync(join(tmpdir(), 'fluxstatus-memory-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function probe(services: number): { services: number; retainedMb: number; beyondAggregatesMb: number; aggregatesMb: number } {
  const dir = join(root, String(services));
  deployment(dir, services);
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/integration/helpers/memory-probe.ts', dir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { services: number; retainedMb: number; beyondAggregatesMb: number; aggregatesMb: number };
}

describe('memory with many services', { timeout: 120_000 }, () => {
  it('retains under 1.5 MB per service over 60 services, aggregates included (it was ~16 MB: five arrays per minute per metric)', () => {
    const few = probe(2);
    const many = probe(60);
    expect(many.services).toBe(60);
    const perService = (many.retainedMb - few.retainedMb) / 58;
    expect(perService).toBeLessThan(1.5);
    // Beyond the aggregates, a service keeps only its summary, mostly its three charts (~0.4 MB; it was ~26 MB of per-minute arrays).
    expect((many.beyondAggregatesMb - few.beyondAggregatesMb) / 58).toBeLessThan(1);
    // The aggregates of one metric: 119 days of the sample's 1-min, 5-min and 1-h rows (5 MB per metric as arrays per minute; ~0.1 MB now).
    expect(many.aggregatesMb / (60 * 3)).toBeLessThan(0.4);
  });
});

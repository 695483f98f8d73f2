/**
 * Memory per cycle does not grow with the services beyond their minute aggregates (issue 11): each
 * service's evaluation is summarised before the next is read. Measured in child processes after a
 * full GC, with deployments made by the test (the sample's GFD files symlinked per service).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployment } from '../../scripts/bench/memory';

const root = mkdtempSync(join(tmpdir(), 'fluxstatus-memory-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function probe(services: number): { services: number; beyondAggregatesMb: number; aggregatesMb: number } {
  const dir = join(root, String(services));
  deployment(dir, services);
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/integration/helpers/memory-probe.ts', dir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { services: number; beyondAggregatesMb: number; aggregatesMb: number };
}

describe('memory with many services', { timeout: 120_000 }, () => {
  it('retains under 3 MB per service beyond the per-metric minute aggregates (it was ~26 MB of per-minute arrays)', () => {
    const few = probe(1);
    const many = probe(4);
    expect(many.services).toBe(4);
    const perService = (many.beyondAggregatesMb - few.beyondAggregatesMb) / 3;
    expect(perService).toBeLessThan(3);
    // The aggregates themselves: sum, known, max, min, span per minute of the window, per metric.
    expect(many.aggregatesMb / (4 * 3)).toBeLessThan(6);
  });
});

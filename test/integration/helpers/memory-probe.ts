/**
 * Child process of the memory test (run with --expose-gc): evaluates a deployment of N services as
 * reduce does (keeping each service's summary) and prints, after a full GC, the heap retained beyond
 * the per-metric minute aggregates, in MB.
 */
import { join } from 'node:path';
import { collectHealth } from '../../../scripts/lib/collect';
import { loadConfigFile } from '../../../scripts/lib/load-config';
import { ReduceCache } from '../../../scripts/lib/reduce-cache';
import { reduceGrid } from '../../../src/lib/reduce/window';
import { summarizeHealth } from '../../../src/lib/snapshot/build';
import { aggregateBytes } from '../../../src/lib/health/aggregate';

const dir = process.argv[2]!;
const loaded = loadConfigFile(join(dir, 'status.yaml'));
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const config = loaded.config;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const used = (): number => {
  // Freed ArrayBuffer backing stores are released over more than one collection.
  for (let k = 0; k < 4; k++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const before = used();
const cache = new ReduceCache();
const result = collectHealth(config, { dataDir: join(dir, 'data'), grid: reduceGrid(config, 1_762_266_630), cache, keep: (h) => summarizeHealth(config, h) });
const after = used();
let aggregates = 0;
for (const { agg } of cache.metrics.values()) aggregates += aggregateBytes(agg);
console.log(JSON.stringify({ services: result.services.length, retainedMb: (after - before) / 2 ** 20, beyondAggregatesMb: (after - before - aggregates) / 2 ** 20, aggregatesMb: aggregates / 2 ** 20 }));

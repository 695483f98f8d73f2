/**
 * "Any now, same answer" (issue 10): with the reduce cache kept across runs at random instants —
 * earlier, later, the same, after a restart from the state on disk — every run gives exactly the
 * per-minute metric values that a cold run (no cache) gives at that instant. On the sample corpus and
 * on corpus B (other layout, coarse history). The values are all the cache holds: the health engine
 * after them is pure (same values, same levels), so it is left out to keep the test fast.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readTiers } from '../../scripts/lib/collect';
import { collectMetric } from '../../scripts/lib/collect-metric';
import { loadConfigFile } from '../../scripts/lib/load-config';
import { ReduceCache } from '../../scripts/lib/reduce-cache';
import { parseState, serializeState } from '../../scripts/lib/reduce-state';
import type { Config } from '../../src/lib/config/schema';
import { serviceRules } from '../../src/lib/health/engine';
import { reduceGrid } from '../../src/lib/reduce/window';

/** A small seeded generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a run answers: every metric's per-minute values on the window at `now` (NaN written as null). */
function answer(config: Config, dataDir: string, now: number, cache = new ReduceCache()): string[] {
  const grid = reduceGrid(config, now);
  return config.services.flatMap((service) =>
    service.metrics.map((metric) => {
      const m = collectMetric(service, metric, serviceRules(config, service), grid, dataDir, cache, readTiers, { file: 'status.yaml', path: [] });
      // A digest of the exact bits (every NaN the same), with the count of known minutes to read in a failure.
      const bits = Float64Array.from(m.values, (v) => (Number.isNaN(v) ? Number.NaN : v));
      const known = m.values.filter(Number.isFinite).length;
      return `${service.id}/${metric.key}: ${known} known minutes, sha1 ${createHash('sha1').update(new Uint8Array(bits.buffer)).digest('hex')}`;
    }),
  );
}

const CORPORA = [
  // The sample's minute data covers its last two days; past its end, the services go stale.
  { name: 'the sample corpus', config: 'data/status.yaml', data: 'data', end: 1762266617, span: 2 * 86_400 },
  // Corpus B: minute rows for its last days only, 5-min and 1-h rows before.
  { name: 'corpus B', config: 'test/fixtures/rrd-corpus-b/config/status.yaml', data: 'test/fixtures/rrd-corpus-b', end: 1749636000, span: 3 * 86_400 },
];

describe('a warm run at any instant equals a cold run there', () => {
  it.each(CORPORA)('on $name, over a random sequence of instants (earlier, later, equal, after a restart)', ({ config: configPath, data, end, span }) => {
    const loaded = loadConfigFile(configPath);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const config = loaded.config;
    const seed = Math.floor(Math.random() * 2 ** 31);
    const next = random(seed);
    const minute = (): number => end - span + Math.floor(next() * (span + 3600) / 60) * 60 + 30;
    // Forward, anywhere (often back), a restart, past the end of the data: the moves a loop and replays make.
    const first = minute();
    const instants = [first, first + 60 * (1 + Math.floor(next() * 30)), minute(), end + 1800];
    let cache = new ReduceCache();
    for (const [i, now] of instants.entries()) {
      if (i === 2) {
        // A restart: the cache comes back from its bytes on disk.
        const restored = new ReduceCache();
        expect(parseState(Buffer.from(serializeState(cache)), restored)).toBeNull();
        cache = restored;
      }
      const warm = answer(config, data, now, cache);
      const cold = answer(config, data, now);
      expect(warm, `seed ${seed}, step ${i}, now ${new Date(now * 1000).toISOString()}`).toEqual(cold);
    }
  }, 60_000);
});

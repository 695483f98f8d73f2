import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectHealth } from '../../../scripts/lib/collect';
import { loadConfigFile } from '../../../scripts/lib/load-config';
import { ReduceCache } from '../../../scripts/lib/reduce-cache';
import { flushState, parseState, saveStateEvery, serializeState, stateFile } from '../../../scripts/lib/reduce-state';
import { reduceGrid } from '../../../src/lib/reduce/window';
import { parseIso } from '../../../src/lib/time/zone';

const NOW = parseIso('2025-11-04T15:30:30+01:00');
const loaded = loadConfigFile('data/status.yaml');
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const config = loaded.config;

/** Levels, scores, metric values and episodes of every service, as one comparable digest. */
function outcome(dataDir: string, now: number, cache?: ReduceCache): string {
  const r = collectHealth(config, { dataDir, grid: reduceGrid(config, now), ...(cache === undefined ? {} : { cache }) });
  const h = createHash('sha256');
  for (const { health } of r.services) {
    h.update(`${health.serviceId}\n${health.dwell.levels.join(',')}\n${health.scores.join(',')}\n${JSON.stringify(health.episodes)}\n`);
    for (const m of health.metrics) h.update(`${m.values.join(',')}\n`);
  }
  return h.digest('hex');
}

describe('reduce cache and its state on disk', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-state-'));
  const data = join(dir, 'data');
  cpSync('test/fixtures/rrd-samples/rrd', join(data, 'rrd'), { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cold = outcome(data, NOW + 60);

  it('gives a cold run’s result when the next minute is evaluated from the cache with nothing changed', () => {
    const cache = new ReduceCache();
    outcome(data, NOW, cache);
    const misses = cache.misses;
    expect(outcome(data, NOW + 60, cache)).toEqual(cold);
    expect(cache.misses).toBe(misses);
  });

  it('reads a file again after only its mtime changed, without counting its rows twice', () => {
    const cache = new ReduceCache();
    outcome(data, NOW, cache);
    utimesSync(join(data, 'rrd', 'gfd', 'calls.rrd'), new Date(), new Date());
    const misses = cache.misses;
    expect(outcome(data, NOW + 60, cache)).toEqual(cold);
    expect(cache.misses).toBe(misses + 1);
  });

  it('gives the same result after a save and a load (a restart)', () => {
    const cache = new ReduceCache();
    outcome(data, NOW, cache);
    const restored = new ReduceCache();
    expect(parseState(Buffer.from(serializeState(cache)), restored)).toBeNull();
    expect(outcome(data, NOW + 60, restored)).toEqual(cold);
  });

  it('rejects a state file with a flipped byte, and leaves the cache empty (the history is rebuilt, never trusted)', () => {
    const cache = new ReduceCache();
    outcome(data, NOW, cache);
    const bytes = Buffer.from(serializeState(cache));
    const at = bytes.length - 100;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    const restored = new ReduceCache();
    expect(parseState(bytes, restored)).toBe('checksum mismatch (corrupt or half-written)');
    expect(restored.metrics.size).toBe(0);
  });

  it('ignores a state file of the previous layout (version 3: five arrays per minute), so the history is rebuilt', () => {
    const cache = new ReduceCache();
    outcome(data, NOW, cache);
    const bytes = Buffer.from(serializeState(cache));
    const length = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + length)) as { version: number };
    const old = Buffer.from(JSON.stringify({ ...header, version: 3 }), 'utf8');
    const head = Buffer.alloc(12);
    bytes.copy(head, 0, 0, 8);
    head.writeUInt32LE(old.length, 8);
    const restored = new ReduceCache();
    expect(parseState(Buffer.concat([head, old, bytes.subarray(12 + length)]), restored)).toMatch(/^incompatible header \(version: /);
    expect(restored.metrics.size).toBe(0);
  });

  it('rejects a file that is not a state file', () => {
    expect(parseState(Buffer.from('{"hello":1}'), new ReduceCache())).toBe('not a fluxstatus state file (bad magic)');
  });

  it('writes the state after the first run, then every few changed runs, and whenever it is flushed', () => {
    const cache = new ReduceCache();
    outcome(data, NOW, cache);
    const stateDir = join(dir, 'state-every');
    expect(saveStateEvery(stateDir, cache, 3)).toBeNull();
    const first = readFileSync(stateFile(stateDir));
    const written = (): boolean => !readFileSync(stateFile(stateDir)).equals(first);
    // Two changed runs: the state on disk stays the consistent one of the first run.
    for (const k of [1, 2]) {
      utimesSync(join(data, 'rrd', 'gfd', 'calls.rrd'), new Date(), new Date(Date.now() + k * 1000));
      outcome(data, NOW + 60 * k, cache);
      expect(saveStateEvery(stateDir, cache, 3)).toBeNull();
      expect(written()).toBe(false);
    }
    utimesSync(join(data, 'rrd', 'gfd', 'calls.rrd'), new Date(), new Date(Date.now() + 3000));
    outcome(data, NOW + 180, cache);
    expect(saveStateEvery(stateDir, cache, 3)).toBeNull();
    expect(written()).toBe(true);
    expect(cache.dirty).toBe(false);
    // A deferred change is written by a flush (shutdown).
    utimesSync(join(data, 'rrd', 'gfd', 'calls.rrd'), new Date(), new Date(Date.now() + 4000));
    outcome(data, NOW + 240, cache);
    expect(saveStateEvery(stateDir, cache, 3)).toBeNull();
    expect(cache.dirty).toBe(true);
    expect(flushState(stateDir, cache)).toBeNull();
    expect(cache.dirty).toBe(false);
    const restored = new ReduceCache();
    expect(parseState(readFileSync(stateFile(stateDir)), restored)).toBeNull();
    expect(existsSync(stateFile(stateDir))).toBe(true);
  });

  it('gives a cold run’s result after a restart from a state saved a few changed runs ago', () => {
    const cache = new ReduceCache();
    outcome(data, NOW, cache);
    const old = Buffer.from(serializeState(cache));
    utimesSync(join(data, 'rrd', 'gfd', 'calls.rrd'), new Date(), new Date(Date.now() + 9000));
    outcome(data, NOW + 30, cache);
    const restored = new ReduceCache();
    expect(parseState(old, restored)).toBeNull();
    expect(outcome(data, NOW + 60, restored)).toEqual(cold);
  });
});

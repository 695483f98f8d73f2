/**
 * `--now latest`: the newest last update found in the inputs of the config (for demos and replays of a
 * frozen corpus). Reads only file headers, and only of files whose size or mtime changed since the
 * previous call (the cache lives in the cycle context).
 */
import { statSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import type { Config } from '../../src/lib/config/schema';
import { withOpenedRrd } from './rrd-open';

/** Last update per file, keyed by path, valid while size and mtime are unchanged. */
export type LatestCache = Map<string, { size: number; mtimeMs: number; last: number | null }>;

/** The newest data instant (epoch seconds) among the config's input files, or null when none is readable. */
export function latestInputTime(config: Config, dataDir: string, cache: LatestCache): number | null {
  let newest: number | null = null;
  const seen = new Set<string>();
  for (const service of config.services) {
    for (const metric of service.metrics) {
      const patterns = Array.isArray(metric.files) ? metric.files : [metric.files];
      for (const path of globSync(patterns, { cwd: dataDir, absolute: true, onlyFiles: true })) {
        if (seen.has(path)) continue;
        seen.add(path);
        const last = lastOf(path, cache);
        if (last !== null && (newest === null || last > newest)) newest = last;
      }
    }
  }
  for (const path of cache.keys()) if (!seen.has(path)) cache.delete(path);
  return newest;
}

function lastOf(path: string, cache: LatestCache): number | null {
  try {
    const st = statSync(path);
    const hit = cache.get(path);
    if (hit !== undefined && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.last;
    // Through the plausibility checks: a last update in 2100 must not become `now`.
    const last = withOpenedRrd(path, (opened) => (opened.kind === 'database' ? opened.db.meta.lastUpdate : (opened.series.timestamps.at(-1) ?? null)));
    cache.set(path, { size: st.size, mtimeMs: st.mtimeMs, last });
    return last;
  } catch {
    // An unreadable file is reduce's to report; it simply does not move `latest`.
    return null;
  }
}

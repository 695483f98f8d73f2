/**
 * Before a cycle reads the RRDs: flush them out of rrdcached when one is configured (the config's
 * `rrdcached:` or RRDCACHED_ADDRESS). Returns a note for the cycle line, or an error line when the
 * daemon did not answer — then the cycle must not read files that lag by the daemon's write delay.
 */
import { globSync } from 'tinyglobby';
import { loadConfigFile } from './load-config';
import { cachedAddress, flushFiles } from './rrdcached';

/** What the flush step tells the cycle. */
export type FlushStep = { ok: true; note: string | null } | { ok: false; error: string };

/** Flushes every RRD the config's metrics read, under `dataDir`. */
export async function flushForCycle(configPath: string, dataDir: string, env: Record<string, string | undefined>): Promise<FlushStep> {
  const loaded = loadConfigFile(configPath);
  if (!loaded.ok) return { ok: true, note: null }; // reduce reports the config error itself
  const address = cachedAddress(loaded.config.rrdcached, env);
  if (address === null) return { ok: true, note: null };
  const patterns = loaded.config.services.flatMap((s) => s.metrics.flatMap((m) => (Array.isArray(m.files) ? m.files : [m.files])));
  const files = globSync(patterns, { cwd: dataDir, absolute: true, onlyFiles: true });
  const t0 = performance.now();
  const result = await flushFiles(address, files);
  if (!result.ok) return { ok: false, error: result.error };
  return { ok: true, note: `rrdcached: ${result.flushed} files flushed in ${Math.round(performance.now() - t0)}ms` };
}

/**
 * Before a cycle reads the RRDs: flush them out of rrdcached when one is configured (the config's
 * `rrdcached:` or RRDCACHED_ADDRESS). Every file the config reads is flushed through the daemon; the
 * ones it could not flush (the daemon does not answer, or refuses a file) come back with a one-line
 * message naming the address and the fix. Reduce reads them as usual but shows their metrics unknown
 * now (src/lib/cycle/unflushed.ts), so the rest of the site is still published and nothing is green
 * on rows the daemon may still hold. Used by every cycle (`npm start` and `npm run build`).
 */
import { globSync } from 'tinyglobby';
import { loadConfigFile } from './load-config';
import { cachedAddress, flushFiles } from './rrdcached';

/** What the flush step tells the cycle: a note for its line, and the files that may lag (path → message). */
export interface FlushStep {
  note: string | null;
  unflushed: Map<string, string>;
}

const NOTHING: FlushStep = { note: null, unflushed: new Map() };

/** Flushes every RRD the config's metrics read, under `dataDir`. Never throws. */
export async function flushForCycle(configPath: string, dataDir: string, env: Record<string, string | undefined>, timeoutMs?: number): Promise<FlushStep> {
  const loaded = loadConfigFile(configPath);
  if (!loaded.ok) return NOTHING; // reduce reports the config error itself
  const address = cachedAddress(loaded.config.rrdcached, env);
  if (address === null) return NOTHING;
  const where = loaded.config.rrdcached === undefined ? 'RRDCACHED_ADDRESS' : `rrdcached: in ${configPath}`;
  const patterns = loaded.config.services.flatMap((s) => s.metrics.flatMap((m) => (Array.isArray(m.files) ? m.files : [m.files])));
  const files = globSync(patterns, { cwd: dataDir, absolute: true, onlyFiles: true });
  const t0 = performance.now();
  const result = await flushFiles(address, files, timeoutMs);
  const ms = Math.round(performance.now() - t0);
  const unflushed = new Map<string, string>();
  if (!result.ok) {
    const message = `${result.error}, so its metric is unknown — start rrdcached there, or correct ${where}`;
    for (const f of files) unflushed.set(f, message);
    return { note: `rrdcached: not flushed (${files.length} file${files.length === 1 ? '' : 's'} shown as unknown)`, unflushed };
  }
  for (const r of result.refused) {
    unflushed.set(r.path, `rrdcached at ${address} refused to flush this file ("${r.answer}"), so it may lag by the daemon's write delay and its metric is unknown — keep the RRDs under the daemon's -b base directory (and writable by it), or correct ${where}`);
  }
  const refused = result.refused.length === 0 ? '' : `, ${result.refused.length} refused (shown as unknown)`;
  return { note: `rrdcached: ${result.flushed} file${result.flushed === 1 ? '' : 's'} flushed in ${ms}ms${refused}`, unflushed };
}

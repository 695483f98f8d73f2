/**
 * Reads and validates the config file (data/status.yaml by default). Thin I/O shell around parseConfig.
 */
import { readFileSync } from 'node:fs';
import type { Locate } from '../../src/lib/config/friendly-errors';
import { parseConfig } from '../../src/lib/config/load';
import type { Config } from '../../src/lib/config/schema';

export type LoadConfigResult = { ok: true; config: Config; text: string; locate: Locate } | { ok: false; errors: string[] };

/** Loads and validates a config file; a missing or unreadable file is one line with the fix. */
export function loadConfigFile(path: string): LoadConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { ok: false, errors: [`${path}: config file not found — create it (copy data/status.yaml from the repository) or give the path of the right file.`] };
    }
    if (code === 'EISDIR') return { ok: false, errors: [`${path}: is a directory, not a config file — point --config at the status.yaml file.`] };
    return { ok: false, errors: [`${path}: cannot read the config file (${code ?? 'error'}) — check its permissions.`] };
  }
  const result = parseConfig(text, path);
  return result.ok ? { ok: true, config: result.config, text, locate: result.locate } : result;
}

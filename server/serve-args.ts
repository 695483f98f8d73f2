/**
 * Command line of `npm run serve -- [DIR] [--snapshot FILE] [--workers N|auto]` (the shared
 * parser of src/lib/cli/options.ts, so --help and the errors read as in every CLI). Pure: the caller
 * passes argv, the environment and a file-exists check. The live routes of a served build come from
 * that build's own snapshot.json (so its API never disagrees with its pages) unless --snapshot says
 * otherwise; a directory without one (a plain static build) is served without live routes.
 */
import { parseOptions, usageText, type OptionTable } from '../src/lib/cli/options';

const OPTIONS = {
  snapshot: { type: 'string', value: 'FILE', help: "the snapshot the live routes answer from (default: DIR's own snapshot.json; without one, no live routes)" },
  workers: { type: 'string', value: 'N|auto', help: 'server processes, auto = one per core (default 1, or env FLUXSTATUS_WORKERS)' },
} as const satisfies OptionTable;

export const SERVE_USAGE = usageText('npm run serve -- [DIR] [options]', OPTIONS, [
  '  DIR               the built site (default dist, or env FLUXSTATUS_SITE)',
  '  HOST, PORT (env)  where the server listens (default 0.0.0.0:4321)',
]);

export interface ServeArgs {
  siteDir: string;
  /** The snapshot of the live routes, or undefined for none. */
  snapshotPath: string | undefined;
  /** Where snapshotPath came from, for the start line. */
  snapshotFrom: 'option' | 'build' | 'none';
  workers: number;
  host: string;
  port: number;
}

/** The snapshot a build directory carries beside client/ (scripts/lib/publish.ts BUILD_SNAPSHOT). */
export const BUILD_SNAPSHOT_NAME = 'snapshot.json';

/** Parses the command line; a string is the one-line error to print (exit USAGE_EXIT), `help` asks for SERVE_USAGE. */
export function parseServeArgs(argv: readonly string[], env: Record<string, string | undefined>, exists: (path: string) => boolean, cores: number): ServeArgs | string | { help: true } {
  const parsed = parseOptions(OPTIONS, argv, true);
  if (!parsed.ok) return 'help' in parsed ? { help: true } : `fluxstatus serve: ${parsed.error}`;
  const { snapshot } = parsed.values;
  const workersText = parsed.values.workers ?? env['FLUXSTATUS_WORKERS'];
  if (parsed.positionals.length > 1) return `fluxstatus serve: more than one directory (${parsed.positionals.join(', ')}); see --help`;
  let siteDir = parsed.positionals[0];
  siteDir ??= env['FLUXSTATUS_SITE'] ?? 'dist';
  if (!exists(siteDir)) return `fluxstatus serve: ${siteDir}: no such directory — build the site first (npm run build) or pass the build directory`;
  let workers = 1;
  if (workersText !== undefined) {
    workers = workersText === 'auto' ? cores : Number(workersText);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) return `fluxstatus serve: --workers ${workersText}: not a number of processes — use 1..64 or auto`;
  }
  const port = Number(env['PORT'] ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return `fluxstatus serve: PORT=${env['PORT']}: not a port number — use 0..65535`;
  const own = `${siteDir.replace(/\/+$/, '')}/${BUILD_SNAPSHOT_NAME}`;
  const [snapshotPath, snapshotFrom] = snapshot !== undefined ? [snapshot, 'option' as const] : exists(own) ? [own, 'build' as const] : [undefined, 'none' as const];
  return { siteDir, snapshotPath, snapshotFrom, workers, host: env['HOST'] ?? '0.0.0.0', port };
}

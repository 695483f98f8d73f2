/**
 * Command line of `npm run serve -- [DIR] [--snapshot FILE] [--workers N|auto]`. Pure: the caller
 * passes argv, the environment and a file-exists check. The live routes of a served build come from
 * that build's own snapshot.json (so its API never disagrees with its pages) unless --snapshot says
 * otherwise; a directory without one (a plain static build) is served without live routes.
 */
export const SERVE_USAGE = 'usage: npm run serve -- [DIR] [--snapshot FILE] [--workers N|auto]  (HOST, PORT from the environment)';

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

/** Parses the command line; a string is the one-line error to print (exit 1). */
export function parseServeArgs(argv: readonly string[], env: Record<string, string | undefined>, exists: (path: string) => boolean, cores: number): ServeArgs | string {
  let siteDir: string | undefined;
  let snapshot: string | undefined;
  let workersText = env['FLUXSTATUS_WORKERS'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = argv[i + 1];
    if (a === '--snapshot' || a === '--workers') {
      if (value === undefined || value.startsWith('--')) return `fluxstatus serve: ${a} needs a value — ${SERVE_USAGE}`;
      if (a === '--snapshot') snapshot = value;
      else workersText = value;
      i++;
    } else if (a.startsWith('--')) {
      return `fluxstatus serve: unknown option ${a} — ${SERVE_USAGE}`;
    } else if (siteDir === undefined) {
      siteDir = a;
    } else {
      return `fluxstatus serve: more than one directory (${siteDir}, ${a}) — ${SERVE_USAGE}`;
    }
  }
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

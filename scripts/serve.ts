/**
 * Serves a built site with its live routes: `npm run serve -- [DIR] [--snapshot FILE] [--workers N|auto]` (--help).
 * DIR defaults to dist (or $FLUXSTATUS_SITE); the live routes answer from DIR/snapshot.json unless
 * --snapshot names another file; HOST and PORT come from the environment. See docs/deploy.md.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { runCluster } from '../server/cluster';
import { startServer } from '../server/index';
import { parseServeArgs, SERVE_USAGE, type ServeArgs } from '../server/serve-args';
import { USAGE_EXIT } from '../src/lib/cli/options';

const args = parseServeArgs(process.argv.slice(2), process.env, existsSync, availableParallelism());
if (typeof args === 'string') {
  process.stderr.write(`${args}\n`);
  process.exit(USAGE_EXIT);
}
if ('help' in args) {
  process.stdout.write(`${SERVE_USAGE}\n`);
  process.exit(0);
}

function startLine(a: ServeArgs, url: string): string {
  const from =
    a.snapshotFrom === 'none' ? `no ${a.siteDir}/snapshot.json: live routes off, the build's own files are served` : `live routes from ${a.snapshotPath}`;
  return `fluxstatus serve: ${a.siteDir} on ${url} (${from}${a.workers > 1 ? `; ${a.workers} workers` : ''})\n`;
}

const options = { siteDir: args.siteDir, snapshotPath: args.snapshotPath, host: args.host, port: args.port };
if (args.workers > 1) {
  runCluster(options, args.workers, { listening: (url) => process.stdout.write(startLine(args, url)), log: (line) => process.stderr.write(`${line}\n`) });
} else {
  const running = await startServer(options);
  process.stdout.write(startLine(args, running.url));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void running.close().then(() => process.exit(0)));
  }
}

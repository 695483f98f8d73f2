/**
 * Serves a built site with its live routes: `npx tsx scripts/serve.ts [siteDir] [--snapshot path]`.
 * siteDir defaults to dist (or $FLUXSTATUS_SITE); HOST and PORT come from the environment.
 */
import { existsSync } from 'node:fs';
import { startServer } from '../server/index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
const siteDir = positional[0] ?? process.env['FLUXSTATUS_SITE'] ?? 'dist';
const snapshotPath = arg('--snapshot') ?? process.env['FLUXSTATUS_SNAPSHOT'] ?? '.fluxstatus/snapshot.json';
const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '0.0.0.0';

if (!existsSync(siteDir)) {
  process.stderr.write(`fluxstatus serve: ${siteDir}: no such directory; build the site first (npm run build) or pass the build directory\n`);
  process.exit(1);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`fluxstatus serve: PORT=${process.env['PORT']}: not a port number; use 0..65535\n`);
  process.exit(1);
}

const running = await startServer({ siteDir, snapshotPath, host, port });
process.stdout.write(`fluxstatus serve: ${siteDir} on ${running.url} (live routes from ${snapshotPath})\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}

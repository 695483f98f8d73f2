/**
 * `npm run build [-- --config FILE --data DIR --now ISO-8601|latest --out DIR --state DIR --webhook URL --keep N]`
 *
 * One cycle: reduce the RRDs into a snapshot, build the site with Astro into a fresh directory under
 * <state>/builds/, check it and publish it by switching the <state>/site symlink (or --out) atomically.
 * Exit 0 = published (or unchanged and still valid), 1 = published but some inputs failed (shown as
 * unknown), 2 = nothing published: the previous site stays as it was. See docs/operations.md.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCycleArgs, type CycleArgs } from '../src/lib/cycle/args';
import { createCycleLog, type CycleLog } from './lib/cycle-log';
import { cycleContext, runCycle, statePaths, type CycleContext } from './lib/cycle-run';
import { acquireCycleLock, cleanupBuilds, siteLayout } from './lib/publish';
import { WebhookSender } from './lib/webhook';

export const BUILD_USAGE = `usage: npm run build -- [--config data/status.yaml] [--data data] [--now ISO-8601|latest]
                        [--out .fluxstatus/site] [--state .fluxstatus] [--webhook URL] [--keep 3]
  --now     compute the status for this instant (a replay; the pages show a replay banner), for
            the newest data in the inputs with "latest", or for the wall clock with "live" (default)
  --out     the published path: a symlink switched atomically to each new build (default <state>/site)
  --webhook POST level changes here (default: env FLUXSTATUS_WEBHOOK_URL)`;

/** The cycle context for parsed options (shared with npm start). */
export function contextFor(args: CycleArgs, log: CycleLog, intervalMs: number): CycleContext {
  const layout = siteLayout(args.state, args.out ?? undefined);
  const webhook = args.webhook === null ? null : new WebhookSender({ url: args.webhook, log: (l) => log.line(l) });
  return cycleContext({
    root: process.cwd(),
    configPath: args.config,
    dataDir: args.data,
    layout,
    ...statePaths(args.state),
    keep: args.keep,
    intervalMs,
    log,
    webhook,
  });
}

async function main(): Promise<number> {
  const parsed = parseCycleArgs(process.argv.slice(2), process.env, false);
  if (!parsed.ok) {
    if ('help' in parsed) {
      process.stdout.write(`${BUILD_USAGE}\n`);
      return 0;
    }
    process.stderr.write(`fluxstatus build: ${parsed.error}\n${BUILD_USAGE}\n`);
    return 2;
  }
  const { args } = parsed;
  const log = createCycleLog();
  const ctx = contextFor(args, log, 60_000);
  let release: () => Promise<void>;
  try {
    release = await acquireCycleLock(ctx.layout);
  } catch (e) {
    process.stderr.write(`fluxstatus build: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    // Leftovers of killed builds go first (we hold the lock, so nobody else is building).
    await cleanupBuilds(ctx.layout, args.keep);
    const nowMs = args.now.kind === 'at' ? args.now.ms : args.now.kind === 'latest' ? null : undefined;
    const summary = await runCycle(ctx, nowMs);
    log.cycle(summary);
    if (ctx.webhook !== null && !(await ctx.webhook.idle(15_000))) log.line('webhook: still sending after 15 s, giving up on the rest');
    if (summary.outcome === 'failed') return 2;
    return summary.files.failed > 0 ? 1 : 0;
  } finally {
    await release();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`fluxstatus build: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
      process.exit(2);
    },
  );
}

/**
 * `npm run build [-- --config FILE --data DIR --now live|latest|ISO-8601 --out DIR --state DIR --webhook URL --keep N --new-ledger]`
 *
 * One cycle: flush the RRDs out of rrdcached when one is configured (`rrdcached:` or
 * RRDCACHED_ADDRESS; files it cannot flush are shown unknown), reduce them into a snapshot, build the
 * site with Astro into a fresh directory under <state>/builds/, check it and publish it by switching the <state>/site symlink (or --out) atomically.
 * Exit 0 = published (or unchanged and still valid), 1 = published but some inputs failed (shown as
 * unknown), 2 = nothing published: the previous site stays as it was. Only a live build writes the
 * ledger; `--now ISO|latest` is a replay, merged in memory. See docs/operations.md.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCli, usage, type CliArgs } from '../src/lib/cycle/args';
import { createCycleLog, type CycleLog } from './lib/cycle-log';
import { cycleContext, runCycle, statePaths, type CycleContext } from './lib/cycle-run';
import { acquireCycleLock, cleanupBuilds, siteLayout } from './lib/publish';
import { WebhookSender } from './lib/webhook';

/** The cycle context for parsed options (shared with npm start); `env` gives RRDCACHED_ADDRESS. */
export function contextFor(args: CliArgs, log: CycleLog, intervalMs: number, env: Record<string, string | undefined> = process.env): CycleContext {
  const layout = siteLayout(args.state, args.out ?? undefined);
  const webhook = args.webhook === null ? null : new WebhookSender({ url: args.webhook, log: (l) => log.line(l) });
  return cycleContext({
    root: process.cwd(),
    configPath: args.config,
    dataDir: args.data,
    layout,
    ...statePaths(args.state),
    ...(args.report === null ? {} : { reportPath: resolve(args.report) }),
    ...(args.ledger === null ? {} : { ledgerPath: args.ledger }),
    newLedger: args.newLedger,
    useState: args.useState,
    keep: args.keep,
    intervalMs,
    log,
    webhook,
    env,
  });
}

async function main(): Promise<number> {
  // The clock is read once, here: `--now live` and the build's names and validity all use this reading.
  const wallMs = Date.now();
  const parsed = parseCli('build', process.argv.slice(2), process.env, wallMs);
  if (!parsed.ok) {
    if ('help' in parsed) {
      process.stdout.write(`${usage('build')}\n`);
      return 0;
    }
    process.stderr.write(`fluxstatus build: ${parsed.error}\n${usage('build')}\n`);
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
    const summary = await runCycle(ctx, { now: args.now, wallMs });
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

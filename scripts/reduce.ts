/**
 * Reduces the RRD data to the snapshot the site is built from, and records detected incidents.
 *
 *   npm run reduce -- [--config FILE] [--data DIR] [--now live|latest|ISO-8601] [--state DIR | --no-state]
 *                     [--out FILE] [--report FILE] [--ledger FILE] [--new-ledger] [--check]
 *   npm run check  -- (the same options): validate config, content and inputs; print every problem; write nothing
 *
 * Only a live run (the wall clock, the default) writes the ledger; a replay (`--now ISO|latest`)
 * merges in memory and says so. This file holds argv and exit codes only (scripts/lib/reduce-run.ts
 * does the I/O, src/lib/reduce/ decides): 0 ok, 1 some inputs or content files failed (their metrics
 * are unknown, never green), 2 nothing usable, bad config or a ledger problem (nothing written).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCli, usage, type Command } from '../src/lib/cycle/args';
import { reduce } from './lib/reduce-run';

/** The command line of `npm run reduce` and `npm run check` (one parser for every CLI: src/lib/cycle/args.ts). */
export async function runReduceCli(command: Extract<Command, 'reduce' | 'check'>, argv: readonly string[]): Promise<number> {
  // The clock is read once, here.
  const wallMs = Date.now();
  const parsed = parseCli(command, argv, process.env, wallMs);
  if (!parsed.ok) {
    if ('help' in parsed) {
      process.stdout.write(`${usage(command)}\n`);
      return 0;
    }
    process.stderr.write(`${command}: ${parsed.error}\n${usage(command)}\n`);
    return 2;
  }
  const a = parsed.args;
  try {
    const result = await reduce({
      config: a.config,
      data: a.data,
      now: a.now,
      wallMs,
      out: a.out ?? join(a.state, 'snapshot.json'),
      report: a.report ?? join(a.state, 'report.json'),
      ...(a.ledger === null ? {} : { ledger: a.ledger }),
      newLedger: a.newLedger,
      check: a.check,
      ...(a.useState ? { statePath: join(a.state, 'state') } : {}),
    });
    for (const m of [...result.notes, ...result.messages]) process.stderr.write(`${m}\n`);
    const name = a.check ? 'check' : 'reduce';
    if (result.snapshot !== undefined) {
      const s = result.snapshot;
      const levels = s.services.map((x) => `${x.id} ${x.level}`).join(', ');
      if (a.check) process.stderr.write(`check: ${result.exitCode === 0 ? 'no problem found' : `${result.messages.length} line(s) above`}; at ${s.generated_at}: ${levels}; nothing was written\n`);
      else process.stderr.write(`reduce: ${s.generated_at}${s.replay ? ' (replay)' : ''} overall ${s.overall.level}; ${levels}; ledger +${result.ledgerAdded.length} ~${result.ledgerUpdated.length}\n`);
    } else if (a.check) process.stderr.write(`${name}: stopped at the first blocking problem above; nothing was written\n`);
    return result.exitCode;
  } catch (error) {
    process.stderr.write(`${a.check ? 'check' : 'reduce'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} — this is a bug; nothing more was written (the ledger is written before the snapshot, each atomically).\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runReduceCli(process.argv.includes('--check') ? 'check' : 'reduce', process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

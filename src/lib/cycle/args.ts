/**
 * The one command-line parser of `npm run reduce`, `npm run check`, `npm run build` and `npm start`
 * (node:util parseArgs): the same options, spellings and --help everywhere. Pure: argv, env and the
 * wall-clock reading are passed in. Every problem is one sentence naming the option and the fix.
 */
import { parseArgs } from 'node:util';
import { friendlyArgError as friendly, wholeAtLeast } from '../cli/options';
import { liveAt, replayAt, type NowRequest } from './now';

/** The commands sharing this parser. */
export type Command = 'reduce' | 'check' | 'build' | 'start';

/** Options of every command (a few are refused where they mean nothing, see ONLY_FOR). */
export interface CliArgs {
  /** Config file (default data/status.yaml). */
  config: string;
  /** Data directory holding the RRDs, ledger and content (default data). */
  data: string;
  /** The instant evaluated: the wall clock (live, default), an ISO instant or `latest` (replays). */
  now: NowRequest;
  /** State directory: snapshot, report, reduce state, builds, lock (default .fluxstatus). */
  state: string;
  /** False with --no-state: every file is read in full, the derived minute history is neither read nor written. */
  useState: boolean;
  /** reduce: the snapshot file (default <state>/snapshot.json); build/start: the published symlink (default <state>/site). */
  out: string | null;
  /** The internal report (default <state>/report.json). */
  report: string | null;
  /** The incident ledger (default <data>/ledger/incidents.json). */
  ledger: string | null;
  /** Start a new, empty incident history when the ledger file does not exist (refused otherwise). */
  newLedger: boolean;
  /** Validate config, content and inputs, print every problem and write nothing (`npm run check`). */
  check: boolean;
  /** Webhook URL (--webhook, else env FLUXSTATUS_WEBHOOK_URL), null when none. */
  webhook: string | null;
  /** Complete builds kept, the published one included (default 3). */
  keep: number;
  /** Seconds between cycles, `npm start` only (default 60). */
  intervalSeconds: number;
  /** `npm start` only: build the site template with Astro even when this project kept a checked one. */
  freshTemplate: boolean;
}

export type ParsedCli = { ok: true; args: CliArgs } | { ok: false; error: string } | { ok: false; help: true };

const OPTIONS = {
  config: { type: 'string' },
  data: { type: 'string' },
  now: { type: 'string' },
  state: { type: 'string' },
  'no-state': { type: 'boolean' },
  out: { type: 'string' },
  report: { type: 'string' },
  ledger: { type: 'string' },
  'new-ledger': { type: 'boolean' },
  check: { type: 'boolean' },
  webhook: { type: 'string' },
  keep: { type: 'string' },
  interval: { type: 'string' },
  'fresh-template': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Options that only some commands take. */
const ONLY_FOR: Partial<Record<keyof typeof OPTIONS, readonly Command[]>> = {
  webhook: ['build', 'start'],
  keep: ['build', 'start'],
  interval: ['start'],
  'fresh-template': ['start'],
  check: ['reduce', 'check'],
};

/** The help text of a command (same options everywhere). */
export function usage(command: Command): string {
  const head = command === 'start' ? 'npm start --' : `npm run ${command} --`;
  const lines = [
    `usage: ${head} [options]`,
    '  --config FILE     config file (default data/status.yaml)',
    '  --data DIR        data directory: RRDs, ledger/, incidents/, maintenance/ (default data)',
    '  --now WHEN        live (the wall clock, default), latest (the newest data in the inputs) or an',
    '                    ISO-8601 instant with offset, e.g. 2025-11-04T15:30:00+01:00; latest and ISO',
    '                    are replays: the ledger is computed in memory and never written',
    '  --state DIR       snapshot, report, reduce state and builds (default .fluxstatus)',
    '  --no-state        read every file in full; neither read nor write the derived minute history',
    command === 'reduce' || command === 'check'
      ? '  --out FILE        the snapshot (default <state>/snapshot.json)'
      : '  --out PATH        the published path: a symlink switched atomically to each build (default <state>/site)',
    '  --report FILE     the internal report (default <state>/report.json)',
    '  --ledger FILE     the incident ledger (default <data>/ledger/incidents.json)',
    '  --new-ledger      start a new, empty incident history when the ledger file does not exist',
  ];
  if (command === 'reduce') lines.push('  --check           same as npm run check: validate everything, print every problem, write nothing');
  if (command === 'build' || command === 'start') {
    lines.push('  --webhook URL     POST level changes here (default: env FLUXSTATUS_WEBHOOK_URL)', '  --keep N          complete builds kept, the published one included (default 3)');
  }
  if (command === 'start') lines.push('  --interval S      seconds between cycles (default 60, aligned to the minute)', '  --fresh-template  build the site template with Astro, not from one this project kept (node_modules/.cache/fluxstatus/render)', '  HOST, PORT (env)  where the server listens (default 0.0.0.0:4321)');
  lines.push('  -h, --help        this text', 'exit codes: 0 ok, 1 some inputs failed (shown as unknown), 2 nothing usable or bad config');
  return lines.join('\n');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `--now` in words: live (the wall clock `wallMs`), latest, or an ISO instant; null when invalid. */
export function parseNow(value: string, wallMs: number): NowRequest | null {
  if (value === 'latest') return 'latest';
  // `live` exists so a package.json default of `--now latest` (the demo) can be overridden.
  if (value === 'live') return liveAt(wallMs);
  if (ISO.test(value) && !Number.isNaN(Date.parse(value))) return replayAt(Date.parse(value));
  return null;
}

/** Parses argv (without node and script) for `command`; `wallMs` is the clock reading `--now live` stands for. */
export function parseCli(command: Command, argv: readonly string[], env: Record<string, string | undefined>, wallMs: number): ParsedCli {
  let values: { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    return { ok: false, error: friendly(error) };
  }
  if (values.help === true) return { ok: false, help: true };
  for (const [name, commands] of Object.entries(ONLY_FOR)) {
    if (values[name as keyof typeof OPTIONS] !== undefined && !commands.includes(command)) return { ok: false, error: `--${name} is only for ${commands.map((c) => (c === 'start' ? 'npm start' : `npm run ${c}`)).join(' and ')}; see --help` };
  }
  for (const name of ['config', 'data', 'state', 'out', 'report', 'ledger', 'now', 'webhook', 'keep', 'interval'] as const) {
    if (values[name] === '') return { ok: false, error: `--${name} needs a value; see --help` };
  }
  let now: NowRequest = liveAt(wallMs);
  if (values.now !== undefined) {
    const parsed = parseNow(values.now, wallMs);
    if (parsed === null) return { ok: false, error: `--now "${values.now}" is not an ISO-8601 time with offset; use e.g. 2025-11-04T15:30:00+01:00, latest or live` };
    now = parsed;
  }
  const keep = values.keep === undefined ? 3 : wholeAtLeast('keep', values.keep, 2);
  if (typeof keep === 'string') return { ok: false, error: keep };
  const interval = values.interval === undefined ? 60 : wholeAtLeast('interval', values.interval, 5);
  if (typeof interval === 'string') return { ok: false, error: interval };
  const webhook = command === 'build' || command === 'start' ? (values.webhook ?? (env['FLUXSTATUS_WEBHOOK_URL'] || null)) : null;
  if (webhook !== null && !/^https?:\/\/./.test(webhook)) {
    return { ok: false, error: `${values.webhook === undefined ? 'FLUXSTATUS_WEBHOOK_URL' : '--webhook'} "${webhook}" must be an http:// or https:// URL` };
  }
  return {
    ok: true,
    args: {
      config: values.config ?? 'data/status.yaml',
      data: values.data ?? 'data',
      now,
      state: values.state ?? '.fluxstatus',
      useState: values['no-state'] !== true,
      out: values.out ?? null,
      report: values.report ?? null,
      ledger: values.ledger ?? null,
      newLedger: values['new-ledger'] === true,
      check: command === 'check' || values.check === true,
      webhook,
      keep,
      intervalSeconds: interval,
      freshTemplate: values['fresh-template'] === true,
    },
  };
}

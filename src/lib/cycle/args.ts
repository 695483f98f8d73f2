/**
 * Command-line options of `npm run build` and `npm start`. Pure: argv and env are passed in.
 * Every problem is one sentence naming the option and the fix.
 */

/** Which `now` the cycles use. */
export type NowOption = { kind: 'live' } | { kind: 'at'; ms: number } | { kind: 'latest' };

/** Options shared by build and start. */
export interface CycleArgs {
  /** Config file (default data/status.yaml). */
  config: string;
  /** Data directory holding the RRDs, ledger and history (default data). */
  data: string;
  now: NowOption;
  /** State directory: snapshot, builds, lock (default .fluxstatus). */
  state: string;
  /** Published path, a symlink switched atomically (default <state>/site). */
  out: string | null;
  /** Webhook URL (--webhook, else env FLUXSTATUS_WEBHOOK_URL), null when none. */
  webhook: string | null;
  /** Complete builds kept, the published one included (default 3). */
  keep: number;
  /** Seconds between cycles, `npm start` only (default 60). */
  intervalSeconds: number;
}

export type ParsedArgs = { ok: true; args: CycleArgs } | { ok: false; error: string } | { ok: false; help: true };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const VALUED = ['--config', '--data', '--now', '--state', '--out', '--webhook', '--keep', '--interval'] as const;

/** Parses argv (without node and script). `allowInterval` is false for the one-shot build. */
export function parseCycleArgs(argv: readonly string[], env: Record<string, string | undefined>, allowInterval: boolean): ParsedArgs {
  const args: CycleArgs = {
    config: 'data/status.yaml',
    data: 'data',
    now: { kind: 'live' },
    state: '.fluxstatus',
    out: null,
    webhook: env['FLUXSTATUS_WEBHOOK_URL'] || null,
    keep: 3,
    intervalSeconds: 60,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') return { ok: false, help: true };
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!(VALUED as readonly string[]).includes(name) || (name === '--interval' && !allowInterval)) {
      return { ok: false, error: `unknown option ${name}; see --help` };
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') return { ok: false, error: `${name} needs a value` };
    switch (name) {
      case '--now': {
        // `live` exists so a package.json default of `--now latest` (the demo) can be overridden.
        if (value === 'latest') args.now = { kind: 'latest' };
        else if (value === 'live') args.now = { kind: 'live' };
        else if (ISO.test(value) && !Number.isNaN(Date.parse(value))) args.now = { kind: 'at', ms: Date.parse(value) };
        else return { ok: false, error: `--now "${value}" is not an ISO-8601 time with offset; use e.g. 2025-11-04T15:30:00+01:00, latest or live` };
        break;
      }
      case '--keep':
      case '--interval': {
        const n = Number(value);
        const min = name === '--keep' ? 2 : 5;
        if (!/^\d+$/.test(value) || n < min) return { ok: false, error: `${name} needs a whole number of at least ${min}, got "${value}"` };
        if (name === '--keep') args.keep = n;
        else args.intervalSeconds = n;
        break;
      }
      case '--webhook': {
        if (!/^https?:\/\/./.test(value)) return { ok: false, error: `--webhook "${value}" must be an http:// or https:// URL` };
        args.webhook = value;
        break;
      }
      default:
        args[name.slice(2) as 'config' | 'data' | 'state' | 'out'] = value;
    }
  }
  if (args.webhook !== null && !/^https?:\/\/./.test(args.webhook)) {
    return { ok: false, error: `FLUXSTATUS_WEBHOOK_URL "${args.webhook}" must be an http:// or https:// URL` };
  }
  return { ok: true, args };
}

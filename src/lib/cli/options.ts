/**
 * The one command-line layer of every fluxstatus CLI (node:util parseArgs): an option table with its
 * help lines, `-h`/`--help` everywhere, and node's errors turned into one sentence naming the option
 * and pointing to --help. Pure: argv is passed in; the entry scripts print and choose the exit code
 * (help → stdout, exit 0; bad usage → stderr, exit 2, see USAGE_EXIT).
 */
import { parseArgs } from 'node:util';

/** Exit code of bad usage, the same for every command. */
export const USAGE_EXIT = 2;

/** One option: its type, the placeholder of its value in the help (string options) and its help line. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** e.g. FILE, DIR, N; string options only. */
  value?: string;
  short?: string;
  help: string;
}

export type OptionTable = Record<string, OptionSpec>;

/** What was given: string options as strings, boolean options as true (absent options are missing). */
export type OptionValues<T extends OptionTable> = { [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean };

export type ParsedOptions<T extends OptionTable> =
  | { ok: true; values: OptionValues<T>; positionals: string[] }
  | { ok: false; error: string }
  | { ok: false; help: true };

/** The --help option every command takes. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h', help: 'this text' } } as const satisfies OptionTable;

/** Node's parseArgs messages, in the house style: one line naming the option, pointing to --help. */
export function friendlyArgError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}; see --help`;
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}; options start with --, see --help`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /does not take/.test(message) ? `${option} takes no value; see --help` : `${option} needs a value; see --help`;
  return `${message.split('\n')[0] ?? 'bad arguments'}; see --help`;
}

/**
 * Parses argv (without node and script) against `table` (plus --help). Positionals are refused unless
 * `positionals` is true. An empty string value (`--config=`) is a missing value.
 */
export function parseOptions<T extends OptionTable>(table: T, argv: readonly string[], positionals = false): ParsedOptions<T & typeof HELP_OPTION> {
  const all = { ...table, ...HELP_OPTION };
  const options = Object.fromEntries(Object.entries(all).map(([name, s]) => [name, s.short === undefined ? { type: s.type } : { type: s.type, short: s.short }]));
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals }) as typeof parsed;
  } catch (error) {
    return { ok: false, error: friendlyArgError(error) };
  }
  if (parsed.values['help'] === true) return { ok: false, help: true };
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === '') return { ok: false, error: `--${name} needs a value; see --help` };
  }
  return { ok: true, values: parsed.values as OptionValues<T & typeof HELP_OPTION>, positionals: parsed.positionals };
}

/** The help text: the usage line, one aligned line per option (--help last), then any extra lines. */
export function usageText(usageLine: string, table: OptionTable, extra: readonly string[] = []): string {
  const rows = Object.entries<OptionSpec>({ ...table, ...HELP_OPTION }).map(([name, s]) => {
    const flag = `${s.short === undefined ? '' : `-${s.short}, `}--${name}${s.value === undefined ? '' : ` ${s.value}`}`;
    return [flag, s.help] as const;
  });
  const width = Math.max(16, ...rows.map(([flag]) => flag.length)) + 2;
  return [`usage: ${usageLine}`, ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`), ...extra].join('\n');
}

/** A whole number ≥ min from an option value, or the one-line error. */
export function wholeAtLeast(name: string, value: string, min: number): number | string {
  return /^\d+$/.test(value) && Number(value) >= min ? Number(value) : `--${name} needs a whole number of at least ${min}, got "${value}"`;
}

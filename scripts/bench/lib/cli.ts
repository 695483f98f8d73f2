/**
 * The command line of a benchmark script, on the shared CLI layer (src/lib/cli/options.ts): an option
 * table with help lines, `--help` (stdout, exit 0), an unknown option or a bad number is one line on
 * stderr (exit 2). `counts` are options that must be whole numbers (at least their minimum).
 */
import { USAGE_EXIT, parseOptions, usageText, wholeAtLeast, type OptionTable, type OptionValues } from '../../../src/lib/cli/options';

/** Options holding whole numbers, with their minimum. */
export type Counts = Record<string, number>;

/** What a bench command line gives: its values, and `count(name, default)` for the whole numbers. */
export interface BenchCli<T extends OptionTable> {
  values: OptionValues<T>;
  count(name: keyof T & string, fallback: number): number;
  positionals: string[];
}

/** Parses argv (pure): the values, help, or the one-line error. */
export function parseBenchCli<T extends OptionTable>(table: T, argv: readonly string[], counts: Counts = {}, positionals = false): { ok: true; cli: BenchCli<T> } | { ok: false; error: string } | { ok: false; help: true } {
  const parsed = parseOptions(table, argv, positionals);
  if (!parsed.ok) return parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const numbers = new Map<string, number>();
  for (const [name, min] of Object.entries(counts)) {
    const v = values[name];
    if (typeof v !== 'string') continue;
    const n = wholeAtLeast(name, v, min);
    if (typeof n === 'string') return { ok: false, error: n };
    numbers.set(name, n);
  }
  return { ok: true, cli: { values: parsed.values as OptionValues<T>, count: (name, fallback) => numbers.get(name) ?? fallback, positionals: parsed.positionals } };
}

/** Parses `process.argv` for a bench script; prints the help or the error and exits when it must. */
export function benchCli<T extends OptionTable>(command: string, usageLine: string, table: T, counts: Counts = {}, extra: readonly string[] = [], positionals = false): BenchCli<T> {
  const parsed = parseBenchCli(table, process.argv.slice(2), counts, positionals);
  if (parsed.ok) return parsed.cli;
  if ('help' in parsed) {
    process.stdout.write(`${usageText(usageLine, table, extra)}\n`);
    process.exit(0);
  }
  process.stderr.write(`${command}: ${parsed.error}\n`);
  process.exit(USAGE_EXIT);
}

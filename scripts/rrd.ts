/**
 * `npm run rrd -- <file>… [--cf AVERAGE] [--resolution SECONDS] [--start EPOCH] [--end EPOCH] [--info]` (--help lists them)
 *
 * Debugging CLI: reads RRD data of any supported format the way the build does and prints it as JSON
 * (or its metadata with --info). See docs/rrd-cli.md. Exit 0 = every file read, 1 = some failed,
 * 2 = nothing usable or bad usage.
 */
import { parseOptions, usageText, USAGE_EXIT, type OptionTable } from '../src/lib/cli/options';
import { inspectRrdFile, readRrdFile } from './lib/rrd-file';
import { RrdReadError, type SelectOptions, type Series } from '../src/lib/rrd/series';
import type { OpenedRrd } from '../src/lib/rrd/read';

const OPTIONS = {
  cf: { type: 'string', value: 'CF', help: 'consolidation function of the RRA to read, dump and .rrd only (default AVERAGE)' },
  resolution: { type: 'string', value: 'SECONDS', help: 'wanted RRA resolution, dump and .rrd only (default: the finest RRA of that CF)' },
  start: { type: 'string', value: 'EPOCH', help: 'first row, epoch seconds (negative: --start=-100)' },
  end: { type: 'string', value: 'EPOCH', help: 'last row, epoch seconds' },
  info: { type: 'boolean', help: 'print the metadata instead of the rows' },
} as const satisfies OptionTable;

export const USAGE = usageText('npm run rrd -- <file>... [options]', OPTIONS, ['exit codes: 0 every file read, 1 some failed, 2 nothing usable or bad usage']);

interface Args {
  files: string[];
  options: SelectOptions;
  info: boolean;
}

/** Parses argv; returns an error sentence for bad usage. */
export function parseArgs(argv: readonly string[]): Args | { error: string } | { help: true } {
  const parsed = parseOptions(OPTIONS, argv, true);
  if (!parsed.ok) return 'help' in parsed ? { help: true } : { error: parsed.error };
  const v = parsed.values;
  const options: SelectOptions = {};
  if (v.cf !== undefined) options.cf = v.cf.toUpperCase();
  for (const name of ['resolution', 'start', 'end'] as const) {
    const value = v[name];
    if (value === undefined) continue;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) return { error: `--${name} needs an integer, got "${value}"` };
    if (name === 'resolution' && n <= 0) return { error: `--resolution needs a positive number of seconds, got ${value}` };
    options[name] = n;
  }
  if (parsed.positionals.length === 0) return { error: 'no file given; see --help' };
  if (options.start !== undefined && options.end !== undefined && options.start >= options.end) {
    return { error: `--start ${options.start} must be before --end ${options.end}` };
  }
  return { files: parsed.positionals, options, info: v.info === true };
}

/** JSON number or null: unknown (NaN) and ±Inf have no JSON spelling and mean "no value" here. */
const json = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The series as one JSON document, one row per line so it stays readable and diffable. */
export function seriesJson(file: string, s: Series): string {
  const headFields = { file, format: s.format, step: s.step, ...(s.cf === undefined ? {} : { cf: s.cf }), columns: s.columns };
  const head = JSON.stringify(headFields).slice(0, -1);
  const rows: string[] = [];
  for (let i = 0; i < s.timestamps.length; i++) {
    rows.push(JSON.stringify([s.timestamps[i] as number, ...s.values.map((col) => json(col[i] as number))]));
  }
  return rows.length === 0 ? `${head},"rows":[]}\n` : `${head},"rows":[\n${rows.join(',\n')}\n]}\n`;
}

/** Metadata of a database or an export, for --info. */
export function infoJson(file: string, opened: OpenedRrd): string {
  if (opened.kind === 'database') {
    const { db } = opened;
    return `${JSON.stringify({ file, format: db.format, ...db.meta }, null, 2)}\n`;
  }
  const s = opened.series;
  const count = s.timestamps.length;
  const info = {
    file,
    format: s.format,
    step: s.step,
    columns: s.columns,
    rows: count,
    first: count > 0 ? s.timestamps[0] : null,
    last: count > 0 ? s.timestamps[count - 1] : null,
    ...s.meta,
  };
  return `${JSON.stringify(info, null, 2)}\n`;
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if ('help' in args) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`rrd: ${args.error}\n`);
    return USAGE_EXIT;
  }
  let failed = 0;
  for (const file of args.files) {
    try {
      process.stdout.write(args.info ? infoJson(file, inspectRrdFile(file)) : seriesJson(file, readRrdFile(file, args.options)));
    } catch (error) {
      failed++;
      const message = error instanceof RrdReadError ? error.message : `${file}: ${error instanceof Error ? error.message : String(error)}`;
      process.stderr.write(`${message}\n`);
    }
  }
  return failed === 0 ? 0 : failed === args.files.length ? 2 : 1;
}

// A reader piping into `head` closes stdout early: that is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));

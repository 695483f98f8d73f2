/**
 * `npm run rrd -- <file>… [--cf AVERAGE] [--resolution SECONDS] [--start EPOCH] [--end EPOCH] [--info]`
 *
 * Debugging CLI: reads RRD data of any supported format the way the build does and prints it as JSON
 * (or its metadata with --info). See docs/rrd-cli.md. Exit 0 = every file read, 1 = some failed,
 * 2 = nothing usable or bad usage.
 */
import { inspectRrdFile, readRrdFile } from './lib/rrd-file';
import { RrdReadError, type SelectOptions, type Series } from '../src/lib/rrd/series';
import type { OpenedRrd } from '../src/lib/rrd/read';

const USAGE = 'usage: npm run rrd -- <file>... [--cf AVERAGE] [--resolution SECONDS] [--start EPOCH] [--end EPOCH] [--info]';

interface Args {
  files: string[];
  options: SelectOptions;
  info: boolean;
}

/** Parses argv; returns an error sentence for bad usage. */
export function parseArgs(argv: readonly string[]): Args | { error: string } | { help: true } {
  const files: string[] = [];
  const options: SelectOptions = {};
  let info = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '--info') {
      info = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!['--cf', '--resolution', '--start', '--end'].includes(name)) return { error: `unknown option ${name}` };
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') return { error: `${name} needs a value` };
    if (name === '--cf') {
      options.cf = value.toUpperCase();
      continue;
    }
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) return { error: `${name} needs an integer, got "${value}"` };
    if (name === '--resolution') {
      if (n <= 0) return { error: `--resolution needs a positive number of seconds, got ${value}` };
      options.resolution = n;
    } else if (name === '--start') options.start = n;
    else options.end = n;
  }
  if (files.length === 0) return { error: 'no file given' };
  if (options.start !== undefined && options.end !== undefined && options.start >= options.end) {
    return { error: `--start ${options.start} must be before --end ${options.end}` };
  }
  return { files, options, info };
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
    process.stderr.write(`rrd: ${args.error}; ${USAGE}\n`);
    return 2;
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

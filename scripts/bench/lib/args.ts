/** Command-line options of the reader benchmark, on the shared CLI layer (src/lib/cli/options.ts). */
import { parseOptions, usageText, wholeAtLeast, type OptionTable } from '../../../src/lib/cli/options';

export interface BenchArgs {
  /** Number of files per format (default 6000, the production scale). */
  files: number;
  /** Where to generate the files; a fresh temp dir (removed afterwards) when absent. */
  dir?: string;
  /** Timed passes per reader; the median is reported. */
  repeats: number;
  /** Files parsed by the fast-xml-parser reference (its ratio is extrapolated from them). */
  refFiles: number;
}

const OPTIONS = {
  files: { type: 'string', value: 'N', help: 'files per format (default 6000, the production scale)' },
  dir: { type: 'string', value: 'DIR', help: 'where to generate the files (default: a temporary directory, removed afterwards)' },
  repeats: { type: 'string', value: 'R', help: 'timed passes per reader, the median is reported (default 3)' },
  'ref-files': { type: 'string', value: 'M', help: 'files parsed by the fast-xml-parser reference (default 200)' },
} as const satisfies OptionTable;

export const BENCH_USAGE = usageText('npx tsx scripts/bench/readers.ts [options]   (npm run bench)', OPTIONS);

/** Parses argv: the options, `help`, or the one-line error. */
export function parseBenchArgs(argv: readonly string[]): { ok: true; args: BenchArgs } | { ok: false; error: string } | { ok: false; help: true } {
  const parsed = parseOptions(OPTIONS, argv);
  if (!parsed.ok) return parsed;
  const v = parsed.values;
  const args: BenchArgs = { files: 6000, repeats: 3, refFiles: 200, ...(v.dir === undefined ? {} : { dir: v.dir }) };
  for (const [name, key] of [['files', 'files'], ['repeats', 'repeats'], ['ref-files', 'refFiles']] as const) {
    const value = v[name];
    if (value === undefined) continue;
    const n = wholeAtLeast(name, value, 1);
    if (typeof n === 'string') return { ok: false, error: n };
    args[key] = n;
  }
  return { ok: true, args };
}

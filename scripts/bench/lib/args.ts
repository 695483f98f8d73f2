/** Command-line options of the reader benchmark. */
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

const USAGE = 'usage: npx tsx scripts/bench/readers.ts [--files N] [--dir DIR] [--repeats R] [--ref-files M]';

/** Parses argv; throws a one-line usage error on a bad option. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { files: 6000, repeats: 3, refFiles: 200 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--dir' && value !== undefined) {
      args.dir = value;
      i++;
      continue;
    }
    const n = Number(value);
    const ok = value !== undefined && Number.isInteger(n) && n > 0;
    if (key === '--files' && ok) args.files = n;
    else if (key === '--repeats' && ok) args.repeats = n;
    else if (key === '--ref-files' && ok) args.refFiles = n;
    else throw new Error(`bad option ${key ?? ''} ${value ?? ''}: ${USAGE}`);
    i++;
  }
  return args;
}

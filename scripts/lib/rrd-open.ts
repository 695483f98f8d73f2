/**
 * Opens an RRD file once and lets the caller select several RRAs from that one handle (reduce reads
 * a new file at every resolution of its cf). A binary .rrd is read through one file descriptor: its
 * first block is read in a single call (it holds the whole header of the usual RRDs), so opening
 * costs one open, one read and one close, plus one read per selected window.
 *
 * What reduce reads must be believable before it is judged: the header and every selected series go
 * through src/lib/rrd/plausible.ts. A file rewritten while it is read (size, mtime or first block
 * differ after the read) is read once more, then refused. Every file has a wall-time budget (open,
 * reads, parse and checks, both attempts together; see ReadBudget in rrd-file.ts for what it bounds):
 * a file over it is refused like an implausible one, so its metrics are unknown and the cycle goes on.
 */
import { closeSync, fstatSync, readSync, type Stats } from 'node:fs';
import { openRrd } from '../../src/lib/rrd/binary';
import { checkDatabase, plausibleSeries } from '../../src/lib/rrd/plausible';
import { openRrdBytes, type OpenedRrd } from '../../src/lib/rrd/read';
import { RrdReadError, type RrdDatabase } from '../../src/lib/rrd/series';
import { DEFAULT_READ_BUDGET_SECONDS } from '../../src/lib/config/schema';
import { FileSource, ReadBudget, guarded, ioError, openRegular } from './rrd-file';

export interface OpenOptions {
  /** Wall clock (epoch s) a last update may not be ahead of; default now. Not the evaluated `now`: a replay of a past minute reads files written since. */
  clock?: number;
  /** Wall-time budget of the file in ms (config read_budget_seconds); default DEFAULT_READ_BUDGET_SECONDS. */
  budgetMs?: number;
  /** Monotonic clock of the budget in ms; default performance.now (tests pass a slow one). */
  monotonicMs?: () => number;
  /** The caller's stat of the path taken just before (collect-metric.ts): the first open then skips its own. */
  stat?: Stats;
}

/**
 * Opens `path` and hands the database (binary .rrd, dump) or the export's series to `use` while the
 * file is open; `db.select()` may be called any number of times inside `use`, not after it returns.
 * Throws only RrdReadError (naming the path once) for unreadable or implausible input.
 */
export function withOpenedRrd<T>(path: string, use: (opened: OpenedRrd) => T, options: OpenOptions = {}): T {
  const clock = options.clock ?? Date.now() / 1000;
  const budget = new ReadBudget(path, options.budgetMs ?? DEFAULT_READ_BUDGET_SECONDS * 1000, options.monotonicMs);
  for (let attempt = 0; ; attempt++) {
    const { fd, stat } = openRegular(path, attempt === 0 ? options.stat : undefined);
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    let changed: string | undefined;
    try {
      budget.check('opening it');
      const source = new FileSource(fd, path, stat, budget);
      try {
        const value = use(openChecked(source, path, clock));
        // The parse and the checks of a text export run between two reads: they are measured here.
        budget.check('parsing and checking its rows');
        outcome = { ok: true, value };
      } catch (error) {
        outcome = { ok: false, error };
      }
      changed = changeSince(fd, stat, source);
    } finally {
      closeSync(fd);
    }
    if (changed !== undefined) {
      if (attempt === 0) continue;
      throw new RrdReadError(path, 'unknown', undefined, `the file changed twice while it was read (${changed})`, 'it is being rewritten in place; it is read again at the next cycle');
    }
    if (outcome.ok) return outcome.value;
    const { error } = outcome;
    throw error instanceof RrdReadError ? error : ioError(path, error);
  }
}

/** The opened file with its header checked and every select's rows checked. */
function openChecked(source: FileSource, path: string, clock: number): OpenedRrd {
  if (source.isBinaryRrd()) return { kind: 'database', db: checked(guarded(path, () => openRrd(source, path)), path, clock) };
  const opened = openRrdBytes(source.readText(), path);
  if (opened.kind === 'series') return { kind: 'series', series: plausibleSeries(opened.series, undefined, clock) };
  return { kind: 'database', db: checked(opened.db, path, clock) };
}

function checked(db: RrdDatabase, path: string, clock: number): RrdDatabase {
  checkDatabase(db, clock);
  return { ...db, select: (options) => plausibleSeries(guarded(path, () => db.select(options)), db.meta.ds, clock) };
}

/** What changed in the file since it was opened (size, mtime, first block), or undefined. */
function changeSince(fd: number, before: Stats, source: FileSource): string | undefined {
  const after = fstatSync(fd);
  if (after.size !== before.size) return `size ${before.size} → ${after.size} bytes`;
  if (after.mtimeMs !== before.mtimeMs) return 'its modification time moved';
  const head = source.head();
  const again = new Uint8Array(head.length);
  let done = 0;
  while (done < again.length) {
    const got = readSync(fd, again, done, again.length - done, done);
    if (got === 0) break;
    done += got;
  }
  // Buffer.compare, not a closure per byte: this runs for every file read, every cycle.
  if (done !== head.length || Buffer.compare(again, head) !== 0) return 'its header was rewritten';
  return undefined;
}

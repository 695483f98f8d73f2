/**
 * Reading RRD data from files (the I/O shell around src/lib/rrd/read.ts). Only regular files are
 * opened (a FIFO would block the run forever, a device never ends); binary .rrd files are read through
 * a file descriptor, so only the header and the rows of the asked window leave the disk; every other
 * format is read whole, up to MAX_TEXT_BYTES. Every failure is an RrdReadError naming the path.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { openRrd } from '../../src/lib/rrd/binary';
import { MAX_TEXT_BYTES, openRrdBytes, readRrdBytes, type OpenedRrd } from '../../src/lib/rrd/read';
import { RrdReadError, type ByteSource, type SelectOptions, type Series } from '../../src/lib/rrd/series';

/** Bytes read at open: the header of a binary RRD with a few DSs and ~10 RRAs is 2–4 KB. */
const FIRST_BLOCK = 8192;
/** Largest single read: the time budget is checked between reads of at most this size. */
const READ_CHUNK = 1024 * 1024;

/**
 * The wall-time budget of one file (issue 11: a slow network file system or a pathological file must
 * not hold up the cycle). A synchronous reader cannot be interrupted, so the budget is checked at
 * every point where the work can stop: after the open, after every read of at most READ_CHUNK bytes,
 * and once the parse and the plausibility checks are done (rrd-open.ts). What it bounds: the time
 * spent before the file is given up is the budget plus one read call plus, for a text export, one
 * parse (itself bounded by MAX_TEXT_BYTES and linear readers). What it cannot bound: a single read
 * system call that never returns (a hard-mounted NFS server that is gone) — mount such shares with
 * `soft,timeo=…` so the call fails instead.
 */
export class ReadBudget {
  private readonly start: number;

  /** `now` is a monotonic clock in ms (performance.now; tests pass a slow one). */
  constructor(
    private readonly path: string,
    readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = now();
  }

  /** Throws the one-line budget error when more than the budget has been spent since the open began. */
  check(stage: string): void {
    const spent = this.now() - this.start;
    if (spent <= this.budgetMs) return;
    throw new RrdReadError(
      this.path,
      'unknown',
      undefined,
      `reading it took longer than its ${duration(this.budgetMs)} time budget (${duration(spent)} when ${stage})`,
      'a slow or hung file system, or a file far larger than usual: move the RRDs to a local disk or shorten their RRAs, or raise read_budget_seconds in data/status.yaml',
    );
  }
}

/** 12 s, 1.2 s, 250 ms, 0.001 ms. */
const duration = (ms: number): string => (ms >= 10_000 ? `${Math.round(ms / 1000)} s` : ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Number(ms.toPrecision(2))} ms`);

/** Reads one file of any supported format into a Series (RRA and window chosen by `options`). */
export function readRrdFile(path: string, options: SelectOptions = {}): Series {
  return withFile(path, (file) => {
    if (file.isBinaryRrd()) return guarded(path, () => openRrd(file, path).select(options));
    return readRrdBytes(file.readText(), path, options);
  });
}

/** Opens one file for inspection (--info): the database of a dump/.rrd, or the series of an export. */
export function inspectRrdFile(path: string): OpenedRrd {
  return withFile(path, (file) => {
    if (!file.isBinaryRrd()) return openRrdBytes(file.readText(), path);
    // The database may be asked for rows after this returns: give it a source that reopens the file.
    const db = guarded(path, () => openRrd(file, path));
    return { kind: 'database', db: { ...db, select: (options) => readRrdFile(path, options) } };
  });
}

/** A ByteSource over an open file descriptor; the first block is read once and served from memory. */
export class FileSource implements ByteSource {
  readonly size: number;
  private readonly first: Uint8Array;

  constructor(
    private readonly fd: number,
    private readonly path: string,
    readonly stat: Stats,
    private readonly budget?: ReadBudget,
  ) {
    this.size = stat.size;
    this.first = this.readFromDisk(0, Math.min(FIRST_BLOCK, this.size));
  }

  read(offset: number, length: number): Uint8Array {
    const want = Math.max(0, Math.min(length, this.size - offset));
    if (offset + want <= this.first.length) return this.first.subarray(offset, offset + want);
    return this.readFromDisk(offset, want);
  }

  /** The first block as read at open (compared after a read to detect a rewrite in place). */
  head(): Uint8Array {
    return this.first;
  }

  isBinaryRrd(): boolean {
    const h = this.first;
    return h.length >= 4 && h[0] === 0x52 && h[1] === 0x52 && h[2] === 0x44 && h[3] === 0;
  }

  /** The whole file, for the text formats: refused above MAX_TEXT_BYTES before anything is allocated. */
  readText(): Uint8Array {
    if (this.size > MAX_TEXT_BYTES) {
      throw new RrdReadError(
        this.path,
        'unknown',
        undefined,
        `the file is ${mb(this.size)} MB, more than the ${mb(MAX_TEXT_BYTES)} MB read for a text export or dump`,
        'export a shorter window (-s/-e), or give the binary .rrd, which is read by window',
      );
    }
    const bytes = this.read(0, this.size);
    if (bytes.length < this.size)
      throw new RrdReadError(this.path, 'unknown', { offset: bytes.length }, 'the file shrank while it was read', 'read it again once the writer has finished');
    return bytes;
  }

  private readFromDisk(offset: number, want: number): Uint8Array {
    const buffer = new Uint8Array(want);
    let done = 0;
    while (done < want) {
      const got = readSync(this.fd, buffer, done, Math.min(want - done, READ_CHUNK), offset + done);
      this.budget?.check(`reading byte ${offset + done + got} of ${this.size}`);
      if (got === 0) break; // the file shrank since fstat: the reader reports the truncation
      done += got;
    }
    return done === want ? buffer : buffer.subarray(0, done);
  }
}

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** What a path is when it is not a regular file, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Opens `path` read-only if it is a regular file (symlinks followed), or throws an RrdReadError that
 * names what it is instead; `known` is the caller's fresh stat of the path, if it has one. Non-blocking, so a FIFO swapped in after the check cannot hang the run.
 */
export function openRegular(path: string, known?: Stats): { fd: number; stat: Stats } {
  let st: Stats;
  // A caller that has just stat'ed the path (reduce, for the cache) saves this system call; the fstat below still checks what was opened.
  if (known !== undefined && known.isFile()) st = known;
  else {
    try {
      st = statSync(path);
    } catch (error) {
      throw ioError(path, error);
    }
  }
  if (!st.isFile()) throw notRegular(path, st);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw ioError(path, error);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) throw notRegular(path, fst);
    return { fd, stat: fst };
  } catch (error) {
    closeSync(fd);
    throw error instanceof RrdReadError ? error : ioError(path, error);
  }
}

function notRegular(path: string, st: Stats): RrdReadError {
  return new RrdReadError(path, 'unknown', undefined, `is ${kindOf(st)}, not a regular file`, 'point the files: glob at the .rrd files (or exports) themselves');
}

function withFile<T>(path: string, use: (file: FileSource) => T): T {
  const { fd, stat } = openRegular(path);
  try {
    return use(new FileSource(fd, path, stat));
  } catch (error) {
    if (error instanceof RrdReadError) throw error;
    throw ioError(path, error);
  } finally {
    closeSync(fd);
  }
}

/** Turns an unexpected reader failure into an RrdReadError naming the file (never a stack trace). */
export function guarded<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RrdReadError) throw error;
    const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ');
    throw new RrdReadError(path, 'rrd', undefined, `the reader failed unexpectedly (${reason})`, 'report this file to the fluxstatus maintainers');
  }
}

/** An I/O error in words: no such file, a dangling symlink, a symlink loop, permission denied … */
export function ioError(path: string, error: unknown): RrdReadError {
  const code = (error as { code?: unknown } | null)?.code;
  const dangling = code === 'ENOENT' && isSymlink(path);
  const problem =
    code === 'ENOENT'
      ? dangling
        ? 'is a symbolic link to a file that does not exist'
        : 'no such file'
      : code === 'ELOOP'
        ? 'is a symbolic link loop (a link that leads back to itself)'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot read the file (${String(code ?? (error instanceof Error ? error.message : error))})`;
  const fix = code === 'EACCES' ? 'give the build user read access to it' : dangling || code === 'ELOOP' ? 'make the link point at the real file' : 'check the path in data/status.yaml or on the command line';
  return new RrdReadError(path, 'unknown', undefined, problem, fix);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Opens an RRD file once and lets the caller select several RRAs from that one handle (reduce reads
 * a new file at every resolution of its cf). A binary .rrd is read through one file descriptor: its
 * first block is read in a single call (it holds the whole header of the usual RRDs), so opening
 * costs one open, one read and one close, plus one read per selected window. Every other format,
 * and every failure, goes through rrd-file.ts, so messages stay the same.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { openRrd } from '../../src/lib/rrd/binary';
import type { OpenedRrd } from '../../src/lib/rrd/read';
import { RrdReadError, type ByteSource, type RrdDatabase } from '../../src/lib/rrd/series';
import { guarded, inspectRrdFile } from './rrd-file';

/** Bytes read at open: the header of a binary RRD with a few DSs and ~10 RRAs is 2–4 KB. */
const FIRST_BLOCK = 8192;

/** A ByteSource over an open descriptor that serves the first block from memory. */
class PrefetchedSource implements ByteSource {
  readonly size: number;
  private readonly first: Uint8Array;

  constructor(private readonly fd: number) {
    this.size = fstatSync(fd).size;
    this.first = this.readFromDisk(0, Math.min(FIRST_BLOCK, this.size));
  }

  read(offset: number, length: number): Uint8Array {
    const want = Math.max(0, Math.min(length, this.size - offset));
    if (offset + want <= this.first.length) return this.first.subarray(offset, offset + want);
    return this.readFromDisk(offset, want);
  }

  isBinaryRrd(): boolean {
    const h = this.first;
    return h.length >= 4 && h[0] === 0x52 && h[1] === 0x52 && h[2] === 0x44 && h[3] === 0;
  }

  private readFromDisk(offset: number, want: number): Uint8Array {
    const buffer = new Uint8Array(want);
    let done = 0;
    while (done < want) {
      const got = readSync(this.fd, buffer, done, want - done, offset + done);
      if (got === 0) break; // the file shrank since fstat: the reader reports the truncation
      done += got;
    }
    return done === want ? buffer : buffer.subarray(0, done);
  }
}

/**
 * Opens `path` and hands the database (binary .rrd, dump) or the export's series to `use` while the
 * file is open; `db.select()` may be called any number of times inside `use`, not after it returns.
 * Throws only RrdReadError (naming the path) for unreadable input.
 */
export function withOpenedRrd<T>(path: string, use: (opened: OpenedRrd) => T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    // The shell's own reader words the I/O error (no such file, permission denied, …).
    return use(inspectRrdFile(path));
  }
  let db: RrdDatabase | undefined;
  try {
    const source = new PrefetchedSource(fd);
    if (source.isBinaryRrd()) db = guarded(path, () => openRrd(source, path));
  } catch (error) {
    closeSync(fd);
    if (error instanceof RrdReadError) throw error;
    // An I/O error after open (EIO, EISDIR on read): let rrd-file.ts word it.
    return use(inspectRrdFile(path));
  }
  if (db === undefined) {
    // Not a binary .rrd: text formats are read whole by rrd-file.ts anyway.
    closeSync(fd);
    return use(inspectRrdFile(path));
  }
  const database = db;
  try {
    return use({ kind: 'database', db: { ...database, select: (options) => guarded(path, () => database.select(options)) } });
  } finally {
    closeSync(fd);
  }
}


/**
 * Reading RRD data from files (the I/O shell around src/lib/rrd/read.ts). Binary .rrd files are read
 * through a file descriptor, so only the header and the rows of the asked window leave the disk; every
 * other format is read whole. Every failure is an RrdReadError naming the path.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { openRrd } from '../../src/lib/rrd/binary';
import { openRrdBytes, readRrdBytes, type OpenedRrd } from '../../src/lib/rrd/read';
import { RrdReadError, type ByteSource, type SelectOptions, type Series } from '../../src/lib/rrd/series';

/** Reads one file of any supported format into a Series (RRA and window chosen by `options`). */
export function readRrdFile(path: string, options: SelectOptions = {}): Series {
  return withFile(path, (file) => {
    if (file.isBinaryRrd()) return guarded(path, () => openRrd(file, path).select(options));
    return readRrdBytes(file.readAll(), path, options);
  });
}

/** Opens one file for inspection (--info): the database of a dump/.rrd, or the series of an export. */
export function inspectRrdFile(path: string): OpenedRrd {
  return withFile(path, (file) => {
    if (!file.isBinaryRrd()) return openRrdBytes(file.readAll(), path);
    // The database may be asked for rows after this returns: give it a source that reopens the file.
    const db = guarded(path, () => openRrd(file, path));
    return { kind: 'database', db: { ...db, select: (options) => readRrdFile(path, options) } };
  });
}

/** A ByteSource over an open file descriptor. */
class FileSource implements ByteSource {
  readonly size: number;

  constructor(
    private readonly fd: number,
    private readonly path: string,
  ) {
    this.size = fstatSync(fd).size;
  }

  read(offset: number, length: number): Uint8Array {
    const want = Math.max(0, Math.min(length, this.size - offset));
    const buffer = new Uint8Array(want);
    let done = 0;
    while (done < want) {
      const got = readSync(this.fd, buffer, done, want - done, offset + done);
      if (got === 0) break; // the file shrank since fstat
      done += got;
    }
    return done === want ? buffer : buffer.subarray(0, done);
  }

  isBinaryRrd(): boolean {
    const head = this.read(0, 4);
    return head[0] === 0x52 && head[1] === 0x52 && head[2] === 0x44 && head[3] === 0;
  }

  readAll(): Uint8Array {
    const bytes = this.read(0, this.size);
    if (bytes.length < this.size)
      throw new RrdReadError(this.path, 'unknown', { offset: bytes.length }, 'the file shrank while it was read', 'read it again once the writer has finished');
    return bytes;
  }
}

function withFile<T>(path: string, use: (file: FileSource) => T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw ioError(path, error);
  }
  try {
    return use(new FileSource(fd, path));
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

function ioError(path: string, error: unknown): RrdReadError {
  const code = (error as { code?: unknown } | null)?.code;
  const problem =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory, not a file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot read the file (${error instanceof Error ? error.message : String(error)})`;
  const fix = code === 'EACCES' ? 'give the build user read access to it' : 'check the path in data/status.yaml or on the command line';
  return new RrdReadError(path, 'unknown', undefined, problem, fix);
}

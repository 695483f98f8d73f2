/**
 * Why a files: glob matched no file: the glob lists regular files (and symlinks to them) only, so a
 * FIFO, a socket, a device, a directory named like the file, a dangling link or a symlink loop
 * silently disappear from it. This names each of them, so the operator reads "is a FIFO" rather
 * than "no file matches".
 */
import { closeSync, readdirSync, type Dirent } from 'node:fs';
import { globSync, type FileSystemAdapter } from 'tinyglobby';
import { RrdReadError } from '../../src/lib/rrd/series';
import { openRegular } from './rrd-file';

/** One entry the glob matched by name but reduce cannot read, with its one-line reason (path not included). */
export interface UnusableMatch {
  path: string;
  message: string;
}

/** Every entry under `cwd` matching `patterns` by name that is not a readable regular file. */
export function unusableMatches(patterns: readonly string[], cwd: string): UnusableMatch[] {
  // Make every non-directory look like a plain file, so the glob returns FIFOs, sockets and broken links too.
  const readdir = ((path: string, options?: unknown) => {
    const entries = readdirSync(path, options as { withFileTypes: true });
    if (!Array.isArray(entries) || typeof entries[0] !== 'object') return entries;
    return (entries as Dirent[]).map((e) => {
      const dir = e.isDirectory();
      return Object.assign(Object.create(Object.getPrototypeOf(e) as object) as Dirent, e, {
        isFile: () => !dir,
        isDirectory: () => dir,
        isSymbolicLink: () => false,
      });
    });
  }) as unknown as typeof readdirSync;
  const fs: FileSystemAdapter = { readdirSync: readdir };
  let matches: string[];
  try {
    // Directories only for patterns naming files (`rrd/*/calls.rrd`), not for `rrd/gfd/**`, which matches every folder.
    const named = patterns.filter((p) => !/(^|\/)\*\*$/.test(p));
    matches = [...globSync([...patterns], { cwd, absolute: true, onlyFiles: true, fs }), ...(named.length > 0 ? globSync(named, { cwd, absolute: true, onlyDirectories: true }) : [])];
  } catch {
    return [];
  }
  const out: UnusableMatch[] = [];
  for (const match of matches.sort()) {
    const path = match.endsWith('/') ? match.slice(0, -1) : match;
    try {
      closeSync(openRegular(path).fd);
    } catch (error) {
      if (error instanceof RrdReadError) out.push({ path, message: error.detail });
    }
  }
  return out;
}

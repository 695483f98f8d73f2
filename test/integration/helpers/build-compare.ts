/**
 * Byte-for-byte comparison of two Astro build directories (a full build against an incremental or
 * rendered one). Astro names its server manifest chunk differently on every build, even for two full
 * builds of one snapshot into one path (its content differs by that name only): that one name is
 * normalized, in file names and inside server files. Everything else must match byte for byte.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const MANIFEST_CHUNK = /manifest_[A-Za-z0-9_-]+\.mjs/g;
const normalize = (name: string): string => name.replace(MANIFEST_CHUNK, 'manifest_*.mjs');

/** Every file under `dir`: normalized relative name → real relative name, sorted by name. */
export async function tree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
  return new Map(files.map((f) => [normalize(f), f]));
}

/** A file's bytes; server files with the manifest chunk's name normalized. */
export async function bytes(dir: string, file: string): Promise<Buffer> {
  const raw = await readFile(join(dir, file));
  return file.startsWith('server/') ? Buffer.from(normalize(raw.toString('latin1')), 'latin1') : raw;
}

/** The normalized names of the files of `expected` whose bytes differ in `actual` (same tree assumed). */
export async function differingFiles(expectedDir: string, expected: Map<string, string>, actualDir: string, actual: Map<string, string>): Promise<string[]> {
  const differing: string[] = [];
  for (const [name, file] of expected) {
    const other = actual.get(name);
    if (other === undefined) {
      differing.push(name);
      continue;
    }
    const [a, b] = await Promise.all([bytes(expectedDir, file), bytes(actualDir, other)]);
    if (!a.equals(b)) differing.push(name);
  }
  return differing;
}

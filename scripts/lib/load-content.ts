/**
 * Reads the content collection: <data>/incidents/*.md and <data>/maintenance/*.md.
 * A bad file is skipped with its one-line error(s); the run goes on with the others.
 */
import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { parseCommunication, type Communication } from '../../src/lib/content/communication';
import { parseMaintenance, type MaintenanceWindow } from '../../src/lib/content/maintenance';
import type { ContentContext, Result } from '../../src/lib/content/types';

export interface LoadedContent {
  incidents: Communication[];
  maintenance: MaintenanceWindow[];
  errors: string[];
  warnings: string[];
}

/** Largest content file read: a communication is a few KB; more is a mistake or a bomb. */
const MAX_CONTENT_BYTES = 1024 * 1024;

/** What a non-regular entry is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * The .md files of a folder, sorted by name; a missing folder is simply empty. Symbolic links to
 * regular files are read like files; every other entry named *.md (a hidden `.x.md`, a directory, a
 * FIFO, a dangling link or a loop) gets a one-line error instead of being skipped in silence.
 */
/** A Markdown file found, with its modification time (epoch s): the stand-in for a maintenance's `announced`. */
interface ContentFile {
  file: string;
  mtime: number;
}

function markdownFiles(dir: string, errors: string[]): ContentFile[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') errors.push(`${dir}: cannot list the folder (${code ?? 'error'}) — check that it is a readable directory.`);
    return [];
  }
  const files: ContentFile[] = [];
  for (const e of entries) {
    if (!e.name.toLowerCase().endsWith('.md')) continue;
    const file = join(dir, e.name);
    if (e.name.startsWith('.')) {
      errors.push(`${file}: hidden files are not read — rename it without the leading dot (e.g. ${e.name.replace(/^\.+/, '') || 'incident.md'}) to publish it; it is skipped.`);
      continue;
    }
    let st: Stats;
    try {
      st = statSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const what = code === 'ELOOP' ? 'is a symbolic link loop' : code === 'ENOENT' ? 'is a symbolic link to a file that does not exist' : `cannot be read (${code ?? 'error'})`;
      errors.push(`${file}: ${what} — make it a regular Markdown file; it is skipped.`);
      continue;
    }
    if (!st.isFile()) {
      errors.push(`${file}: is ${kindOf(st)}, not a Markdown file — move it out of ${dir} or replace it with a file; it is skipped.`);
      continue;
    }
    if (st.size > MAX_CONTENT_BYTES) {
      errors.push(`${file}: is ${st.size} bytes, more than the ${MAX_CONTENT_BYTES} read for one communication — shorten it; it is skipped.`);
      continue;
    }
    files.push({ file, mtime: Math.floor(st.mtimeMs / 1000) });
  }
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function readAll<T>(files: ContentFile[], parse: (text: string, file: string, mtime: number) => Result<T>, out: LoadedContent): T[] {
  const values: T[] = [];
  for (const { file, mtime } of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      out.errors.push(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'}) — check its permissions; it is skipped.`);
      continue;
    }
    let r: Result<T>;
    try {
      r = parse(text, file, mtime);
    } catch (err) {
      // A parser bug or a resource limit on hostile input must cost this file only, never the run.
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      out.errors.push(`${file}: cannot be read (${reason}) — fix or remove the file; it is skipped.`);
      continue;
    }
    if (r.ok) {
      values.push(r.value);
      out.warnings.push(...r.warnings);
    } else out.errors.push(...r.errors);
  }
  return values;
}

/** Loads communications and maintenance windows under `dataDir`; ids must be unique per kind. */
export function loadContent(dataDir: string, ctx: ContentContext): LoadedContent {
  const out: LoadedContent = { incidents: [], maintenance: [], errors: [], warnings: [] };
  const incidentFiles = markdownFiles(join(dataDir, 'incidents'), out.errors);
  const maintenanceFiles = markdownFiles(join(dataDir, 'maintenance'), out.errors);
  out.incidents = unique(readAll(incidentFiles, (t, f) => parseCommunication(t, f, ctx), out), out.errors);
  out.maintenance = unique(readAll(maintenanceFiles, (t, f, mtime) => parseMaintenance(t, f, ctx, mtime), out), out.errors);
  return out;
}

/** Drops the second of two files with the same id (e.g. "a.md" and "A.md"), with an error naming both. */
function unique<T extends { id: string; file: string }>(values: T[], errors: string[]): T[] {
  const seen = new Map<string, string>();
  return values.filter((v) => {
    const first = seen.get(v.id);
    if (first !== undefined) {
      errors.push(`${v.file}: same id "${v.id}" as ${first} — rename one of the two files; this one is skipped.`);
      return false;
    }
    seen.set(v.id, v.file);
    return true;
  });
}

/**
 * Reads the content collection: <data>/incidents/*.md and <data>/maintenance/*.md.
 * A bad file is skipped with its one-line error(s); the run goes on with the others.
 */
import { readdirSync, readFileSync } from 'node:fs';
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

/** The .md files of a folder, sorted by name; a missing folder is simply empty. */
function markdownFiles(dir: string, errors: string[]): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md') && !e.name.startsWith('.'))
      .map((e) => join(dir, e.name))
      .sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') errors.push(`${dir}: cannot list the folder (${code ?? 'error'}) — check that it is a readable directory.`);
    return [];
  }
}

function readAll<T>(files: string[], parse: (text: string, file: string) => Result<T>, out: LoadedContent): T[] {
  const values: T[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      out.errors.push(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'}) — check its permissions; it is skipped.`);
      continue;
    }
    const r = parse(text, file);
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
  out.maintenance = unique(readAll(maintenanceFiles, (t, f) => parseMaintenance(t, f, ctx), out), out.errors);
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

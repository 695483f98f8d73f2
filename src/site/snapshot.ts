/**
 * Site-side access to the snapshot: read ONCE per build from FLUXSTATUS_SNAPSHOT (default
 * .fluxstatus/snapshot.json, resolved from the working directory), validated with SnapshotSchema.
 * A missing or invalid snapshot fails the build with one clear line, never a half-built site.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SnapshotSchema, type Snapshot } from '../lib/snapshot/schema';
import { missingTextWarnings, missingTexts } from '../lib/view/missing-texts';

/** The snapshot file this build reads. */
export function snapshotPath(): string {
  return resolve(process.cwd(), process.env['FLUXSTATUS_SNAPSHOT'] ?? '.fluxstatus/snapshot.json');
}

/** Thrown with a single line that names the file and the fix (Astro prints the message). */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** Reads and validates a snapshot file; throws SnapshotError with one clear line. */
export function readSnapshot(path: string): Snapshot {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new SnapshotError(`fluxstatus: no snapshot at ${path} — run \`npm run reduce\` first (or set FLUXSTATUS_SNAPSHOT)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new SnapshotError(`fluxstatus: ${path} is not valid JSON (${(e as Error).message}) — run \`npm run reduce\` again`);
  }
  const parsed = SnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : '';
    throw new SnapshotError(
      `fluxstatus: ${path} does not match the snapshot schema at ${where || '(root)'}: ${issue?.message ?? 'invalid'} — run \`npm run reduce\` again with this version`,
    );
  }
  return parsed.data;
}

let cached: Snapshot | undefined;

/** The build's snapshot (read, validated and checked for missing translations once). */
export function getSnapshot(): Snapshot {
  if (!cached) {
    cached = readSnapshot(snapshotPath());
    for (const line of missingTextWarnings(missingTexts(cached), cached.site.default_language)) console.warn(line);
  }
  return cached;
}

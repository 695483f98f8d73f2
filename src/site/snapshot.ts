/**
 * Site-side access to the snapshot: read ONCE per build (or per render pass) from FLUXSTATUS_SNAPSHOT (default
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

let cached: { path: string; snapshot: Snapshot } | undefined;

/**
 * The build's snapshot (read, validated and checked for missing translations once per file). Keyed
 * by its path: the long-lived renderer of `npm start` (scripts/lib/site-render.ts) names a new
 * snapshot file for every cycle, and a build names one for its whole run.
 */
export function getSnapshot(): Snapshot {
  const path = snapshotPath();
  if (cached?.path !== path) {
    const snapshot = readSnapshot(path);
    for (const line of missingTextWarnings(missingTexts(snapshot), snapshot.site.default_language)) console.warn(line);
    cached = { path, snapshot };
  }
  return cached.snapshot;
}

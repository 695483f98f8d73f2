/**
 * The newest snapshot for the live server, re-read only when the file changes (inode, size or
 * mtime), validated with SnapshotSchema. A broken or missing file never replaces a good snapshot:
 * the last good one stays in use (and turns "unknown" by itself once its valid_until passes).
 */
import { readFileSync, statSync } from 'node:fs';
import { SnapshotSchema, type Snapshot } from '../lib/snapshot/schema';

export interface LiveSnapshot {
  snapshot: Snapshot;
  /** Changes whenever a different file content was loaded (for caches of rendered bodies). */
  version: string;
}

export interface SnapshotSource {
  /** The newest valid snapshot, or null when none could ever be loaded. */
  current(): LiveSnapshot | null;
}

/** One-line description of why a snapshot file was rejected. */
function describe(path: string, error: unknown): string {
  if (error instanceof SyntaxError) return `${path}: not valid JSON (${error.message}); the reduce step must write it again`;
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return `${path}: file not found; run the reduce step first`;
  return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A snapshot source for `path`; `log` receives one line per newly rejected file. */
export function snapshotSource(path: string, log: (line: string) => void = () => {}): SnapshotSource {
  let key = '';
  let good: LiveSnapshot | null = null;
  return {
    current() {
      let next: string;
      try {
        const st = statSync(path);
        next = `${st.ino}:${st.size}:${st.mtimeMs}`;
      } catch (error) {
        if (key !== 'missing') log(`fluxstatus serve: ${describe(path, error)}`);
        key = 'missing';
        return good;
      }
      if (next === key) return good;
      key = next;
      try {
        const parsed = SnapshotSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          log(`fluxstatus serve: ${path}: invalid snapshot at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown'}; keeping the previous one`);
          return good;
        }
        good = { snapshot: parsed.data, version: next };
      } catch (error) {
        log(`fluxstatus serve: ${describe(path, error)}; keeping the previous one`);
      }
      return good;
    },
  };
}

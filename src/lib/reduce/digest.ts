/**
 * The snapshot's digest: sha256 over the config text, the content and the input files' identities
 * (only the hash is published, never a path). Pure.
 */
import { createHash } from 'node:crypto';
import type { Communication } from '../content/communication';
import { maintenanceToSnapshot, type MaintenanceWindow } from '../content/maintenance';
import { localDate } from '../time/zone';

/** Identity of an input file (path, size, mtime). */
export interface InputIdentity {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * sha256 (hex) of what a snapshot was made from: the config, the content, the input files, and
 * `instant` — what of the evaluated instant shows in public (publicInstant). Not the minute itself:
 * a minute without new data, in which nothing turns grey or blue, gives the same digest (and the
 * cycle then has nothing to render).
 */
export function inputDigest(configText: string, communications: readonly Communication[], maintenance: readonly MaintenanceWindow[], inputs: readonly InputIdentity[], instant: string): string {
  const h = createHash('sha256');
  h.update(configText);
  h.update(JSON.stringify(communications.map((c) => ({ ...c, file: undefined }))));
  h.update(JSON.stringify(maintenance.map((m) => ({ ...m, file: undefined }))));
  // Plain code-unit order and one hash: a locale compare and a hash per file cost ~0.1 s at 6,000 files.
  for (const f of [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) h.update(`${f.path}\0${f.size}:${f.mtimeMs}\n`);
  h.update(instant);
  return h.digest('hex');
}

/**
 * What of the instant `now` (epoch s) a snapshot shows: the minute each service was evaluated up to
 * (reduce/evaluation-end.ts), the local day (the uptime bars end today) and each maintenance
 * window's public state (scheduled, in progress, completed; when it counts as announced).
 */
export function publicInstant(evaluatedEnds: readonly number[], now: number, timeZone: string, maintenance: readonly MaintenanceWindow[]): string {
  return JSON.stringify({
    ends: evaluatedEnds,
    day: localDate(now, timeZone),
    maintenance: maintenance.map((m) => maintenanceToSnapshot(m, now, timeZone)),
  });
}

/**
 * Reading and writing the incident ledger file (<data>/ledger/incidents.json).
 * A missing file is an empty ledger; a corrupt one is an error and must NOT be overwritten.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyLedger, LedgerSchema, type Ledger } from '../../src/lib/ledger/schema';
import { formatPath } from '../../src/lib/config/friendly-errors';
import { writeFileAtomic } from './atomic-write';

/** The default ledger path under a data directory. */
export function ledgerPath(dataDir: string): string {
  return join(dataDir, 'ledger', 'incidents.json');
}

export type ReadLedgerResult = { ok: true; ledger: Ledger } | { ok: false; error: string };

/** Reads and validates the ledger; missing → empty ledger; unreadable or invalid → one-line error. */
export function readLedger(path: string): ReadLedgerResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, ledger: emptyLedger() };
    return { ok: false, error: `${path}: cannot read the incident ledger (${code ?? 'error'}) — check its permissions; it was not changed.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0] ?? 'invalid JSON';
    return { ok: false, error: `${path}: the incident ledger is not valid JSON (${detail}) — restore it from a backup or version control; it was left untouched.` };
  }
  const result = LedgerSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? formatPath(issue.path) : '(top level)';
    return { ok: false, error: `${path}: ${where}: ${issue?.message ?? 'invalid'} — the incident ledger does not match its schema; restore it from a backup or version control; it was left untouched.` };
  }
  return { ok: true, ledger: result.data };
}

/** Stable, diff-friendly JSON: entries sorted by start, keys in schema order, 2-space indent, final newline. */
export function serializeLedger(ledger: Ledger): string {
  const incidents = [...ledger.incidents]
    .sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at) || a.service_id.localeCompare(b.service_id) || a.id.localeCompare(b.id))
    .map((e) => ({
      id: e.id,
      service_id: e.service_id,
      started_at: e.started_at,
      ended_at: e.ended_at,
      peak_level: e.peak_level,
      reasons: e.reasons.map((r) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))),
      first_recorded_at: e.first_recorded_at,
      updated_at: e.updated_at,
    }));
  return `${JSON.stringify({ version: 1, incidents }, null, 2)}\n`;
}

/** Writes the ledger atomically (temp file, fsync, rename). */
export function writeLedgerAtomic(path: string, ledger: Ledger): void {
  writeFileAtomic(path, serializeLedger(ledger));
}

/**
 * Reading and writing the incident ledger file (<data>/ledger/incidents.json), and its last good copy
 * beside it (incidents.json.last-good, rewritten after every good write). A missing file is reported
 * as missing (the run decides: a replay starts from an empty history, a live run refuses unless
 * --new-ledger); a corrupt one — not JSON, wrong schema, a broken invariant — is an error naming the
 * file, and is never overwritten. Every write is checked against the invariants first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatPath } from '../../src/lib/config/friendly-errors';
import { ledgerProblems, writeProblems } from '../../src/lib/ledger/invariants';
import { emptyLedger, LedgerSchema, type Ledger } from '../../src/lib/ledger/schema';
import { writeFileAtomic } from './atomic-write';

/** The default ledger path under a data directory. */
export function ledgerPath(dataDir: string): string {
  return join(dataDir, 'ledger', 'incidents.json');
}

/** The last good copy kept beside a ledger. */
export function lastGoodPath(path: string): string {
  return `${path}.last-good`;
}

export type ReadLedgerResult = { ok: true; ledger: Ledger; exists: boolean } | { ok: false; error: string };

/** How to repair a broken ledger, in one clause. */
function repair(path: string): string {
  const copy = lastGoodPath(path);
  const how = existsSync(copy) ? `repair it or restore the last good copy (cp ${copy} ${path})` : 'repair it or restore it from a backup or version control';
  return `${how}; nothing was written and the published site stays as it was`;
}

/** Reads and validates the ledger (schema and invariants; a UTF-8 BOM is accepted); missing → empty and `exists: false`. */
export function readLedger(path: string): ReadLedgerResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, ledger: emptyLedger(), exists: false };
    return { ok: false, error: `${path}: cannot read the incident ledger (${code ?? 'error'}) — check its permissions; nothing was written and the published site stays as it was` };
  }
  return parseLedgerText(path, text);
}

/** Parses a ledger file's text (see readLedger). */
export function parseLedgerText(path: string, text: string): ReadLedgerResult {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0] ?? 'invalid JSON';
    return { ok: false, error: `${path}: the incident ledger is not valid JSON (${detail}) — ${repair(path)}` };
  }
  const result = LedgerSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? formatPath(issue.path) : '(top level)';
    return { ok: false, error: `${path}: ${where}: ${issue?.message ?? 'invalid'} — the incident ledger does not match its schema; ${repair(path)}` };
  }
  const problems = ledgerProblems(result.data);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return { ok: false, error: `${path}: ${problems[0]}${more} — the incident ledger is broken; ${repair(path)}` };
  }
  return { ok: true, ledger: result.data, exists: true };
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

/**
 * Replaces the ledger `before` (what was read) by `after`, atomically, then refreshes the last good
 * copy. Refused, the file untouched, when `after` breaks an invariant. Returns null when written, or
 * the one-line reason it was not.
 */
export function writeLedger(path: string, before: Ledger, after: Ledger): string | null {
  const problems = writeProblems(before, after);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return `${path}: ledger write refused: ${problems[0]}${more}; the previous ledger stays and nothing new was published — this is a bug, please report it`;
  }
  const text = serializeLedger(after);
  try {
    writeFileAtomic(path, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message.split('\n')[0];
    return `${path}: cannot write the incident ledger (${code}) — make ${dirname(path)} and the file writable; the previous ledger and the published site stay as they were`;
  }
  return keepLastGood(path, text);
}

/** Writes the last good copy when it is missing or differs from `text` (a valid ledger); a one-line message when it could not. */
export function keepLastGood(path: string, text: string): string | null {
  const copy = lastGoodPath(path);
  try {
    if (existsSync(copy) && readFileSync(copy, 'utf8') === text) return null;
    writeFileAtomic(copy, text);
    return null;
  } catch (err) {
    return `${copy}: could not keep the last good copy of the ledger (${(err as NodeJS.ErrnoException).code ?? 'error'}) — the ledger itself was written`;
  }
}

/**
 * The ledger's invariants, checked on load and before every write (pure). A ledger that breaks one is
 * named as broken instead of being used; a write that would break one is refused and the previous
 * ledger stays. Each problem is one line naming the incident.
 */
import { parseIso } from '../time/zone';
import type { Ledger, LedgerEntry } from './schema';

/** "<date>-<service>-<n>" split into its "<date>-<service>" prefix and its number. */
export function idParts(id: string): { prefix: string; n: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2}-[a-z][a-z0-9-]*)-(\d+)$/.exec(id);
  return m === null ? null : { prefix: m[1]!, n: Number(m[2]) };
}

const endOf = (e: LedgerEntry): number => (e.ended_at === null ? Number.POSITIVE_INFINITY : parseIso(e.ended_at));

/** Problems of one ledger on its own: unique ids that name their service, ended_at ≥ started_at, one incident per episode. */
export function ledgerProblems(ledger: Ledger): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of ledger.incidents) {
    if (seen.has(e.id)) problems.push(`incident ${e.id}: the id appears twice — every incident needs its own id`);
    seen.add(e.id);
    const parts = idParts(e.id);
    if (parts === null || parts.prefix.slice(11) !== e.service_id) problems.push(`incident ${e.id}: the id does not name its service "${e.service_id}"`);
    if (e.ended_at !== null && parseIso(e.ended_at) < parseIso(e.started_at)) problems.push(`incident ${e.id}: ended_at ${e.ended_at} is before started_at ${e.started_at}`);
  }
  // One episode is one incident: two incidents of a service never overlap in time.
  const byService = new Map<string, LedgerEntry[]>();
  for (const e of ledger.incidents) byService.set(e.service_id, [...(byService.get(e.service_id) ?? []), e]);
  for (const entries of byService.values()) {
    const sorted = [...entries].sort((a, b) => parseIso(a.started_at) - parseIso(b.started_at));
    let latest: LedgerEntry | null = null;
    for (const e of sorted) {
      if (latest !== null && parseIso(e.started_at) < endOf(latest)) problems.push(`incident ${e.id}: overlaps incident ${latest.id} of the same service — one episode must be one incident`);
      if (latest === null || endOf(e) > endOf(latest)) latest = e;
    }
  }
  return problems;
}

/** Problems of replacing `before` by `after`: those of `after`, plus an entry removed, a resolved entry's times changed, a new id not above the highest number of its date and service. */
export function writeProblems(before: Ledger, after: Ledger): string[] {
  const problems = ledgerProblems(after);
  const next = new Map(after.incidents.map((e) => [e.id, e]));
  const highest = new Map<string, number>();
  for (const e of before.incidents) {
    const parts = idParts(e.id);
    if (parts !== null) highest.set(parts.prefix, Math.max(parts.n, highest.get(parts.prefix) ?? 0));
    const now = next.get(e.id);
    if (now === undefined) {
      problems.push(`incident ${e.id}: would be removed — no recorded incident may be lost`);
      continue;
    }
    if (e.ended_at !== null && (now.started_at !== e.started_at || now.ended_at !== e.ended_at)) {
      problems.push(`incident ${e.id}: resolved ${e.started_at} – ${e.ended_at}, would become ${now.started_at} – ${now.ended_at ?? 'ongoing'} — a resolved incident's times never change`);
    }
  }
  const known = new Set(before.incidents.map((e) => e.id));
  for (const e of after.incidents) {
    if (known.has(e.id)) continue;
    const parts = idParts(e.id);
    const top = parts === null ? undefined : highest.get(parts.prefix);
    if (parts !== null && top !== undefined && parts.n <= top) problems.push(`incident ${e.id}: new, but number ${top} of ${parts.prefix} is already taken — ids are never reused, even after gaps`);
  }
  return problems;
}

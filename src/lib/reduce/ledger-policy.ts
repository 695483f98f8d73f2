/**
 * What a run may do with the ledger (pure): a replay or a check never writes it; a live run with no
 * ledger file refuses to start a new history unless asked to (`--new-ledger`), because a deleted
 * ledger silently regenerated from the RRDs would lose every incident older than them.
 */
import type { Instant } from '../cycle/now';

/** How the ledger of this run is handled. */
export type LedgerMode = 'write' | 'replay' | 'check';

/** The mode of a run. */
export function ledgerMode(now: Instant, check: boolean): LedgerMode {
  if (check) return 'check';
  return now.replay ? 'replay' : 'write';
}

/** The one-line refusal when the ledger file is missing, or the note for a run that does not write; null when all is well. */
export function missingLedger(path: string, exists: boolean, mode: LedgerMode, newLedger: boolean, lastGoodExists: boolean): { refuse: boolean; message: string } | null {
  if (exists) return null;
  if (mode !== 'write') return { refuse: false, message: `${path}: no incident ledger — this ${mode === 'check' ? 'check' : 'replay'} starts from an empty history (a live run would refuse without --new-ledger)` };
  if (newLedger) return { refuse: false, message: `${path}: no incident ledger — starting a new, empty incident history (--new-ledger)` };
  const restore = lastGoodExists ? `restore it (cp ${path}.last-good ${path})` : 'restore it from a backup or version control';
  return { refuse: true, message: `${path}: no incident ledger — if it was deleted, ${restore}; to start a new, empty incident history, run again with --new-ledger. Nothing was written or published.` };
}

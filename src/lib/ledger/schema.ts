/**
 * The persistent incident ledger (<data>/ledger/incidents.json): every detected incident ever seen,
 * kept after its data has aged out of the RRDs. Entries are never lost, duplicated or renumbered.
 */
import { z } from 'astro/zod';
import type { Level } from '../levels';
import { IsoTimeSchema, LevelSchema, LocalizedSchema, type Localized } from '../snapshot/schema';

/** One detected incident of one service. */
export const LedgerEntrySchema = z
  .object({
    /** "<local date of start>-<service>-<n>", n = 1, 2 … per service and day; assigned once. */
    id: z.string().regex(/^\d{4}-\d{2}-\d{2}-[a-z][a-z0-9-]*-\d+$/),
    service_id: z.string(),
    started_at: IsoTimeSchema,
    /** null while ongoing. */
    ended_at: IsoTimeSchema.nullable(),
    /** Worst level reached; only ever gets worse. */
    peak_level: LevelSchema,
    /** Reasons seen, per language, in order of first appearance. */
    reasons: z.array(LocalizedSchema),
    /** When the entry was first written. */
    first_recorded_at: IsoTimeSchema,
    /** Last change, or last time an ongoing entry was confirmed still ongoing. */
    updated_at: IsoTimeSchema,
  })
  .strict();
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** The ledger file's shape; its invariants (unique ids, times, one incident per episode) are checked by invariants.ts. */
export const LedgerSchema = z
  .object({
    version: z.literal(1),
    incidents: z.array(LedgerEntrySchema),
  })
  .strict();
export type Ledger = z.infer<typeof LedgerSchema>;

/** A non-green episode of one service as detected from the RRD history now (epoch seconds). */
export interface DetectedEpisode {
  service_id: string;
  start: number;
  /** null while ongoing. */
  end: number | null;
  peak_level: Level;
  reasons: Localized[];
}

/** The empty ledger (no file yet). */
export function emptyLedger(): Ledger {
  return { version: 1, incidents: [] };
}

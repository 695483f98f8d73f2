/**
 * The internal report of a reduce (<state>/report.json): what was read, what failed, what the ledger
 * did, and where the time went. Never published (it names paths).
 */
import { z } from 'astro/zod';
import { IsoTimeSchema, LevelSchema } from '../snapshot/schema';

/** An input that could not be read: its metric is unknown. */
export const InputErrorSchema = z.object({ service: z.string(), metric: z.string(), path: z.string(), message: z.string() }).strict();

export const ReportSchema = z
  .object({
    generated_at: IsoTimeSchema,
    /** True when `now` was not the wall clock: the ledger was computed in memory and not written. */
    replay: z.boolean(),
    files_read: z.number().int().min(0),
    input_errors: z.array(InputErrorSchema),
    content_errors: z.array(z.string()),
    content_warnings: z.array(z.string()),
    notes: z.array(z.object({ service: z.string(), metric: z.string(), note: z.string() }).strict()),
    ledger: z
      .object({
        added: z.array(z.string()),
        updated: z.array(z.string()),
        /** "written", "unchanged", "not written (replay)", "not written (check)" or the one-line reason it failed. */
        write: z.string(),
      })
      .strict(),
    services: z.array(z.object({ id: z.string(), level: LevelSchema, score: z.number().nullable(), data_until: IsoTimeSchema.nullable() }).strict()),
    /** Files not read again / read, this run (null without a reduce state). */
    cache: z.object({ hits: z.number().int().min(0), misses: z.number().int().min(0) }).strict().nullable(),
    timings_ms: z.record(z.string(), z.number()),
  })
  .strict();
export type Report = z.infer<typeof ReportSchema>;

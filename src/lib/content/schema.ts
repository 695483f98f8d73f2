/**
 * Frontmatter schemas of written communications (data/incidents/*.md) and maintenance
 * windows (data/maintenance/*.md). Strict: a misspelt field is an error, not silence.
 */
import { z } from 'astro/zod';
import { ImpactSchema, IncidentStatusSchema, IsoTimeSchema, LocalizedSchema } from '../snapshot/schema';

/** Ids of detected incidents in the ledger: "<local date>-<service>-<n>". */
export const DETECTED_ID = /^\d{4}-\d{2}-\d{2}-[a-z][a-z0-9-]*-\d+$/;

/** One status update of a written communication. */
export const UpdateFrontmatterSchema = z
  .object({
    /** investigating | identified | monitoring | resolved. */
    status: IncidentStatusSchema,
    /** When the update was published (ISO-8601 with offset). */
    at: IsoTimeSchema,
    /** The update text per language (Markdown). */
    text: LocalizedSchema,
  })
  .strict();

/** Frontmatter of a written communication (incident). */
export const CommunicationFrontmatterSchema = z
  .object({
    /** Title per language. */
    title: LocalizedSchema,
    /** How bad it is for pharmacies: none | minor | major | critical. */
    impact: ImpactSchema,
    /** Ids of the affected services (from data/status.yaml). */
    services: z.array(z.string()).min(1),
    /** When the disruption began. */
    started_at: IsoTimeSchema,
    /** When it ended; required once the last update is `resolved`. */
    resolved_at: IsoTimeSchema.nullish(),
    /** Status updates; the latest one gives the status. */
    updates: z.array(UpdateFrontmatterSchema).min(1),
    /** Id of the detected incident this communication explains, e.g. 2025-11-03-pcdh-1. */
    detected_incident: z.string().regex(DETECTED_ID, 'write a detected incident id such as 2025-11-03-pcdh-1').nullish(),
    /** What still works, per language. */
    still_works: LocalizedSchema.nullish(),
    /** What pharmacists can do meanwhile (e.g. a paper prescription), per language. */
    workaround: LocalizedSchema.nullish(),
    /** When the next update is promised. */
    next_update_at: IsoTimeSchema.nullish(),
  })
  .strict();
export type CommunicationFrontmatter = z.infer<typeof CommunicationFrontmatterSchema>;

/** Frontmatter of a scheduled maintenance window. */
export const MaintenanceFrontmatterSchema = z
  .object({
    /** Title per language. */
    title: LocalizedSchema,
    /** Ids of the services under maintenance. */
    services: z.array(z.string()).min(1),
    /** Start of the window (ISO-8601 with offset). */
    starts_at: IsoTimeSchema,
    /** End of the window; later than starts_at. */
    ends_at: IsoTimeSchema,
    /** When the window was announced (the API's created_at, the feeds' publication date); optional. */
    announced: IsoTimeSchema.optional(),
  })
  .strict();
export type MaintenanceFrontmatter = z.infer<typeof MaintenanceFrontmatterSchema>;

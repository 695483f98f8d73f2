/**
 * The labelled corpus format (rrd-samples/ground-truth.json), validated: only the fields the
 * evaluation needs; everything else in the file is allowed and ignored.
 */
import { z } from 'astro/zod';

export const TruthIncidentSchema = z.object({
  id: z.string(),
  service: z.string(),
  kind: z.string().optional(),
  start_epoch: z.number(),
  /** null while ongoing at the end of the window. */
  end_epoch: z.number().nullable(),
  /** Gradual incidents: the first row from which the effect is plainly visible (delays are also given from it). */
  onset_epoch: z.number().optional(),
  /** Which RRA still holds the event at the end of the window ("1 min", "5 min only", "1 h only"): informational. */
  archive_at_end: z.string().optional(),
  /** false for things that must NOT be reported as incidents (data gaps, brief dips, artifacts). */
  is_service_incident: z.boolean(),
});
export type TruthIncident = z.infer<typeof TruthIncidentSchema>;

export const TruthSchema = z.object({
  window: z.object({ start_epoch: z.number(), end_epoch: z.number() }),
  incidents: z.array(TruthIncidentSchema),
});
export type Truth = z.infer<typeof TruthSchema>;

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
  /** false for things that must NOT be reported as incidents (data gaps, brief dips, artifacts). */
  is_service_incident: z.boolean(),
});
export type TruthIncident = z.infer<typeof TruthIncidentSchema>;

export const TruthSchema = z.object({
  window: z.object({ start_epoch: z.number(), end_epoch: z.number() }),
  incidents: z.array(TruthIncidentSchema),
});
export type Truth = z.infer<typeof TruthSchema>;

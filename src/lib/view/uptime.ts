/** Counting the 90 uptime days for the bar summary (what the bars say, in words). Pure. */
import type { UptimeDay } from '../snapshot/schema';

export interface UptimeCounts {
  /** Days whose level was a disruption (degraded, partial or major outage). */
  bad: number;
  unknown: number;
  /** Days worth listing under the bars: not plainly operational. */
  notable: UptimeDay[];
}

/** Counts disrupted and unknown days and lists every day that was not plainly operational. */
export function uptimeCounts(days: UptimeDay[]): UptimeCounts {
  let bad = 0;
  let unknown = 0;
  const notable: UptimeDay[] = [];
  for (const d of days) {
    if (d.level === 'unknown') unknown++;
    else if (d.level === 'degraded' || d.level === 'partial_outage' || d.level === 'major_outage') bad++;
    if (d.level !== 'operational' || d.incident_ids.length > 0) notable.push(d);
  }
  return { bad, unknown, notable };
}

/**
 * Formatting instants for people: "2025-11-04 15:30" in the site zone.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { parseIso } from '../time/zone';

/** Local "yyyy-MM-dd HH:mm" of an ISO instant in `timeZone`; the ISO string itself when unparsable. */
export function localMinute(iso: string, timeZone: string): string {
  const epoch = parseIso(iso);
  if (Number.isNaN(epoch)) return iso;
  return format(new TZDate(epoch * 1000, timeZone), 'yyyy-MM-dd HH:mm');
}

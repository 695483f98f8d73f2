/**
 * Time-zone arithmetic for the site zone (Europe/Brussels by default), DST-correct.
 * Epoch values are seconds. Pure: no clock; every instant is passed in.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

/** Local calendar parts of an instant in a zone. weekday: 0 = Sunday … 6 = Saturday. */
export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  /** Minutes since local midnight (0..1439). */
  minuteOfDay: number;
  /** Offset from UTC in minutes (+60 for CET, +120 for CEST). */
  offsetMinutes: number;
}

/** The local calendar parts of `epochSeconds` in `timeZone`. */
export function localParts(epochSeconds: number, timeZone: string): LocalParts {
  const d = new TZDate(epochSeconds * 1000, timeZone);
  const hour = d.getHours();
  const minute = d.getMinutes();
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    weekday: d.getDay(),
    hour,
    minute,
    minuteOfDay: hour * 60 + minute,
    offsetMinutes: -d.getTimezoneOffset(),
  };
}

/** Local date "YYYY-MM-DD" of an instant. */
export function localDate(epochSeconds: number, timeZone: string): string {
  return format(new TZDate(epochSeconds * 1000, timeZone), 'yyyy-MM-dd');
}

/** Epoch seconds of local midnight starting the local day that contains `epochSeconds`. */
export function localDayStart(epochSeconds: number, timeZone: string): number {
  const d = new TZDate(epochSeconds * 1000, timeZone);
  const midnight = new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), 0, 0, 0, timeZone);
  return Math.floor(midnight.getTime() / 1000);
}

/** Epoch seconds of the local midnight `days` days after the one starting the day of `epochSeconds` (23/25-hour days respected). */
export function localDayStartPlus(epochSeconds: number, days: number, timeZone: string): number {
  const start = new TZDate(localDayStart(epochSeconds, timeZone) * 1000, timeZone);
  return Math.floor(addDays(start, days).getTime() / 1000);
}

/** Epoch seconds of a local wall-clock time ("YYYY-MM-DD", hour, minute) in the zone. */
export function zonedEpoch(date: string, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(new TZDate(y, m - 1, d, hour, minute, 0, timeZone).getTime() / 1000);
}

/** ISO-8601 with the zone's offset, e.g. "2025-11-04T15:30:00+01:00". */
export function toZonedIso(epochSeconds: number, timeZone: string): string {
  return format(new TZDate(Math.round(epochSeconds) * 1000, timeZone), "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/** Epoch seconds of an ISO-8601 string with offset (or Z); NaN when unparsable. */
export function parseIso(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NaN : Math.floor(ms / 1000);
}

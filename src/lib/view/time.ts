/**
 * Date and time formatting for the views: always in the site zone with its abbreviation
 * (CET/CEST for Brussels), per language with date-fns locales. Pure: every instant is passed in.
 */
import { TZDate } from '@date-fns/tz';
import { format, type Locale } from 'date-fns';
import { de } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';
import { fr } from 'date-fns/locale/fr';
import { nl } from 'date-fns/locale/nl';
import type { Language } from '../snapshot/schema';
import { localDate, localParts, parseIso } from '../time/zone';
import { memoize } from './memo';

const LOCALES: Record<Language, Locale> = { nl, fr, de, en: enGB };

/** Epoch seconds of an ISO string (NaN when unparsable); epoch numbers pass through. */
export function toEpoch(t: string | number): number {
  return typeof t === 'number' ? t : parseIso(t);
}

/** Zone abbreviation: CET/CEST for Central European zones, otherwise "UTC±h[:mm]". */
export function zoneAbbr(epoch: number, timeZone: string): string {
  const offset = localParts(epoch, timeZone).offsetMinutes;
  const central = /^Europe\/(Brussels|Amsterdam|Paris|Luxembourg|Berlin)$/.test(timeZone);
  if (central && offset === 60) return 'CET';
  if (central && offset === 120) return 'CEST';
  const sign = offset < 0 ? '−' : '+';
  const h = Math.floor(Math.abs(offset) / 60);
  const m = Math.abs(offset) % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

function zoned(t: string | number, timeZone: string): TZDate {
  return new TZDate(toEpoch(t) * 1000, timeZone);
}

/** "4 nov. 2025 15:30 CET" (per language). */
export const formatDateTime = memoize(
  (t: string | number, lang: Language, timeZone: string): string => {
    const d = zoned(t, timeZone);
    return `${format(d, 'd MMM yyyy HH:mm', { locale: LOCALES[lang] })} ${zoneAbbr(toEpoch(t), timeZone)}`;
  },
  (t, lang, timeZone) => `${t}|${lang}|${timeZone}`,
);

/** "15:30 CET". */
export function formatTime(t: string | number, timeZone: string): string {
  return `${format(zoned(t, timeZone), 'HH:mm')} ${zoneAbbr(toEpoch(t), timeZone)}`;
}

/**
 * A calendar date as a date in UTC: a local date has no zone, so it is formatted in UTC, never in
 * the build machine's zone (a plain Date would show the next day on a host at UTC+12…+14).
 */
function calendarDate(y: number, m: number, d: number): TZDate {
  return new TZDate(y, m - 1, d, 12, 0, 0, 'UTC');
}

/** "dinsdag 4 november 2025" for a local date "2025-11-04", whatever the machine's zone. */
export const formatLocalDate = memoize(
  (date: string, lang: Language): string => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return format(calendarDate(y, m, d), 'EEEE d MMMM yyyy', { locale: LOCALES[lang] });
  },
  (date, lang) => `${date}|${lang}`,
);

/** "november 2025" for a month key "2025-11", whatever the machine's zone. */
export function formatMonth(key: string, lang: Language): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return format(calendarDate(y, m, 15), 'LLLL yyyy', { locale: LOCALES[lang] });
}

/** Local month key "2025-11" of an instant in the zone. */
export function monthKey(t: string | number, timeZone: string): string {
  const p = localParts(toEpoch(t), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** One Intl.RelativeTimeFormat per language. */
const relativeFormat = memoize(
  (lang: Language) => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }),
  (lang) => lang,
);

/** One Intl.DateTimeFormat per language, zone and options. */
const dateTimeFormat = memoize(
  (lang: Language, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(lang, options),
  (lang, options) => `${lang}|${JSON.stringify(options)}`,
);

/**
 * "12 minuten geleden" / "dans 30 minutes": `t` relative to `base` (both epoch seconds or ISO).
 * Under a minute apart it says `justNow` when given (ICU's Dutch for "0 minutes" is "binnen een
 * minuut", which reads as the future), else ICU's own words.
 */
export function relativeTime(t: string | number, base: string | number, lang: Language, justNow?: string): string {
  const diff = toEpoch(t) - toEpoch(base);
  const abs = Math.abs(diff);
  const rtf = relativeFormat(lang);
  if (abs < 60) return justNow ?? rtf.format(0, 'minute');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  return rtf.format(Math.round(diff / 86400), 'day');
}

/** "2 u 15 min", "3 d 4 u", "5 min" with the language's unit words; "0 min" below a minute. */
export function formatDuration(seconds: number, units: { day: string; hour: string; minute: string }): string {
  const total = Math.max(0, Math.round(seconds / 60));
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d > 0) return h > 0 ? `${d} ${units.day} ${h} ${units.hour}` : `${d} ${units.day}`;
  if (h > 0) return m > 0 ? `${h} ${units.hour} ${m} ${units.minute}` : `${h} ${units.hour}`;
  return `${m} ${units.minute}`;
}

/**
 * Axis labels of a chart spanning `span` seconds, in the page language and the site zone (Intl, not
 * the browser's language): "15:30" over a day, "ma 3 nov." over a week, "3 nov." over months.
 */
export function formatAxisTime(epoch: number, span: number, lang: Language, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    span <= 2 * 86_400 ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : span <= 10 * 86_400 ? { weekday: 'short', day: 'numeric' } : { day: 'numeric', month: 'short' };
  return dateTimeFormat(lang, { ...options, timeZone }).format(epoch * 1000);
}

/** The time in a reason: "13:50" for a time on the same local day as `relativeTo`, else "3/11 13:50" (site zone). */
export function localTimeFormatter(timeZone: string): (epoch: number, relativeTo: number) => string {
  return (epoch, relativeTo) => {
    const p = localParts(epoch, timeZone);
    const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
    return localDate(epoch, timeZone) === localDate(relativeTo, timeZone) ? hm : `${p.day}/${p.month} ${hm}`;
  };
}

/**
 * Public holidays and day classes for the baseline. A holiday is "like a Sunday": pharmacies are
 * closed except for the on-duty ones, so low traffic that day is normal.
 */

/** Day classes of the baseline: 0 = Sunday or public holiday, 1..6 = Monday..Saturday. */
export type DayClass = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Easter Sunday (Gregorian, anonymous algorithm) as [month 1..12, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const pad = (n: number): string => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** The ten Belgian public holidays of a year as "YYYY-MM-DD". */
export function belgianHolidays(year: number): string[] {
  const [em, ed] = easterSunday(year);
  const easter = Date.UTC(year, em - 1, ed);
  const plus = (days: number): string => {
    const d = new Date(easter + days * 86_400_000);
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  };
  return [
    ymd(year, 1, 1), // Nieuwjaar / Nouvel An
    plus(1), // Paasmaandag / Lundi de Pâques
    ymd(year, 5, 1), // Dag van de Arbeid / Fête du Travail
    plus(39), // O.L.H. Hemelvaart / Ascension
    plus(50), // Pinkstermaandag / Lundi de Pentecôte
    ymd(year, 7, 21), // Nationale feestdag / Fête nationale
    ymd(year, 8, 15), // O.L.V. Hemelvaart / Assomption
    ymd(year, 11, 1), // Allerheiligen / Toussaint
    ymd(year, 11, 11), // Wapenstilstand / Armistice
    ymd(year, 12, 25), // Kerstmis / Noël
  ];
}

/** A holiday calendar: is this local date ("YYYY-MM-DD") a public holiday? */
export type HolidayCalendar = (date: string) => boolean;

/** The calendar of the rules: built-in country holidays (or none) plus extra configured dates. */
export function holidayCalendar(country: 'BE' | 'none', extra: readonly string[]): HolidayCalendar {
  const extraSet = new Set(extra);
  const byYear = new Map<number, Set<string>>();
  return (date) => {
    if (extraSet.has(date)) return true;
    if (country === 'none') return false;
    const year = Number(date.slice(0, 4));
    let set = byYear.get(year);
    if (set === undefined) {
      set = new Set(belgianHolidays(year));
      byYear.set(year, set);
    }
    return set.has(date);
  };
}

/** The day class of a local date with its weekday (0 = Sunday): holidays count as Sunday. */
export function dayClass(date: string, weekday: number, isHoliday: HolidayCalendar): DayClass {
  return (isHoliday(date) ? 0 : weekday) as DayClass;
}

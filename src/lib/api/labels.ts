/**
 * The words of the machine-readable outputs (API descriptions, badges, feeds, embed) per language.
 * Data, not logic: which level a service has comes from the snapshot; this only names it.
 */
import { LEVELS, type Level } from '../levels';
import { LANGUAGES, type Language, type Localized } from '../snapshot/schema';
import { dict } from '../../i18n';

type Words = Record<Language, string>;

/** Short name of a level, as on a badge — the site's own words (src/i18n), so page and badge agree. */
export const LEVEL_LABELS = Object.fromEntries(
  LEVELS.map((level) => [level, Object.fromEntries(LANGUAGES.map((lang) => [lang, dict(lang).level[level]])) as Words]),
) as Record<Level, Words>;

/**
 * Page-level sentence, Statuspage's `status.description`: the site's own banner sentence
 * (src/i18n `overall`), so the API says what the page says. The English texts are Statuspage's own,
 * so English clients that compare strings keep working; `unknown` has no Statuspage equivalent and
 * is the site's stale label in every language.
 */
const STATUSPAGE_EN: Record<Level, string> = {
  operational: 'All Systems Operational',
  under_maintenance: 'Service Under Maintenance',
  degraded: 'Minor Service Outage',
  unknown: dict('en').stale.title,
  partial_outage: 'Partial System Outage',
  major_outage: 'Major Service Outage',
};

export const PAGE_DESCRIPTIONS = Object.fromEntries(
  LEVELS.map((level) => [
    level,
    Object.fromEntries(LANGUAGES.map((lang) => [lang, lang === 'en' ? STATUSPAGE_EN[level] : level === 'unknown' ? dict(lang).stale.title : dict(lang).overall[level]])) as Words,
  ]),
) as Record<Level, Words>;

/** The reason shown when the snapshot is past `valid_until` (rebuilds stopped). */
export const STALE_REASON: Words = PAGE_DESCRIPTIONS.unknown;

/** "updated" as in a badge tooltip: "bijgewerkt 2025-11-04 15:30". */
export const UPDATED_WORD: Words = { nl: 'bijgewerkt', fr: 'mis à jour', de: 'aktualisiert', en: 'updated' };

/** Feed and calendar titles. */
export const FEED_TITLE: Words = Object.fromEntries(LANGUAGES.map((lang) => [lang, dict(lang).feedTitle])) as Words;
export const CALENDAR_TITLE: Words = {
  nl: 'Gepland onderhoud',
  fr: 'Maintenances planifiées',
  de: 'Geplante Wartungen',
  en: 'Scheduled maintenance',
};

/** All languages of a word table as a `Localized` (for x_fluxstatus, which carries every language). */
export function allLanguages(words: Words, languages: readonly Language[]): Localized {
  const out: Localized = {};
  for (const lang of languages) out[lang] = words[lang];
  return out;
}

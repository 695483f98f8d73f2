/**
 * UI texts of the month archive of the history. They belong in src/i18n (Dict) and move there when
 * that file is free to edit; kept here, typed per language, so a missing one is still a type error.
 */
import type { Language } from '../snapshot/schema';

/** Texts of the month archive. */
export interface HistoryTexts {
  /** Heading of the list of months on the history index. */
  archive: string;
  /** Intro of the history index: what it shows (the recent months). */
  recentIntro: string;
  /** "12 incidenten" after a month in the archive list. */
  count: (n: number) => string;
  /** Intro of a month page. */
  monthIntro: string;
}

const TEXTS: Record<Language, HistoryTexts> = {
  nl: {
    archive: 'Archief per maand',
    recentIntro: 'Incidenten van deze en vorige maand, de nieuwste eerst. Oudere incidenten staan in het archief per maand.',
    count: (n) => (n === 1 ? '1 incident' : `${n} incidenten`),
    monthIntro: 'Alle incidenten van deze maand, de nieuwste eerst.',
  },
  fr: {
    archive: 'Archives par mois',
    recentIntro: 'Incidents de ce mois et du mois précédent, les plus récents d’abord. Les plus anciens sont dans les archives par mois.',
    count: (n) => (n === 1 ? '1 incident' : `${n} incidents`),
    monthIntro: 'Tous les incidents de ce mois, les plus récents d’abord.',
  },
  de: {
    archive: 'Archiv nach Monat',
    recentIntro: 'Vorfälle dieses und des vorigen Monats, die neuesten zuerst. Ältere Vorfälle stehen im Archiv nach Monat.',
    count: (n) => (n === 1 ? '1 Vorfall' : `${n} Vorfälle`),
    monthIntro: 'Alle Vorfälle dieses Monats, die neuesten zuerst.',
  },
  en: {
    archive: 'Archive by month',
    recentIntro: 'Incidents of this month and the previous one, newest first. Older incidents are in the archive by month.',
    count: (n) => (n === 1 ? '1 incident' : `${n} incidents`),
    monthIntro: 'All incidents of this month, newest first.',
  },
};

/** The month-archive texts of a language. */
export function historyTexts(lang: Language): HistoryTexts {
  return TEXTS[lang];
}

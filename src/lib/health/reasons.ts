/**
 * Reasons in plain words, with numbers, in every site language. Numbers are formatted per locale
 * (2,100 / 2.100 / 2 100); percentages keep one decimal below 10 %.
 */
import type { Language, Localized } from '../snapshot/schema';
import { LANGUAGES } from '../snapshot/schema';
import type { Finding } from './signals';
import { metricLabel } from './wording';

const LOCALE: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

/** A number for people: integers above 10, one significant decimal below. */
export function formatNumber(value: number, lang: Language): string {
  const digits = Math.abs(value) >= 10 || Number.isInteger(value) ? 0 : 1;
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** A ratio (0..1) as a percentage: "18 %", "0.4 %" (decimal comma in nl/fr/de). */
export function formatPercent(ratio: number, lang: Language): string {
  const pct = ratio * 100;
  const digits = pct >= 10 || pct === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(pct)} %`;
}

/** Rounds an expectation to two significant digits: "~2,100", never a false precision. */
export function roughly(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const mag = 10 ** Math.max(0, Math.floor(Math.log10(Math.abs(value))) - 1);
  return Math.round(value / mag) * mag;
}

/** A metric label inside a sentence: lower-case first letter, except in German where nouns keep their capital. */
function inSentence(label: string, lang: Language): string {
  return lang === 'de' ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** One finding as text in one language. `labels` are the public metric labels from the config. */
export function findingText(f: Finding, lang: Language, labels: Localized | undefined): string {
  const n = (v: number): string => formatNumber(v, lang);
  const approx = (v: number): string => `~${formatNumber(roughly(v), lang)}`;
  switch (f.kind) {
    case 'traffic_low': {
      const v = n(Math.round(f.value));
      const e = approx(f.expected);
      return {
        nl: `oproepen ${v}/min, ${e}/min verwacht op dit uur`,
        fr: `appels ${v}/min, ${e}/min attendus à cette heure`,
        de: `Aufrufe ${v}/min, ${e}/min zu dieser Stunde erwartet`,
        en: `calls ${v}/min, ${e}/min expected at this hour`,
      }[lang];
    }
    case 'input_silent': {
      const v = n(Math.round(f.value));
      const e = approx(f.expected);
      return {
        nl: `een van de ${f.files} bronnen ontvangt geen oproepen meer; oproepen ${v}/min, ${e}/min verwacht`,
        fr: `une des ${f.files} sources ne reçoit plus d’appels ; appels ${v}/min, ${e}/min attendus`,
        de: `eine von ${f.files} Quellen erhält keine Aufrufe mehr; Aufrufe ${v}/min, ${e}/min erwartet`,
        en: `one of ${f.files} inputs receives no calls; calls ${v}/min, ${e}/min expected`,
      }[lang];
    }
    case 'errors_high': {
      const r = formatPercent(f.ratio, lang);
      const normal = Number.isFinite(f.normal) ? formatPercent(f.normal, lang) : undefined;
      const tail = normal === undefined ? '' : { nl: ` (normaal ${normal})`, fr: ` (normalement ${normal})`, de: ` (normal ${normal})`, en: ` (normally ${normal})` }[lang];
      return { nl: `${r} van de oproepen mislukt`, fr: `${r} des appels échouent`, de: `${r} der Aufrufe schlagen fehl`, en: `${r} of calls fail` }[lang] + tail;
    }
    case 'latency_high': {
      const what = inSentence(metricLabel(labels, 'latency', lang), lang);
      const v = `${n(Math.round(f.value))} ms`;
      if (f.limit !== null) {
        const lim = `${n(f.limit)} ms`;
        return { nl: `${what} ${v}, boven de grens van ${lim}`, fr: `${what} ${v}, au-delà de la limite de ${lim}`, de: `${what} ${v}, über der Grenze von ${lim}`, en: `${what} ${v}, above the ${lim} limit` }[lang];
      }
      const e = `${approx(f.expected)} ms`;
      return { nl: `${what} ${v}, normaal ${e}`, fr: `${what} ${v}, normalement ${e}`, de: `${what} ${v}, normal ${e}`, en: `${what} ${v}, normally ${e}` }[lang];
    }
    case 'backlog_high': {
      const v = n(Math.round(f.value));
      const e = approx(f.expected);
      return {
        nl: `${v} berichten wachten op verwerking (normaal ${e})`,
        fr: `${v} messages en attente de traitement (normalement ${e})`,
        de: `${v} Nachrichten warten auf Verarbeitung (normal ${e})`,
        en: `${v} messages waiting to be processed (normally ${e})`,
      }[lang];
    }
    case 'backlog_growing': {
      const v = n(Math.round(f.value));
      return {
        nl: `wachtrij groeit al ${f.minutes} min (nu ${v} berichten)`,
        fr: `la file d'attente grandit depuis ${f.minutes} min (${v} messages)`,
        de: `Warteschlange wächst seit ${f.minutes} min (jetzt ${v} Nachrichten)`,
        en: `backlog growing for ${f.minutes} min (now ${v} messages)`,
      }[lang];
    }
  }
}

/** Capitalises the first letter of a sentence. */
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** All findings of a minute joined into one reason per language, worst first. */
export function findingsReason(findings: readonly Finding[], labelsOf: (metric: string) => Localized | undefined): Localized {
  const rank = (f: Finding): number => ['degraded', 'partial_outage', 'major_outage'].indexOf(f.level);
  const sorted = [...findings].sort((a, b) => rank(b) - rank(a));
  const out: Localized = {};
  for (const lang of LANGUAGES) out[lang] = sentence(sorted.map((f) => findingText(f, lang, labelsOf(f.metric))).join('; '));
  return out;
}

/** "No data since 13:50" (local time; with the date when not today). */
export function staleReason(sinceLocal: string | null): Localized {
  if (sinceLocal === null) {
    return { nl: 'Geen meetgegevens beschikbaar', fr: 'Aucune donnée de mesure disponible', de: 'Keine Messdaten verfügbar', en: 'No measurement data available' };
  }
  return { nl: `Geen meetgegevens sinds ${sinceLocal}`, fr: `Aucune donnée de mesure depuis ${sinceLocal}`, de: `Keine Messdaten seit ${sinceLocal}`, en: `No measurement data since ${sinceLocal}` };
}

/** The reason when no calls come in and no usable history exists to say whether that is normal (green needs evidence). */
export const NO_EVIDENCE_REASON: Localized = {
  nl: 'Geen oproepen en nog geen historiek om mee te vergelijken',
  fr: 'Aucun appel et pas encore d’historique pour comparer',
  de: 'Keine Aufrufe und noch kein Verlauf zum Vergleich',
  en: 'No calls and no history yet to compare with',
};

/** The reason shown during scheduled maintenance. */
export const MAINTENANCE_REASON: Localized = {
  nl: 'Gepland onderhoud',
  fr: 'Maintenance planifiée',
  de: 'Geplante Wartung',
  en: 'Scheduled maintenance',
};

/** The reason shown when some inputs of a service could not be read. */
export const INPUT_FAILED_REASON: Localized = {
  nl: 'Meetgegevens konden niet gelezen worden',
  fr: 'Les données de mesure n’ont pas pu être lues',
  de: 'Messdaten konnten nicht gelesen werden',
  en: 'Measurement data could not be read',
};

/** The reason of a level that is waiting to be left (the data is better, dwell still running). */
export const RECOVERING_REASON: Localized = {
  nl: 'Herstel wordt bevestigd',
  fr: 'Rétablissement en cours de confirmation',
  de: 'Erholung wird bestätigt',
  en: 'Recovery being confirmed',
};

/**
 * The built-in public name of each metric role in every site language, and the label of a metric
 * in a language its config does not cover: the role's name plus the language-neutral qualifier the
 * configured labels share ("Antwoordtijd (p95)" / "Temps de réponse (p95)" → "Response time (p95)").
 */
import type { Language, Localized, MetricRole } from '../snapshot/schema';
import { LANGUAGES } from '../snapshot/schema';

/** Public name per role and language (sentence case). */
export const ROLE_WORDS: Readonly<Record<MetricRole, Readonly<Record<Language, string>>>> = {
  traffic: { nl: 'Oproepen', fr: 'Appels', de: 'Aufrufe', en: 'Calls' },
  errors: { nl: 'Fouten', fr: 'Erreurs', de: 'Fehler', en: 'Errors' },
  latency: { nl: 'Antwoordtijd', fr: 'Temps de réponse', de: 'Antwortzeit', en: 'Response time' },
  backlog: { nl: 'Wachtrij', fr: 'File d’attente', de: 'Warteschlange', en: 'Backlog' },
  freshness: { nl: 'Versheid', fr: 'Fraîcheur', de: 'Aktualität', en: 'Freshness' },
};

/** The trailing "(…)" every configured label ends with, when they all share it ("(p95)"); else ''. */
export function sharedQualifier(labels: Localized | undefined): string {
  const given = labels === undefined ? [] : Object.values(labels).filter((l): l is string => typeof l === 'string');
  const tails = given.map((l) => /\s*(\([^()]+\))\s*$/.exec(l)?.[1]);
  const first = tails[0];
  return first !== undefined && tails.every((t) => t === first) ? first : '';
}

/** A metric's public label in one language: its configured label, else the role's name with the shared qualifier. */
export function metricLabel(labels: Localized | undefined, role: MetricRole, lang: Language): string {
  const own = labels?.[lang];
  if (own !== undefined) return own;
  const q = sharedQualifier(labels);
  return q === '' ? ROLE_WORDS[role][lang] : `${ROLE_WORDS[role][lang]} ${q}`;
}

/** A metric's public label in every language (configured ones kept, the others from the role). */
export function metricLabels(labels: Localized | undefined, role: MetricRole): Localized {
  const out: Localized = {};
  for (const lang of LANGUAGES) out[lang] = metricLabel(labels, role, lang);
  return out;
}

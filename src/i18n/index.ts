/**
 * UI dictionaries per language; `dict(lang)` is total because every language implements `Dict`.
 * Every string is typeset for its language once here (French no-break spaces, "0,4 %" kept
 * together: src/lib/view/typography.ts), so the dictionaries stay plainly readable.
 */
import type { Language } from '../lib/snapshot/schema';
import { typesetAll } from '../lib/view/typography';
import type { Dict } from './types';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import { nl } from './nl';

export type { Dict } from './types';

const DICTS: Record<Language, Dict> = {
  nl: typesetAll(nl, 'nl') as Dict,
  fr: typesetAll(fr, 'fr') as Dict,
  de: typesetAll(de, 'de') as Dict,
  en: typesetAll(en, 'en') as Dict,
};

/** The UI texts of a language. */
export function dict(lang: Language): Dict {
  return DICTS[lang];
}

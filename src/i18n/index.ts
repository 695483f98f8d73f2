/** UI dictionaries per language; `dict(lang)` is total because every language implements `Dict`. */
import type { Language } from '../lib/snapshot/schema';
import type { Dict } from './types';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import { nl } from './nl';

export type { Dict } from './types';

const DICTS: Record<Language, Dict> = { nl, fr, de, en };

/** The UI texts of a language. */
export function dict(lang: Language): Dict {
  return DICTS[lang];
}

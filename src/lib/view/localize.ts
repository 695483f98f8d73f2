/**
 * Picking an operator text (a snapshot `Localized`) in the page language, with a visible fallback
 * to the site's default language (the view marks it with `lang` and a small note).
 */
import type { Language, Localized } from '../snapshot/schema';

export interface LocalizedText {
  text: string;
  /** Language the text is actually in. */
  lang: Language;
  /** True when the page language was missing and the default (or any present) language was used. */
  fallback: boolean;
}

/** The text in `lang`, else in `fallback`, else in any language present; null when the record is empty. */
export function localize(text: Localized | null | undefined, lang: Language, fallback: Language): LocalizedText | null {
  if (!text) return null;
  const own = text[lang];
  if (own !== undefined && own !== '') return { text: own, lang, fallback: false };
  const def = text[fallback];
  if (def !== undefined && def !== '') return { text: def, lang: fallback, fallback: true };
  for (const [l, t] of Object.entries(text) as Array<[Language, string]>) {
    if (t !== '') return { text: t, lang: l, fallback: true };
  }
  return null;
}

/** Plain string in `lang` with fallback, or '' (for attributes such as <title> and aria-label). */
export function localizeString(text: Localized | null | undefined, lang: Language, fallback: Language): string {
  return localize(text, lang, fallback)?.text ?? '';
}

/**
 * Picking one language out of a `Localized` text. The snapshot guarantees the default language;
 * other languages may be missing and then fall back to it (visibly the default text, never empty).
 */
import type { Language, Localized } from '../snapshot/schema';

/** The text in `lang`, else in `fallback`, else the first text present, else ''. */
export function pick(text: Localized, lang: Language, fallback: Language): string {
  return text[lang] ?? text[fallback] ?? Object.values(text).find((t) => t !== undefined) ?? '';
}

/** Like `pick`, but keeps null as null (optional texts such as a reason). */
export function pickOrNull(text: Localized | null, lang: Language, fallback: Language): string | null {
  return text === null ? null : pick(text, lang, fallback);
}

/**
 * Typography per language, applied to every UI and operator text the site shows. French: a narrow
 * no-break space (U+202F) before ; ? ! and %, a no-break space (U+00A0) before : and inside « »,
 * inserted when missing ("RaOTD: 25%" → "RaOTD : 25 %"). Every language: a number and its % never
 * break apart ("0,4 %"). Clock times (15:42), URLs (https://) and ratios (1:2) are left alone.
 * Idempotent: a text already typeset is returned unchanged.
 */
import type { Language } from '../snapshot/schema';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** The text with the spacing rules of `lang`. */
export function typeset(text: string, lang: Language): string {
  if (lang !== 'fr') return text.replace(/(\d) %/g, `$1${NBSP}%`);
  return text
    .replace(/(\d)[ \u00A0]?%/g, `$1${NNBSP}%`)
    .replace(/[ \u00A0\u202F]*([;!?])(?=\s|$|[)»"”’])/g, (_m, p: string, offset: number) => (offset === 0 ? p : `${NNBSP}${p}`))
    .replace(/(\S)[ \u00A0\u202F]?:(?=\s|$)/g, `$1${NBSP}:`)
    .replace(/«[ \u00A0\u202F]?/g, `«${NBSP}`)
    .replace(/[ \u00A0\u202F]?»/g, `${NBSP}»`);
}

type Deep<T> = T extends string ? string : T extends (...args: infer A) => infer R ? (...args: A) => Deep<R> : T extends object ? { [K in keyof T]: Deep<T[K]> } : T;

/** Every string of a dictionary (also those returned by its functions) typeset for `lang`. */
export function typesetAll<T>(value: T, lang: Language): Deep<T> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return typeset(v, lang);
    if (typeof v === 'function') return (...args: unknown[]) => walk((v as (...a: unknown[]) => unknown)(...args));
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as Deep<T>;
}

/** Number formatting for the views (per language, via Intl). Pure. */
import type { Language } from '../snapshot/schema';
import { memoize } from './memo';

/** One Intl.NumberFormat per language and options (building one costs far more than formatting). */
const numberFormat = memoize(
  (lang: Language, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(lang, options),
  (lang, options) => `${lang}|${JSON.stringify(options)}`,
);

/** "99,87 %" / "99.87%": a 0..1 fraction as a percentage; "–" when null. */
export function formatPercent(fraction: number | null, lang: Language, digits = 2): string {
  if (fraction === null || !Number.isFinite(fraction)) return '–';
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(fraction);
}

/** No-break space: "18,5 %" and "1 234 berichten" never break between number and unit. */
const NBSP = '\u00A0';

/**
 * "1 234 calls/min", "18,5 %": a metric value with its unit, joined by a no-break space; "–" when
 * null. `whole` rounds to whole units (a queue holds whole messages: never "22,8 berichten").
 */
export function formatValue(value: number | null, unit: string, lang: Language, whole = false): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const digits = whole || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const n = numberFormat(lang, { maximumFractionDigits: digits }).format(value);
  return `${n}${NBSP}${unit}`;
}

/** Number formatting for the views (per language, via Intl). Pure. */
import type { Language } from '../snapshot/schema';

/** "99,87 %" / "99.87%": a 0..1 fraction as a percentage; "–" when null. */
export function formatPercent(fraction: number | null, lang: Language, digits = 2): string {
  if (fraction === null || !Number.isFinite(fraction)) return '–';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(fraction);
}

/** "1 234 calls/min", "18,5 %": a metric value with its unit; "–" when null. */
export function formatValue(value: number | null, unit: string, lang: Language): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

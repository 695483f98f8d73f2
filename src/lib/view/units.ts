/**
 * Display units of chart lines. The snapshot carries raw unit strings ("calls/min", "%", …, see
 * src/lib/charts/charts.ts); the known ones are translated by the UI dictionaries, any other unit
 * (a future role, a config value) is shown as it comes rather than hidden.
 */

/** Units the reduce step writes today; every dictionary must name each of them. */
export const KNOWN_UNITS = ['calls/min', 'errors/min', '%', 'ms', 's', 'messages'] as const;
export type KnownUnit = (typeof KNOWN_UNITS)[number];

const known = new Set<string>(KNOWN_UNITS);

/** The unit in the page language ("oproepen/min"); an unknown unit is returned unchanged. */
export function localizeUnit(unit: string, names: Readonly<Record<KnownUnit, string>>): string {
  return known.has(unit) ? names[unit as KnownUnit] : unit;
}

/**
 * The overview's first-screen answer: which services are affected (worst first) and which work
 * normally. Pure: the snapshot's levels in, names out; the banner words them.
 */
import { compareLevels, type Level } from '../levels';
import type { Language, ServiceSnapshot } from '../snapshot/schema';
import { parseIso } from '../time/zone';
import { localizeString } from './localize';

export interface OverviewSplit {
  /** Services not operational, worst level first (config order within a level). */
  affected: Array<{ id: string; name: string; level: Level }>;
  /** Names of the operational services, in config order. */
  normal: string[];
}

/** Splits the services into affected (worst first) and working normally. */
export function splitServices(services: readonly ServiceSnapshot[], lang: Language, fallback: Language): OverviewSplit {
  const named = services.map((s, i) => ({ id: s.id, name: localizeString(s.name, lang, fallback) || s.id, level: s.level, i }));
  const affected = named
    .filter((s) => s.level !== 'operational')
    .sort((a, b) => compareLevels(b.level, a.level) || a.i - b.i)
    .map(({ id, name, level }) => ({ id, name, level }));
  return { affected, normal: named.filter((s) => s.level === 'operational').map((s) => s.name) };
}

/** Ongoing incidents worst first (peak level), then the newest: the card a pharmacist needs comes first. */
export function worstFirst<T extends { peak_level: Level; started_at: string }>(incidents: readonly T[]): T[] {
  return [...incidents].sort((a, b) => compareLevels(b.peak_level, a.peak_level) || parseIso(b.started_at) - parseIso(a.started_at));
}

/** "RaOTD, AssurPharma en PCDH" / "RaOTD, AssurPharma et PCDH": a list in the page language. */
export function formatList(names: readonly string[], lang: Language): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);
}

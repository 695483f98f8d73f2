/**
 * The incident list of the snapshot: detected ledger entries (with generated titles) and written
 * communications; a written one that links a detected one replaces it. Newest first.
 */
import type { Level } from '../levels';
import type { LedgerEntry } from '../ledger/schema';
import { communicationToIncident, type Communication } from '../content/communication';
import type { Incident, Localized } from './schema';
import { parseIso } from '../time/zone';

type Impact = Incident['impact'];

/** The impact of a detected incident, from the worst level it reached. */
export function impactOf(level: Level): Impact {
  switch (level) {
    case 'major_outage':
      return 'critical';
    case 'partial_outage':
      return 'major';
    case 'degraded':
      return 'minor';
    default:
      return 'none';
  }
}

/** A generated title per language, e.g. "Storing van GFD" / "Panne de GFD". */
export function detectedTitle(level: Level, name: Localized, fallbackName: string): Localized {
  const n = (lang: keyof Localized): string => name[lang] ?? fallbackName;
  if (level === 'major_outage') return { nl: `Storing van ${n('nl')}`, fr: `Panne de ${n('fr')}`, de: `Ausfall von ${n('de')}`, en: `Outage of ${n('en')}` };
  if (level === 'partial_outage') return { nl: `Gedeeltelijke storing van ${n('nl')}`, fr: `Panne partielle de ${n('fr')}`, de: `Teilausfall von ${n('de')}`, en: `Partial outage of ${n('en')}` };
  return { nl: `Verminderde werking van ${n('nl')}`, fr: `Fonctionnement dégradé de ${n('fr')}`, de: `Eingeschränkter Betrieb von ${n('de')}`, en: `Degraded performance of ${n('en')}` };
}

/** The snapshot form of a detected ledger entry. */
export function detectedIncident(entry: LedgerEntry, name: Localized, fallbackName: string): Incident {
  return {
    id: entry.id,
    source: 'detected',
    title: detectedTitle(entry.peak_level, name, fallbackName),
    impact: impactOf(entry.peak_level),
    status: entry.ended_at === null ? 'investigating' : 'resolved',
    peak_level: entry.peak_level,
    service_ids: [entry.service_id],
    started_at: entry.started_at,
    resolved_at: entry.ended_at,
    reasons: entry.reasons,
    body: {},
    updates: [],
    still_works: null,
    workaround: null,
    next_update_at: null,
    detected_incident_id: null,
  };
}

/** Merges detected and written incidents, newest first. */
export function incidentList(entries: readonly LedgerEntry[], written: readonly Communication[], nameOf: (serviceId: string) => Localized, fallbackNameOf: (serviceId: string) => string): Incident[] {
  const replaced = new Set(written.map((c) => c.detected_incident).filter((id): id is string => id !== null));
  const list = [
    ...entries.filter((e) => !replaced.has(e.id)).map((e) => detectedIncident(e, nameOf(e.service_id), fallbackNameOf(e.service_id))),
    ...written.map(communicationToIncident),
  ];
  return list.sort((a, b) => parseIso(b.started_at) - parseIso(a.started_at) || a.id.localeCompare(b.id));
}

/**
 * The incident list of the snapshot: detected ledger entries (with generated titles) and written
 * communications; a written one that links a detected one replaces it. Newest first.
 */
import { dict } from '../../i18n';
import type { Level } from '../levels';
import type { LedgerEntry } from '../ledger/schema';
import { communicationToIncident, type Communication } from '../content/communication';
import { LANGUAGES, type Incident, type Localized } from './schema';
import { localParts, parseIso } from '../time/zone';

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
  if (level === 'major_outage') return { nl: `Ernstige storing van ${n('nl')}`, fr: `Panne majeure de ${n('fr')}`, de: `Schwerer Ausfall von ${n('de')}`, en: `Major outage of ${n('en')}` };
  if (level === 'partial_outage') return { nl: `Gedeeltelijke storing van ${n('nl')}`, fr: `Panne partielle de ${n('fr')}`, de: `Teilausfall von ${n('de')}`, en: `Partial outage of ${n('en')}` };
  return { nl: `Verminderde werking van ${n('nl')}`, fr: `Fonctionnement dégradé de ${n('fr')}`, de: `Eingeschränkter Betrieb von ${n('de')}`, en: `Degraded performance of ${n('en')}` };
}

/** Site zone of the updates' clock times when the caller gives none. */
const DEFAULT_ZONE = 'Europe/Brussels';

/**
 * The resolution line of a detected incident in every language, with the local clock time it ended:
 * "Opgelost — werkt weer normaal sinds 15:42". Not the symptom: clients and chat bots show the
 * latest update as the incident's last word.
 */
export function resolvedBody(endedAt: string, timeZone: string = DEFAULT_ZONE): Localized {
  const p = localParts(parseIso(endedAt), timeZone);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, dict(lang).incident.resolvedSince(hhmm)]));
}

/** The reasons of a detected incident as one text per language ("a · b"), for its first update. */
function reasonsBody(reasons: readonly Localized[]): Localized {
  const out: Localized = {};
  for (const lang of LANGUAGES) {
    const texts = reasons.map((r) => r[lang]).filter((t): t is string => t !== undefined && t !== '');
    if (texts.length > 0) out[lang] = texts.join(' · ');
  }
  return out;
}

/** A detected incident's updates: what was seen when it began and, once over, that it works again. */
export function detectedUpdates(entry: Pick<LedgerEntry, 'started_at' | 'ended_at' | 'reasons'>, timeZone: string = DEFAULT_ZONE): Incident['updates'] {
  const out: Incident['updates'] = [{ status: 'investigating', at: entry.started_at, body: reasonsBody(entry.reasons) }];
  if (entry.ended_at !== null) out.push({ status: 'resolved', at: entry.ended_at, body: resolvedBody(entry.ended_at, timeZone) });
  return out;
}

/** The snapshot form of a detected ledger entry. */
export function detectedIncident(entry: LedgerEntry, name: Localized, fallbackName: string, timeZone: string = DEFAULT_ZONE): Incident {
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
    updates: detectedUpdates(entry, timeZone),
    still_works: null,
    workaround: null,
    next_update_at: null,
    detected_incident_id: null,
  };
}

/** Merges detected and written incidents, newest first. */
export function incidentList(
  entries: readonly LedgerEntry[],
  written: readonly Communication[],
  nameOf: (serviceId: string) => Localized,
  fallbackNameOf: (serviceId: string) => string,
  timeZone: string = DEFAULT_ZONE,
): Incident[] {
  const replaced = new Set(written.map((c) => c.detected_incident).filter((id): id is string => id !== null));
  const list = [
    ...entries.filter((e) => !replaced.has(e.id)).map((e) => detectedIncident(e, nameOf(e.service_id), fallbackNameOf(e.service_id), timeZone)),
    ...written.map(communicationToIncident),
  ];
  return list.sort((a, b) => parseIso(b.started_at) - parseIso(a.started_at) || a.id.localeCompare(b.id));
}

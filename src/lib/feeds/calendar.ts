/**
 * iCalendar of scheduled maintenance per language, for the whole site or one service. Subscribable:
 * the UID of a window never changes (same across languages and calendars), times are UTC.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { Language, Snapshot } from '../snapshot/schema';
import { pick } from '../api/localize';
import { CALENDAR_TITLE } from '../api/labels';
import { maintenanceUrl } from '../api/urls';
import { parseIso } from '../time/zone';
import { renderMarkdown } from '../content/markdown';

/** Stable UID of a maintenance window: "<id>@<site host>". */
export function maintenanceUid(snapshot: Snapshot, id: string): string {
  return `${id}@${new URL(snapshot.site.url).host}`;
}

/** The .ics text for `lang`; only windows touching `serviceId` when given (null when that service does not exist). */
export function maintenanceCalendar(snapshot: Snapshot, lang: Language, serviceId?: string): string | null {
  const fb = snapshot.site.default_language;
  const service = serviceId === undefined ? undefined : snapshot.services.find((s) => s.id === serviceId);
  if (serviceId !== undefined && service === undefined) return null;
  const title = pick(snapshot.site.title, lang, fb);
  const cal = ical({
    name: service === undefined ? `${title} — ${CALENDAR_TITLE[lang]}` : `${pick(service.name, lang, fb)} — ${CALENDAR_TITLE[lang]}`,
    prodId: { company: 'fluxstatus', product: 'maintenance', language: lang.toUpperCase() },
    ttl: 60 * 60,
  });
  const names = new Map(snapshot.services.map((s) => [s.id, pick(s.name, lang, fb)]));
  // DTSTAMP: when the window was announced (stable between builds); without it, the snapshot time.
  const generated = new Date(parseIso(snapshot.generated_at) * 1000);
  for (const m of snapshot.maintenance) {
    if (serviceId !== undefined && !m.service_ids.includes(serviceId)) continue;
    const services = [...new Set(m.service_ids)].map((id) => names.get(id) ?? id).join(', ');
    const body = pick(m.body, lang, fb);
    cal.createEvent({
      id: maintenanceUid(snapshot, m.id),
      start: new Date(parseIso(m.starts_at) * 1000),
      end: new Date(parseIso(m.ends_at) * 1000),
      stamp: m.announced_at ? new Date(parseIso(m.announced_at) * 1000) : generated,
      summary: pick(m.title, lang, fb),
      description: { plain: `${services}\n\n${body}`, html: renderMarkdown(body) },
      url: maintenanceUrl(snapshot.site.url, lang, m.id),
      status: ICalEventStatus.CONFIRMED,
      categories: [{ name: 'maintenance' }],
    });
  }
  return cal.toString();
}

/**
 * Finds operator texts of a snapshot that miss a site language (they fall back visibly to the
 * default language), so the build can warn once per missing text.
 */
import type { Language, Localized, Snapshot } from '../snapshot/schema';

export interface MissingText {
  /** Key path in the snapshot, e.g. "incidents[3].title". */
  path: string;
  lang: Language;
}

/** Every (path, language) where a non-empty Localized text lacks one of the site languages. */
export function missingTexts(snapshot: Snapshot): MissingText[] {
  const out: MissingText[] = [];
  const langs = snapshot.site.languages;
  const check = (path: string, text: Localized | null | undefined) => {
    if (!text || Object.keys(text).length === 0) return;
    for (const lang of langs) if (!text[lang]) out.push({ path, lang });
  };
  check('site.title', snapshot.site.title);
  check('site.description', snapshot.site.description);
  check('overall.reason', snapshot.overall.reason);
  snapshot.services.forEach((s, i) => {
    check(`services[${i}].name`, s.name);
    check(`services[${i}].description`, s.description);
    check(`services[${i}].reason`, s.reason);
    s.charts.day.lines.forEach((l, j) => check(`services[${i}].charts.day.lines[${j}].label`, l.label));
  });
  snapshot.incidents.forEach((inc, i) => {
    const p = `incidents[${i}]`;
    check(`${p}.title`, inc.title);
    check(`${p}.body`, inc.body);
    check(`${p}.still_works`, inc.still_works);
    check(`${p}.workaround`, inc.workaround);
    inc.reasons.forEach((r, j) => check(`${p}.reasons[${j}]`, r));
    inc.updates.forEach((u, j) => check(`${p}.updates[${j}].body`, u.body));
  });
  snapshot.maintenance.forEach((m, i) => {
    check(`maintenance[${i}].title`, m.title);
    check(`maintenance[${i}].body`, m.body);
  });
  return out;
}

/** Build-log lines: one per missing text, at most `limit`, then one summary line. */
export function missingTextWarnings(missing: MissingText[], fallback: Language, limit = 20): string[] {
  const lines = missing.slice(0, limit).map((m) => `fluxstatus: no ${m.lang} text at ${m.path} — showing ${fallback}`);
  if (missing.length > limit) lines.push(`fluxstatus: … and ${missing.length - limit} more texts without a translation`);
  return lines;
}

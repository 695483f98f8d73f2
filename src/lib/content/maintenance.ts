/**
 * Scheduled maintenance (data/maintenance/*.md): parse, validate, status at a given instant.
 */
import type { Localized, Maintenance } from '../snapshot/schema';
import { parseIso, toZonedIso } from '../time/zone';
import { checkBody, checkServices, checkTranslations, checkYear, findingLines, normaliseTime, parseContentFile, slugOf, type Finding } from './check';
import { MaintenanceFrontmatterSchema } from './schema';
import type { ContentContext, Result } from './types';

/** A validated maintenance window. `start`/`end` are epoch seconds, [start, end). */
export interface MaintenanceWindow {
  /** The file name without .md. */
  id: string;
  file: string;
  title: Localized;
  service_ids: string[];
  starts_at: string;
  ends_at: string;
  start: number;
  end: number;
  /** Markdown body per language. */
  body: Localized;
  /** The frontmatter's `announced` (normalised), or null when the file does not say. */
  announced_at: string | null;
  /** The file's modification time (epoch s), passed in by the loader: the stand-in when `announced` is absent. */
  file_time: number | null;
}

/** Parses one data/maintenance/*.md file; a bad file gives one-line errors naming file, line and fix. */
export function parseMaintenance(text: string, file: string, ctx: ContentContext, fileTime?: number): Result<MaintenanceWindow> {
  const id = slugOf(file);
  if (id === null) {
    return { ok: false, errors: [`${file}: the file name cannot be used as an id — rename it with lower-case letters, digits and -, e.g. 2025-11-12-gfd-upgrade.md.`] };
  }
  const r = parseContentFile(text, file, MaintenanceFrontmatterSchema, ctx);
  if (!r.ok) return r;
  const { data, yaml, body, bodyLine } = r.parsed;
  const errors: Finding[] = [...checkServices(data.services, ctx)];
  const title = checkTranslations(data.title, ['title'], ctx);
  errors.push(...title.errors);
  const start = parseIso(data.starts_at);
  const end = parseIso(data.ends_at);
  for (const [t, key] of [
    [data.starts_at, 'starts_at'],
    [data.ends_at, 'ends_at'],
    ...(data.announced === undefined ? [] : [[data.announced, 'announced'] as const]),
  ] as const) {
    const bad = checkYear(t, [key]);
    if (bad !== undefined) errors.push(bad);
  }
  if (end <= start) {
    errors.push({ path: ['ends_at'], message: `${data.ends_at} is not after starts_at (${data.starts_at}) — a maintenance window must end after it starts.` });
  }
  if (data.announced !== undefined && parseIso(data.announced) > end) {
    errors.push({ path: ['announced'], message: `${data.announced} is after ends_at (${data.ends_at}) — write when the window was first announced, or leave announced out.` });
  }
  const bodyCheck = checkBody(body, ctx, file, bodyLine);
  const errorLines = [...findingLines(errors, file, yaml), ...bodyCheck.errors];
  if (errorLines.length > 0) return { ok: false, errors: errorLines };
  return {
    ok: true,
    warnings: [...findingLines(title.warnings, file, yaml), ...bodyCheck.warnings],
    value: {
      id,
      file,
      title: data.title,
      service_ids: data.services,
      starts_at: normaliseTime(data.starts_at, ctx),
      ends_at: normaliseTime(data.ends_at, ctx),
      start,
      end,
      body,
      announced_at: data.announced === undefined ? null : normaliseTime(data.announced, ctx),
      file_time: fileTime !== undefined && Number.isFinite(fileTime) ? Math.floor(fileTime) : null,
    },
  };
}

/**
 * When the window counts as announced (epoch s), at the evaluated instant `now`: the frontmatter's
 * `announced`, else the file's modification time — both stable from one build to the next — and
 * never later than `now`. The file time is a guess, so once the window has started it is also kept
 * no later than the start (a file touched by a checkout must not announce a past window afterwards).
 * Null when neither is known: callers then fall back to the window's own times.
 */
export function announcedAt(m: Pick<MaintenanceWindow, 'announced_at' | 'file_time' | 'start'>, now: number): number | null {
  if (m.announced_at !== null) return Math.min(parseIso(m.announced_at), now);
  if (m.file_time === null) return null;
  return Math.min(m.file_time, now, m.start <= now ? m.start : Number.POSITIVE_INFINITY);
}

/** ISO-8601 of epoch seconds: with the zone's offset when known, else in UTC. */
function isoAt(t: number, timeZone: string | undefined): string {
  return timeZone === undefined ? new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : toZonedIso(t, timeZone);
}

/** The snapshot form of a window; its status follows from `now` (epoch s): scheduled, in_progress, completed. */
export function maintenanceToSnapshot(m: MaintenanceWindow, now: number, timeZone?: string): Maintenance {
  const status = now < m.start ? 'scheduled' : now < m.end ? 'in_progress' : 'completed';
  const announced = announcedAt(m, now);
  const announced_at = announced === null ? null : m.announced_at !== null && parseIso(m.announced_at) === announced ? m.announced_at : isoAt(announced, timeZone);
  return { id: m.id, title: m.title, service_ids: m.service_ids, starts_at: m.starts_at, ends_at: m.ends_at, status, body: m.body, announced_at };
}

/** The maintenance window covering `serviceId` at instant `t` (epoch s, [start, end)), if any. */
export function maintenanceAt(windows: readonly MaintenanceWindow[], serviceId: string, t: number): MaintenanceWindow | undefined {
  return windows.find((w) => w.start <= t && t < w.end && w.service_ids.includes(serviceId));
}

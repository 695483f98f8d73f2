/**
 * Written communications (data/incidents/*.md): parse, validate, and turn into snapshot incidents.
 */
import type { Level } from '../levels';
import type { Incident, Localized } from '../snapshot/schema';
import { parseIso } from '../time/zone';
import { checkBody, checkServices, checkTranslations, checkYear, findingLines, normaliseTime, parseContentFile, slugOf, type Finding } from './check';
import { CommunicationFrontmatterSchema, DETECTED_ID } from './schema';
import type { ContentContext, Result } from './types';

type Status = Incident['status'];
type Impact = Incident['impact'];

/** One published update, oldest first in a Communication. `time` is epoch seconds. */
export interface CommunicationUpdate {
  status: Status;
  at: string;
  time: number;
  text: Localized;
}

/** A validated written communication. Times as ISO strings (site offset) and epoch seconds. */
export interface Communication {
  /** The file name without .md, e.g. "2025-11-03-pcdh-storing". */
  id: string;
  file: string;
  title: Localized;
  impact: Impact;
  service_ids: string[];
  /** Status of the latest update. */
  status: Status;
  started_at: string;
  resolved_at: string | null;
  start: number;
  end: number | null;
  /** Oldest first. */
  updates: CommunicationUpdate[];
  detected_incident: string | null;
  still_works: Localized | null;
  workaround: Localized | null;
  next_update_at: string | null;
  /** Markdown body per language. */
  body: Localized;
}

/** How far after `now` an incident may start: a day, for a note written ahead in another zone or clock. */
const FUTURE_SLACK = 86_400;

/** Parses one data/incidents/*.md file; a bad file gives one-line errors naming file, line and fix. */
export function parseCommunication(text: string, file: string, ctx: ContentContext): Result<Communication> {
  const id = slugOf(file);
  if (id === null) {
    return { ok: false, errors: [`${file}: the file name cannot be used as an id — rename it with lower-case letters, digits and -, e.g. 2025-11-03-pcdh-storing.md.`] };
  }
  const r = parseContentFile(text, file, CommunicationFrontmatterSchema, ctx);
  if (!r.ok) return r;
  const { data, yaml, body, bodyLine } = r.parsed;
  const errors: Finding[] = [...checkServices(data.services, ctx)];
  const warnings: Finding[] = [];
  const texts: [Localized | null | undefined, (string | number)[]][] = [
    [data.title, ['title']],
    [data.still_works, ['still_works']],
    [data.workaround, ['workaround']],
    ...data.updates.map((u, i): [Localized, (string | number)[]] => [u.text, ['updates', i, 'text']]),
  ];
  for (const [t, path] of texts) {
    const c = checkTranslations(t, path, ctx);
    errors.push(...c.errors);
    warnings.push(...c.warnings);
  }

  const start = parseIso(data.started_at);
  const updates = data.updates
    .map((u) => ({ status: u.status, at: normaliseTime(u.at, ctx), time: parseIso(u.at), text: u.text }))
    .sort((a, b) => a.time - b.time);
  const latest = updates[updates.length - 1];
  const status: Status = latest?.status ?? 'investigating';
  const resolvedAt = data.resolved_at ?? null;
  const end = resolvedAt === null ? null : parseIso(resolvedAt);
  if (status === 'resolved' && resolvedAt === null) {
    errors.push({ path: ['resolved_at'], message: `missing — the latest update is "resolved", so add resolved_at: the time the service was back, e.g. ${data.started_at}.` });
  }
  if (status !== 'resolved' && resolvedAt !== null) {
    errors.push({ path: ['resolved_at'], message: `is set but the latest update is "${status}" — add an update with status: resolved, or remove resolved_at while the incident is ongoing.` });
  }
  if (end !== null && end < start) {
    errors.push({ path: ['resolved_at'], message: `${resolvedAt} is before started_at (${data.started_at}) — correct one of the two.` });
  }
  data.updates.forEach((u, i) => {
    if (parseIso(u.at) < start) warnings.push({ path: ['updates', i, 'at'], message: `${u.at} is before started_at (${data.started_at}) — check the date.` });
  });
  if (status === 'resolved' && data.next_update_at) {
    warnings.push({ path: ['next_update_at'], message: 'is ignored once the incident is resolved — remove it.' });
  }
  const times: [string | null | undefined, (string | number)[]][] = [
    [data.started_at, ['started_at']],
    [data.resolved_at, ['resolved_at']],
    [data.next_update_at, ['next_update_at']],
    ...data.updates.map((u, i): [string, (string | number)[]] => [u.at, ['updates', i, 'at']]),
  ];
  for (const [t, path] of times) {
    const bad = t ? checkYear(t, path) : undefined;
    if (bad !== undefined) errors.push(bad);
  }
  if (ctx.now !== undefined && start > ctx.now + FUTURE_SLACK && checkYear(data.started_at, []) === undefined) {
    errors.push({ path: ['started_at'], message: `${data.started_at} is after now — an incident cannot start in the future; check the date (planned work goes in data/maintenance/).` });
  }
  if (data.detected_incident && !DETECTED_ID.test(data.detected_incident)) {
    errors.push({ path: ['detected_incident'], message: 'write a detected incident id such as 2025-11-03-pcdh-1.' });
  }
  const bodyCheck = checkBody(body, ctx, file, bodyLine);
  const errorLines = [...findingLines(errors, file, yaml), ...bodyCheck.errors];
  if (errorLines.length > 0) return { ok: false, errors: errorLines };
  const warningLines = [...findingLines(warnings, file, yaml), ...bodyCheck.warnings];
  if (DETECTED_ID.test(id)) {
    warningLines.push(`${file}: the file name looks like a detected incident id — prefer a descriptive name such as ${id.replace(/-\d+$/, '')}-storing.md and link it with detected_incident.`);
  }

  return {
    ok: true,
    warnings: warningLines,
    value: {
      id,
      file,
      title: data.title,
      impact: data.impact,
      service_ids: data.services,
      status,
      started_at: normaliseTime(data.started_at, ctx),
      resolved_at: resolvedAt === null ? null : normaliseTime(resolvedAt, ctx),
      start,
      end,
      updates,
      detected_incident: data.detected_incident ?? null,
      still_works: data.still_works ?? null,
      workaround: data.workaround ?? null,
      next_update_at: status === 'resolved' || !data.next_update_at ? null : normaliseTime(data.next_update_at, ctx),
      body,
    },
  };
}

/** The level shown for a written incident's impact (detected incidents carry their own measured peak). */
export function impactLevel(impact: Impact): Level {
  switch (impact) {
    case 'none':
      return 'operational';
    case 'minor':
      return 'degraded';
    case 'major':
      return 'partial_outage';
    case 'critical':
      return 'major_outage';
  }
}

/** The snapshot incident of a written communication (updates newest first, as status pages list them). */
export function communicationToIncident(c: Communication): Incident {
  return {
    id: c.id,
    source: 'written',
    title: c.title,
    impact: c.impact,
    status: c.status,
    peak_level: impactLevel(c.impact),
    service_ids: c.service_ids,
    started_at: c.started_at,
    resolved_at: c.resolved_at,
    reasons: [],
    body: c.body,
    updates: [...c.updates].reverse().map((u) => ({ status: u.status, at: u.at, body: u.text })),
    still_works: c.still_works,
    workaround: c.workaround,
    next_update_at: c.next_update_at,
    detected_incident_id: c.detected_incident,
  };
}

/**
 * Communications whose detected_incident names an id the ledger holds; the others are dropped with a
 * one-line error (a link to nothing would show a note beside no incident, or hide a typo).
 */
export function checkDetectedLinks(communications: readonly Communication[], detectedIds: ReadonlySet<string>): { kept: Communication[]; errors: string[] } {
  const kept: Communication[] = [];
  const errors: string[] = [];
  for (const c of communications) {
    if (c.detected_incident === null || detectedIds.has(c.detected_incident)) kept.push(c);
    else {
      errors.push(
        `${c.file}: detected_incident: "${c.detected_incident}" is not an incident in the ledger — use the id shown on the incident's page or in the ledger, or remove the line; this file is skipped.`,
      );
    }
  }
  return { kept, errors };
}

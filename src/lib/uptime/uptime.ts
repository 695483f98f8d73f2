/**
 * Daily uptime per service over local calendar days of the site zone (23/25-hour DST days included).
 * Pure: `now` is passed in. Unknown time is left out of the denominator and reported; maintenance and
 * degraded count as up (degraded is reported separately); partial and major outage count as down.
 */
import type { ScheduleWindow } from '../config/schema';
import { worstLevel, type Level } from '../levels';
import type { UptimeDay } from '../snapshot/schema';
import { localDate, localDayStartPlus, localParts, zonedEpoch } from '../time/zone';
import { normaliseIntervals, secondsByLevel, type LevelInterval } from './segments';

export type { LevelInterval } from './segments';

/** An incident as uptime needs it (epoch seconds; resolved_at null while ongoing). */
export interface UptimeIncident {
  id: string;
  service_ids: string[];
  started_at: number;
  resolved_at: number | null;
}

export interface UptimeOptions {
  now: number;
  /** Number of days, the last one being today (up to `now`). */
  days: number;
  timeZone: string;
  /** Opening hours for `schedule_uptime`. */
  schedule: readonly ScheduleWindow[];
  serviceId: string;
  incidents: readonly UptimeIncident[];
}

/**
 * An UptimeDay plus the seconds behind its fractions, so sums over days can be time-weighted.
 * Use `toUptimeDay` to keep only the public fields.
 */
export interface UptimeDayDetail extends UptimeDay {
  /** Seconds with a known level (the denominator of `uptime`). */
  known_seconds: number;
  /** Known seconds and down seconds inside the schedule windows. */
  schedule_known_seconds: number;
  schedule_outage_seconds: number;
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The schedule windows of one local day as epoch intervals, merged where they overlap. */
export function scheduleIntervals(schedule: readonly ScheduleWindow[], dayStart: number, timeZone: string): [number, number][] {
  const date = localDate(dayStart, timeZone);
  const weekday = WEEKDAY_KEYS[localParts(dayStart, timeZone).weekday] ?? 'sun';
  const hm = (s: string): [number, number] => s.split(':').map(Number) as [number, number];
  const raw = schedule
    .filter((w) => w.days.includes(weekday))
    .map((w): [number, number] => [zonedEpoch(date, ...hm(w.from), timeZone), zonedEpoch(date, ...hm(w.to), timeZone)])
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of raw) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The local days an uptime is counted over: boundaries, dates and opening windows, computed once for all services. */
export interface UptimeCalendar {
  /** Start of each local day, oldest first, plus the start of the day after today (days + 1 entries). */
  starts: number[];
  /** Local date (yyyy-MM-dd) of each day. */
  dates: string[];
  /** Opening-hour windows of each day as epoch intervals. */
  schedule: [number, number][][];
}

/** The calendar of `days` local days ending today (the day of `now`) in `timeZone`. */
export function uptimeCalendar(now: number, days: number, timeZone: string, schedule: readonly ScheduleWindow[]): UptimeCalendar {
  // Day starts by stepping from today's start: one zone lookup per day, not three.
  const starts: number[] = [];
  for (let k = days - 1; k >= -1; k--) starts.push(localDayStartPlus(now, -k, timeZone));
  const dates = starts.slice(0, days).map((t) => localDate(t, timeZone));
  return { starts, dates, schedule: starts.slice(0, days).map((t) => scheduleIntervals(schedule, t, timeZone)) };
}

/**
 * The calendar for a service with its own schedule (`services[].schedule`, e.g. 24/7 or a nightly
 * batch window): the same days, that schedule's windows. Without one, the site calendar as is.
 */
export function calendarForService(site: UptimeCalendar, schedule: readonly ScheduleWindow[] | undefined, timeZone: string): UptimeCalendar {
  if (schedule === undefined) return site;
  return { ...site, schedule: site.starts.slice(0, site.dates.length).map((t) => scheduleIntervals(schedule, t, timeZone)) };
}

/** Uptime of `opts.days` local days, oldest first, the last being today up to `now`. */
export function computeUptimeDays(intervals: readonly LevelInterval[], opts: UptimeOptions & { calendar?: UptimeCalendar }): UptimeDayDetail[] {
  const { now } = opts;
  const calendar = opts.calendar ?? uptimeCalendar(now, opts.days, opts.timeZone, opts.schedule);
  const segments = normaliseIntervals(intervals);
  const incidents = opts.incidents.filter((i) => i.service_ids.includes(opts.serviceId));
  const out: UptimeDayDetail[] = [];
  for (let d = 0; d < opts.days; d++) {
    const dayStart = calendar.starts[d]!;
    const nextDay = calendar.starts[d + 1]!;
    const dayEnd = Math.min(nextDay, now);
    const secs = secondsByLevel(segments, dayStart, dayEnd);
    const down = secs.partial_outage + secs.major_outage;
    const known = Math.max(0, dayEnd - dayStart) - secs.unknown;
    const seen = (Object.keys(secs) as Level[]).filter((l) => l !== 'unknown' && secs[l] > 0);

    let schedKnown = 0;
    let schedDown = 0;
    for (const [a, b] of calendar.schedule[d]!) {
      const s = secondsByLevel(segments, a, Math.min(b, dayEnd));
      const span = Math.max(0, Math.min(b, dayEnd) - a);
      schedKnown += span - s.unknown;
      schedDown += s.partial_outage + s.major_outage;
    }

    out.push({
      date: calendar.dates[d]!,
      level: seen.length > 0 ? worstLevel(seen) : 'unknown',
      uptime: known > 0 ? (known - down) / known : null,
      schedule_uptime: schedKnown > 0 ? (schedKnown - schedDown) / schedKnown : null,
      unknown_seconds: secs.unknown,
      outage_seconds: down,
      degraded_seconds: secs.degraded,
      incident_ids: incidents.filter((i) => touchesDay(i, dayStart, nextDay)).map((i) => i.id),
      known_seconds: known,
      schedule_known_seconds: schedKnown,
      schedule_outage_seconds: schedDown,
    });
  }
  return out;
}

/** True when the incident overlaps [from, to); a zero-length incident counts on the day it happened. */
function touchesDay(i: UptimeIncident, from: number, to: number): boolean {
  const end = i.resolved_at ?? Infinity;
  if (end <= i.started_at) return i.started_at >= from && i.started_at < to;
  return i.started_at < to && end > from;
}

/** Time-weighted uptime over the given days (all time, and schedule only); null when nothing was known. */
export function uptimeSummary(days: readonly UptimeDayDetail[]): { all: number | null; schedule: number | null } {
  let known = 0;
  let down = 0;
  let sKnown = 0;
  let sDown = 0;
  for (const d of days) {
    known += d.known_seconds;
    down += d.outage_seconds;
    sKnown += d.schedule_known_seconds;
    sDown += d.schedule_outage_seconds;
  }
  return { all: known > 0 ? (known - down) / known : null, schedule: sKnown > 0 ? (sKnown - sDown) / sKnown : null };
}

/** Only the public UptimeDay fields (for the snapshot). */
export function toUptimeDay(d: UptimeDayDetail): UptimeDay {
  return {
    date: d.date,
    level: d.level,
    uptime: d.uptime,
    schedule_uptime: d.schedule_uptime,
    unknown_seconds: d.unknown_seconds,
    outage_seconds: d.outage_seconds,
    degraded_seconds: d.degraded_seconds,
    incident_ids: d.incident_ids,
  };
}

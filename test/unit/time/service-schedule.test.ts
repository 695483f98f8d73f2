import { describe, expect, it } from 'vitest';
import type { ScheduleWindow } from '../../../src/lib/config/schema';
import { zonedEpoch } from '../../../src/lib/time/zone';
import { calendarForService, computeUptimeDays, uptimeCalendar, type LevelInterval } from '../../../src/lib/uptime/uptime';

const TZ = 'Europe/Brussels';
const at = (date: string, h: number, m = 0): number => zonedEpoch(date, h, m, TZ);
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const PHARMACY: ScheduleWindow[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '19:00' },
  { days: ['sat'], from: '08:30', to: '12:30' },
];
const ALWAYS: ScheduleWindow[] = [{ days: [...ALL_DAYS], from: '00:00', to: '24:00' }];
/** A nightly batch window 22:00-06:00, split at midnight as the config requires. */
const NIGHTLY: ScheduleWindow[] = [
  { days: [...ALL_DAYS], from: '22:00', to: '24:00' },
  { days: [...ALL_DAYS], from: '00:00', to: '06:00' },
];

// Monday 2025-11-03, judged whole (the evaluated instant is the next day at noon).
const day = '2025-11-03';
const now = at('2025-11-04', 12);
/** Down 02:00-04:00 (night) and 09:00-10:00 (opening hours); up the rest of the day. */
const intervals: LevelInterval[] = [
  { start: at(day, 0), end: at(day, 2), level: 'operational' },
  { start: at(day, 2), end: at(day, 4), level: 'major_outage' },
  { start: at(day, 4), end: at(day, 9), level: 'operational' },
  { start: at(day, 9), end: at(day, 10), level: 'major_outage' },
  { start: at(day, 10), end: at('2025-11-04', 0), level: 'operational' },
];
const site = uptimeCalendar(now, 2, TZ, PHARMACY);
const uptimeWith = (schedule: ScheduleWindow[] | undefined) =>
  computeUptimeDays(intervals, { now, days: 2, timeZone: TZ, schedule: schedule ?? PHARMACY, serviceId: 'x', incidents: [], calendar: calendarForService(site, schedule, TZ) })[0]!;

describe('a service schedule of its own', () => {
  it('keeps the site calendar (pharmacy hours) when the service declares none', () => {
    expect(calendarForService(site, undefined, TZ)).toBe(site);
    expect(uptimeWith(undefined)).toMatchObject({ schedule_known_seconds: 11 * 3600, schedule_outage_seconds: 3600 });
  });

  it('counts the night outage of a 24/7 service in its schedule uptime, which then equals the whole-day uptime', () => {
    const d = uptimeWith(ALWAYS);
    expect(d).toMatchObject({ schedule_known_seconds: 24 * 3600, schedule_outage_seconds: 3 * 3600 });
    expect(d.schedule_uptime).toBeCloseTo(21 / 24, 12);
    expect(d.schedule_uptime).toBe(d.uptime);
  });

  it('judges a nightly batch service over its batch window only (the 09:00 outage is outside it)', () => {
    const d = uptimeWith(NIGHTLY);
    expect(d).toMatchObject({ schedule_known_seconds: 8 * 3600, schedule_outage_seconds: 2 * 3600 });
    expect(d.schedule_uptime).toBeCloseTo(6 / 8, 12);
  });

  it('keeps the same days and dates as the site calendar, only the windows change', () => {
    const own = calendarForService(uptimeCalendar(at('2025-10-27', 12), 3, TZ, PHARMACY), ALWAYS, TZ);
    expect(own.dates).toEqual(['2025-10-25', '2025-10-26', '2025-10-27']);
    // The autumn DST day has 25 hours of "always open".
    expect(own.schedule.map((w) => w.reduce((s, [a, b]) => s + b - a, 0) / 3600)).toEqual([24, 25, 24]);
  });
});

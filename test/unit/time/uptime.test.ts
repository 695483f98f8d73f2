import { describe, expect, it } from 'vitest';
import type { ScheduleWindow } from '../../../src/lib/config/schema';
import { UptimeDaySchema } from '../../../src/lib/snapshot/schema';
import { zonedEpoch } from '../../../src/lib/time/zone';
import { computeUptimeDays, toUptimeDay, uptimeSummary, type LevelInterval, type UptimeOptions } from '../../../src/lib/uptime/uptime';

const TZ = 'Europe/Brussels';
const at = (date: string, h: number, m = 0): number => zonedEpoch(date, h, m, TZ);
const PHARMACY: ScheduleWindow[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '19:00' },
  { days: ['sat'], from: '08:30', to: '12:30' },
];
const options = (now: number, days: number, over: Partial<UptimeOptions> = {}): UptimeOptions => ({ now, days, timeZone: TZ, schedule: PHARMACY, serviceId: 'pcdh', incidents: [], ...over });
const up = (start: number, end: number): LevelInterval => ({ start, end, level: 'operational' });

describe('computeUptimeDays', () => {
  it('counts 25 hours on the autumn DST day 2025-10-26', () => {
    const days = computeUptimeDays([up(at('2025-10-25', 0), at('2025-10-28', 0))], options(at('2025-10-27', 0), 2));
    expect(days.map((d) => d.date)).toEqual(['2025-10-26', '2025-10-27']);
    expect(days[0]).toMatchObject({ known_seconds: 25 * 3600, unknown_seconds: 0, uptime: 1, level: 'operational' });
  });

  it('counts 23 hours on the spring DST day 2025-03-30', () => {
    const days = computeUptimeDays([up(at('2025-03-29', 0), at('2025-04-01', 0))], options(at('2025-03-31', 12), 2));
    expect(days[0]).toMatchObject({ date: '2025-03-30', known_seconds: 23 * 3600, unknown_seconds: 0 });
    expect(days[1]).toMatchObject({ date: '2025-03-31', known_seconds: 12 * 3600, unknown_seconds: 0 });
  });

  it('returns `days` entries, oldest first, the last one being today up to now', () => {
    const now = at('2025-11-04', 15, 30);
    const days = computeUptimeDays([up(at('2025-10-01', 0), now)], options(now, 90));
    expect(days).toHaveLength(90);
    expect(days[0]?.date).toBe('2025-08-07');
    expect(days[89]).toMatchObject({ date: '2025-11-04', known_seconds: 15.5 * 3600, unknown_seconds: 0 });
    for (const d of days) expect(UptimeDaySchema.parse(toUptimeDay(d))).toEqual(toUptimeDay(d));
  });

  it('leaves time without data out of the denominator and reports it as unknown', () => {
    const day = '2025-11-03';
    const intervals: LevelInterval[] = [up(at(day, 0), at(day, 12)), { start: at(day, 12), end: at(day, 13), level: 'major_outage' }];
    const [d] = computeUptimeDays(intervals, options(at('2025-11-04', 0) - 1, 1));
    expect(d).toMatchObject({ date: day, unknown_seconds: 11 * 3600 - 1, outage_seconds: 3600, known_seconds: 13 * 3600, level: 'major_outage' });
    expect(d?.uptime).toBeCloseTo(12 / 13, 12);
  });

  it('counts maintenance and degraded as up, degraded reported apart, partial outage as down', () => {
    const day = '2025-11-03';
    const intervals: LevelInterval[] = [
      { start: at(day, 0), end: at(day, 6), level: 'under_maintenance' },
      { start: at(day, 6), end: at(day, 12), level: 'degraded' },
      { start: at(day, 12), end: at(day, 18), level: 'partial_outage' },
      up(at(day, 18), at('2025-11-04', 0)),
    ];
    const [d] = computeUptimeDays(intervals, options(at('2025-11-04', 0) - 1, 1));
    expect(d).toMatchObject({ degraded_seconds: 6 * 3600, outage_seconds: 6 * 3600, level: 'partial_outage' });
    expect(d?.uptime).toBeCloseTo(0.75, 3);
  });

  it('reports unknown only when the whole day is unknown, and null uptime then', () => {
    const days = computeUptimeDays([], options(at('2025-11-04', 10), 2));
    expect(days.map((d) => [d.level, d.uptime, d.schedule_uptime, d.unknown_seconds])).toEqual([
      ['unknown', null, null, 24 * 3600],
      ['unknown', null, null, 10 * 3600],
    ]);
    const partly = computeUptimeDays([up(at('2025-11-03', 8), at('2025-11-03', 9))], options(at('2025-11-04', 0) - 1, 1));
    expect(partly[0]?.level).toBe('operational');
  });

  it('measures schedule uptime over opening hours only (a night outage does not count there)', () => {
    const day = '2025-11-03'; // a Monday
    const intervals: LevelInterval[] = [
      { start: at(day, 2), end: at(day, 4), level: 'major_outage' },
      up(at(day, 0), at(day, 2)),
      up(at(day, 4), at(day, 9)),
      { start: at(day, 9), end: at(day, 10), level: 'major_outage' },
      up(at(day, 10), at('2025-11-04', 0)),
    ];
    const [d] = computeUptimeDays(intervals, options(at('2025-11-04', 0) - 1, 1));
    expect(d?.schedule_uptime).toBeCloseTo(10 / 11, 12);
    expect(d?.schedule_known_seconds).toBe(11 * 3600);
  });

  it('has no schedule uptime on a Sunday (no opening hours)', () => {
    const [d] = computeUptimeDays([up(at('2025-11-02', 0), at('2025-11-03', 0))], options(at('2025-11-03', 0) - 1, 1));
    expect(d).toMatchObject({ date: '2025-11-02', uptime: 1, schedule_uptime: null });
  });

  it('does not let an interval ending exactly at midnight touch the next day', () => {
    const days = computeUptimeDays([{ start: at('2025-11-02', 23), end: at('2025-11-03', 0), level: 'major_outage' }], options(at('2025-11-03', 12), 2));
    expect(days.map((d) => d.outage_seconds)).toEqual([3600, 0]);
    expect(days[1]?.level).toBe('unknown');
  });

  it('lists the incidents of the service touching each day', () => {
    const incidents = [
      { id: '2025-11-03-pcdh-1', service_ids: ['pcdh'], started_at: at('2025-11-03', 9, 14), resolved_at: at('2025-11-03', 9, 23) },
      { id: 'night', service_ids: ['pcdh'], started_at: at('2025-11-02', 23), resolved_at: at('2025-11-03', 1) },
      { id: 'other', service_ids: ['gfd'], started_at: at('2025-11-03', 9), resolved_at: null },
      { id: 'ongoing', service_ids: ['pcdh', 'gfd'], started_at: at('2025-11-04', 9), resolved_at: null },
    ];
    const days = computeUptimeDays([], options(at('2025-11-04', 10), 3, { incidents }));
    expect(days.map((d) => d.incident_ids)).toEqual([['night'], ['2025-11-03-pcdh-1', 'night'], ['ongoing']]);
  });

  it('resolves overlapping intervals to the worst level instead of counting time twice', () => {
    const day = '2025-11-03';
    const [d] = computeUptimeDays([up(at(day, 0), at('2025-11-04', 0)), { start: at(day, 9), end: at(day, 10), level: 'major_outage' }], options(at('2025-11-04', 0) - 1, 1));
    expect(d).toMatchObject({ known_seconds: 24 * 3600 - 1, outage_seconds: 3600 });
  });

  it('returns nothing for zero days', () => {
    expect(computeUptimeDays([], options(at('2025-11-04', 10), 0))).toEqual([]);
  });
});

describe('uptimeSummary', () => {
  it('weights days by their known time, not by the count of days', () => {
    const now = at('2025-11-04', 0);
    const intervals: LevelInterval[] = [
      // 2025-11-02: 1 known hour, all down; 2025-11-03: fully up.
      { start: at('2025-11-02', 12), end: at('2025-11-02', 13), level: 'major_outage' },
      up(at('2025-11-03', 0), now),
    ];
    const days = computeUptimeDays(intervals, options(now - 1, 2));
    const s = uptimeSummary(days);
    expect(s.all).toBeCloseTo((24 * 3600 - 1) / (25 * 3600 - 1), 12);
    expect(s.schedule).toBeCloseTo(1, 12);
  });

  it('is null when nothing is known', () => {
    expect(uptimeSummary(computeUptimeDays([], options(at('2025-11-04', 0), 3)))).toEqual({ all: null, schedule: null });
  });
});

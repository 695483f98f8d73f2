import { describe, expect, it } from 'vitest';
import { nextChange, nextChangeOf, staleInstants, validUntil } from '../../../src/lib/cycle/next-change';
import { parseIso, toZonedIso } from '../../../src/lib/time/zone';

const TZ = 'Europe/Brussels';
const at = (iso: string): number => parseIso(iso);
const NOW = at('2025-11-04T15:30:30+01:00');
const window = (start: string, end: string, more: { announced_at?: string | null; file_time?: number | null } = {}) => ({ start: at(start), end: at(end), announced_at: more.announced_at ?? null, file_time: more.file_time ?? null });

describe('staleInstants', () => {
  it('is the newest known row plus stale_after_seconds plus one minute, per metric', () => {
    const start = at('2025-11-04T15:00:00+01:00');
    const values = Float64Array.from({ length: 31 }, (_, i) => (i <= 20 ? 5 : Number.NaN)); // newest row 15:20
    expect(staleInstants([values], start, 5)).toEqual([at('2025-11-04T15:26:00+01:00')]);
  });

  it('is -Infinity for a metric that never had data (grey from the start)', () => {
    expect(staleInstants([new Float64Array([Number.NaN, Number.POSITIVE_INFINITY])], 0, 5)).toEqual([Number.NEGATIVE_INFINITY]);
  });
});

describe('nextChange', () => {
  const base = { now: NOW, staleAt: [] as number[], maintenance: [], timeZone: TZ };

  it.each([
    ['a metric passing its stale limit', { staleAt: [at('2025-11-04T15:36:00+01:00')] }, '2025-11-04T15:36:00+01:00'],
    ['the earliest of several metrics', { staleAt: [at('2025-11-04T15:40:00+01:00'), at('2025-11-04T15:33:00+01:00')] }, '2025-11-04T15:33:00+01:00'],
    ['not a stale instant already passed: the next full hour', { staleAt: [at('2025-11-04T15:10:00+01:00'), Number.NEGATIVE_INFINITY] }, '2025-11-04T16:00:00+01:00'],
    ['a maintenance window starting (status at once)', { maintenance: [window('2025-11-04T15:45:10+01:00', '2025-11-04T17:00:00+01:00')] }, '2025-11-04T15:45:10+01:00'],
    ['a maintenance window ending, its flags one row after its minute', { maintenance: [window('2025-11-04T15:00:00+01:00', '2025-11-04T15:31:00+01:00')] }, '2025-11-04T15:31:00+01:00'],
    ['an announcement still to come', { maintenance: [window('2025-11-05T09:00:00+01:00', '2025-11-05T10:00:00+01:00', { announced_at: '2025-11-04T15:50:00+01:00' })] }, '2025-11-04T15:50:00+01:00'],
  ])('is %s', (_, more, expected) => {
    expect(toZonedIso(nextChange({ ...base, ...more }), TZ)).toBe(expected);
  });

  it('is the flags row after the start when the status moved already', () => {
    const m = window('2025-11-04T15:30:10+01:00', '2025-11-04T17:00:00+01:00');
    expect(toZonedIso(nextChange({ ...base, now: at('2025-11-04T15:30:20+01:00'), maintenance: [m] }), TZ)).toBe('2025-11-04T15:32:00+01:00');
  });

  it('is the local midnight when it comes before the next full hour (a half-hour zone)', () => {
    const now = at('2025-11-04T23:40:00+05:30');
    expect(nextChange({ ...base, now, timeZone: 'Asia/Kolkata' })).toBe(at('2025-11-05T00:00:00+05:30'));
  });

  it('is never more than an hour away', () => {
    const now = at('2025-11-04T15:00:00+01:00');
    expect(nextChange({ ...base, now, staleAt: [now + 7_200] })).toBe(now + 3_600);
  });
});

describe('valid_until and the wake-up', () => {
  it('is the change instant on the build clock plus snapshot_valid_seconds, and gives that instant back', () => {
    const changeAt = at('2025-11-04T15:36:00+01:00');
    const replayBuiltAt = at('2026-12-02T06:00:00Z');
    const until = validUntil(replayBuiltAt, NOW, changeAt, 180);
    expect(until).toBe(replayBuiltAt + (changeAt - NOW) + 180);
    expect(nextChangeOf(toZonedIso(until, TZ), 180)).toBe((replayBuiltAt + changeAt - NOW) * 1000);
  });

  it('renews a kept site a lead before it expires once its change instant has passed, never at once', () => {
    const until = NOW + 180; // its change instant, NOW, has come
    expect(nextChangeOf(toZonedIso(until, TZ), 180, (NOW + 10) * 1000, 60_000)).toBe((NOW + 120) * 1000);
    expect(nextChangeOf(toZonedIso(until, TZ), 180, (NOW + 10) * 1000, 500_000)).toBe((NOW + 11) * 1000);
    // Still ahead: the change instant itself.
    expect(nextChangeOf(toZonedIso(until + 30, TZ), 180, (NOW + 10) * 1000, 60_000)).toBe((NOW + 30) * 1000);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatLocalDate, formatMonth, formatTime, monthKey, relativeTime, zoneAbbr } from '../../../src/lib/view/time';

const TZ = 'Europe/Brussels';
const UNITS = { day: 'd', hour: 'u', minute: 'min' };

describe('zoneAbbr', () => {
  it('names winter time CET and summer time CEST in Brussels', () => {
    expect(zoneAbbr(Date.parse('2025-11-04T14:30:00Z') / 1000, TZ)).toBe('CET');
    expect(zoneAbbr(Date.parse('2025-07-01T10:00:00Z') / 1000, TZ)).toBe('CEST');
  });
  it('switches exactly at the October change (01:00 UTC)', () => {
    expect(zoneAbbr(Date.parse('2025-10-26T00:59:59Z') / 1000, TZ)).toBe('CEST');
    expect(zoneAbbr(Date.parse('2025-10-26T01:00:00Z') / 1000, TZ)).toBe('CET');
  });
  it('falls back to a UTC offset for other zones', () => {
    expect(zoneAbbr(Date.parse('2025-11-04T14:30:00Z') / 1000, 'UTC')).toBe('UTC+0');
    expect(zoneAbbr(Date.parse('2025-11-04T14:30:00Z') / 1000, 'Asia/Kolkata')).toBe('UTC+5:30');
  });
});

describe('formatDateTime', () => {
  it('shows Brussels wall-clock time with the zone, whatever offset the ISO string carries', () => {
    expect(formatDateTime('2025-11-04T14:30:00Z', 'nl', TZ)).toBe('4 nov. 2025 15:30 CET');
    expect(formatDateTime('2025-11-04T15:30:00+01:00', 'fr', TZ)).toBe('4 nov. 2025 15:30 CET');
    expect(formatDateTime('2025-07-01T12:00:00+02:00', 'en', TZ)).toBe('1 Jul 2025 12:00 CEST');
  });
  it('formats a time of day with the zone', () => {
    expect(formatTime('2025-11-04T15:30:00+01:00', TZ)).toBe('15:30 CET');
  });
});

describe('formatLocalDate and formatMonth', () => {
  it('name the day and the month in the page language', () => {
    expect(formatLocalDate('2025-11-04', 'nl')).toBe('dinsdag 4 november 2025');
    expect(formatLocalDate('2025-11-04', 'fr')).toBe('mardi 4 novembre 2025');
    expect(formatMonth('2025-11', 'de')).toBe('November 2025');
  });

  it('gives the same day on a build host at UTC+14 (regression: Kiritimati showed "woensdag 5 november")', () => {
    const before = process.env['TZ'];
    process.env['TZ'] = 'Pacific/Kiritimati';
    try {
      expect(new Date(Date.UTC(2025, 10, 4, 12)).getDate()).toBe(5); // the zone really is in effect
      expect(formatLocalDate('2025-11-04', 'nl')).toBe('dinsdag 4 november 2025');
      expect(formatMonth('2025-12', 'nl')).toBe('december 2025');
    } finally {
      process.env['TZ'] = before;
    }
  });
});

describe('monthKey', () => {
  it('uses the local month: 23:30 UTC on 31 October is already November in Brussels', () => {
    expect(monthKey('2025-10-31T23:30:00Z', TZ)).toBe('2025-11');
  });
});

describe('relativeTime', () => {
  it('says minutes, hours or days ago relative to the snapshot time', () => {
    const now = '2025-11-04T15:30:00+01:00';
    expect(relativeTime('2025-11-04T15:18:00+01:00', now, 'en')).toBe('12 minutes ago');
    expect(relativeTime('2025-11-04T15:18:00+01:00', now, 'nl')).toBe('12 minuten geleden');
    expect(relativeTime('2025-11-04T13:30:00+01:00', now, 'fr')).toBe('il y a 2 heures');
    expect(relativeTime('2025-11-04T16:00:00+01:00', now, 'en')).toBe('in 30 minutes');
  });
  it('says "this minute" below one minute', () => {
    expect(relativeTime('2025-11-04T15:29:30+01:00', '2025-11-04T15:30:00+01:00', 'en')).toBe('this minute');
    // Regression: ICU's Dutch "binnen een minuut" read as the future for data 30 s old.
    expect(relativeTime('2025-11-04T15:29:30+01:00', '2025-11-04T15:30:00+01:00', 'nl', 'zonet')).toBe('zonet');
    expect(relativeTime('2025-11-04T15:28:00+01:00', '2025-11-04T15:30:00+01:00', 'nl', 'zonet')).toBe('2 minuten geleden');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [29, '0 min'],
    [59 * 60, '59 min'],
    [3600, '1 u'],
    [3600 + 15 * 60, '1 u 15 min'],
    [86400, '1 d'],
    [86400 + 4 * 3600 + 59, '1 d 4 u'],
    [-5, '0 min'],
  ])('formats %i seconds as "%s"', (seconds, text) => {
    expect(formatDuration(seconds, UNITS)).toBe(text);
  });
});

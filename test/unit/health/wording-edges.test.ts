/** Numbers, reasons and labels at their edges: rounding rules, every finding's wording, Easter over the centuries, the wall clock across DST. */
import { describe, expect, it } from 'vitest';
import { gridBetween, wallClock } from '../../../src/lib/health/grid';
import { belgianHolidays, easterSunday, holidayCalendar } from '../../../src/lib/health/holidays';
import { findingsReason, findingText, formatNumber, formatPercent, roughly, staleReason } from '../../../src/lib/health/reasons';
import type { Finding } from '../../../src/lib/health/signals';
import { metricLabel, sharedQualifier } from '../../../src/lib/health/wording';

describe('numbers for people', () => {
  it.each([
    [2134.6, 'en', '2,135'],
    [10.4, 'en', '10'],
    [-10.4, 'en', '-10'],
    [9.96, 'en', '10'],
    [9.94, 'en', '9.9'],
    [4.25, 'nl', '4,3'],
    [3, 'en', '3'],
    [-2.5, 'fr', '-2,5'],
    [1234567, 'de', '1.234.567'],
  ] as const)('writes %d in %s as %s', (value, lang, text) => {
    expect(formatNumber(value, lang).replace(/\u2212/g, '-')).toBe(text);
  });

  it.each([
    [0.1, 'en', '10 %'],
    [0.1234, 'en', '12 %'],
    [0.0994, 'en', '9.9 %'],
    [0.05, 'nl', '5 %'],
    [0, 'en', '0 %'],
    [0.0004, 'en', '0 %'],
    [0.00004, 'en', '0 %'],
  ] as const)('writes a share of %d in %s as %s', (ratio, lang, text) => {
    expect(formatPercent(ratio, lang)).toBe(text);
  });

  it.each([
    [0, 0],
    [Number.NaN, Number.NaN],
    [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    [-2134, -2100],
    [0.44, 0],
    [4.6, 5],
    [99.4, 99],
  ])('rounds an expectation of %d to %d', (value, rounded) => {
    expect(roughly(value)).toBe(rounded);
  });
});

describe('every finding in words', () => {
  const silent: Finding = { kind: 'input_silent', level: 'partial_outage', metric: 'calls', files: 3, value: 812.4, expected: 1234 };
  const growing: Finding = { kind: 'backlog_growing', level: 'degraded', metric: 'queue', value: 412.6, minutes: 30 };
  const high: Finding = { kind: 'backlog_high', level: 'degraded', metric: 'queue', value: 1500, expected: 23 };

  it('says one of several inputs receives no calls, in every language', () => {
    expect((['nl', 'fr', 'de', 'en'] as const).map((l) => findingText(silent, l, undefined))).toEqual([
      'een van de 3 bronnen ontvangt geen oproepen meer; oproepen 812/min, ~1.200/min verwacht',
      'une des 3 sources ne reçoit plus d’appels ; appels 812/min, ~1\u202f200/min attendus',
      'eine von 3 Quellen erhält keine Aufrufe mehr; Aufrufe 812/min, ~1.200/min erwartet',
      'one of 3 inputs receives no calls; calls 812/min, ~1,200/min expected',
    ]);
  });

  it('says how long a backlog has been growing, in every language', () => {
    expect((['nl', 'fr', 'de', 'en'] as const).map((l) => findingText(growing, l, undefined))).toEqual([
      'wachtrij groeit al 30 min (nu 413 berichten)',
      "la file d'attente grandit depuis 30 min (413 messages)",
      'Warteschlange wächst seit 30 min (jetzt 413 Nachrichten)',
      'backlog growing for 30 min (now 413 messages)',
    ]);
  });

  it('says how many messages wait, in every language', () => {
    expect((['nl', 'fr', 'de', 'en'] as const).map((l) => findingText(high, l, undefined))).toEqual([
      '1.500 berichten wachten op verwerking (normaal ~23)',
      '1\u202f500 messages en attente de traitement (normalement ~23)',
      '1.500 Nachrichten warten auf Verarbeitung (normal ~23)',
      '1,500 messages waiting to be processed (normally ~23)',
    ]);
  });

  it('puts a major outage before a partial one and a partial one before degraded, whatever their order', () => {
    const major: Finding = { kind: 'traffic_low', level: 'major_outage', metric: 'calls', value: 10, expected: 1000 };
    const partial: Finding = { kind: 'errors_high', level: 'partial_outage', metric: 'errors', ratio: 0.3, normal: Number.NaN };
    const r = findingsReason([growing, partial, major], () => undefined);
    expect(r.en).toBe('Calls 10/min, ~1,000/min expected at this hour; 30 % of calls fail; backlog growing for 30 min (now 413 messages)');
  });

  it('says that no data is available at all when it never was, and since when otherwise, in every language', () => {
    expect(staleReason(null)).toEqual({ nl: 'Geen meetgegevens beschikbaar', fr: 'Aucune donnée de mesure disponible', de: 'Keine Messdaten verfügbar', en: 'No measurement data available' });
    expect(staleReason('13:50')).toEqual({ nl: 'Geen meetgegevens sinds 13:50', fr: 'Aucune donnée de mesure depuis 13:50', de: 'Keine Messdaten seit 13:50', en: 'No measurement data since 13:50' });
  });
});

describe('labels', () => {
  it('finds the qualifier all labels share, whatever the spaces around it', () => {
    expect(sharedQualifier({ nl: 'Antwoordtijd(p95) ', fr: 'Temps de réponse  (p95)' })).toBe('(p95)');
    expect(sharedQualifier({ nl: 'Antwoordtijd (p95) x', fr: 'Temps de réponse (p95)' })).toBe('');
    expect(sharedQualifier({ nl: 'Antwoordtijd (p95)x', fr: 'Temps (p95)x' })).toBe('');
    expect(sharedQualifier({ nl: 'Antwoordtijd-(p95)', fr: 'Temps-(p95)' })).toBe('(p95)');
    expect(sharedQualifier({})).toBe('');
    expect(sharedQualifier(undefined)).toBe('');
  });

  it('keeps a configured label even when it is the empty string', () => {
    expect(metricLabel({ en: '' }, 'latency', 'en')).toBe('');
  });
});

describe('Easter and the moving holidays', () => {
  it.each([
    [1818, 3, 22],
    [1995, 4, 16],
    [2014, 4, 20],
    [1943, 4, 25],
    [1954, 4, 18],
    [1961, 4, 2],
    [2000, 4, 23],
    [2008, 3, 23],
    [2011, 4, 24],
    [2019, 4, 21],
    [2038, 4, 25],
    [2285, 3, 22],
  ])('puts Easter Sunday %d on %d/%d', (year, month, day) => {
    expect(easterSunday(year)).toEqual([month, day]);
  });

  it('knows the holidays of another year than the first one asked (one calendar, many years)', () => {
    const isHoliday = holidayCalendar('BE', []);
    expect(isHoliday('2025-04-21')).toBe(true);
    expect(isHoliday('2026-04-06')).toBe(true);
    expect(isHoliday('2026-04-21')).toBe(false);
    expect(belgianHolidays(2026)).toContain('2026-05-14');
  });
});

describe('the minute grid and its wall clock', () => {
  it('takes the whole minutes whose rows end in (from, to]', () => {
    expect(gridBetween(600, 900)).toEqual({ start: 660, length: 5 });
    expect(gridBetween(630, 899)).toEqual({ start: 660, length: 4 });
    expect(gridBetween(900, 600)).toEqual({ start: 960, length: 0 });
  });

  it('gives every minute its local day and minute of day across the autumn change, and finds a wall minute again', () => {
    // 2025-10-26: 03:00 CEST becomes 02:00 CET at 01:00 UTC. Grid of 4 hours from 23:00 UTC the day before.
    const start = Date.UTC(2025, 9, 25, 23, 1) / 1000;
    const clock = wallClock({ start, length: 240 }, 'Europe/Brussels', () => false);
    const hhmm = (i: number) => `${Math.floor(clock.minuteOfDay[i]! / 60)}:${String(clock.minuteOfDay[i]! % 60).padStart(2, '0')}`;
    expect([0, 59, 60, 119, 120, 179, 180, 239].map(hhmm)).toEqual(['1:00', '1:59', '2:00', '2:59', '2:00', '2:59', '3:00', '3:59']);
    expect(clock.dates).toEqual(['2025-10-26']);
    expect(clock.classes).toEqual([0]);
    expect(clock.firstDay).toBe(clock.day[0]);
    const wall = (h: number, m: number) => clock.firstDay * 1440 + h * 60 + m;
    expect([wall(1, 0), wall(2, 30), wall(3, 59), wall(4, 0), wall(0, 59)].map((w) => clock.indexOfWall(w))).toEqual([0, 150, 239, -1, -1]);
    expect(clock.indexOfWall(clock.wallStart + clock.wallIndex.length)).toBe(-1);
    expect(clock.indexOfWall(clock.wallStart - 1)).toBe(-1);
  });

  it('skips the hour lost in spring and spans two local days', () => {
    // 2025-03-30: 02:00 CET becomes 03:00 CEST at 01:00 UTC; grid from 22:01 UTC (23:01 CET) for 4 hours.
    const start = Date.UTC(2025, 2, 29, 22, 1) / 1000;
    const clock = wallClock({ start, length: 240 }, 'Europe/Brussels', () => false);
    expect([0, 59, 60, 119, 120, 179, 180, 239].map((i) => clock.minuteOfDay[i])).toEqual([23 * 60, 23 * 60 + 59, 0, 59, 60, 119, 3 * 60, 3 * 60 + 59]);
    expect(clock.dates).toEqual(['2025-03-29', '2025-03-30']);
    expect(clock.classes).toEqual([6, 0]);
    expect(clock.indexOfWall(clock.firstDay * 1440 + 1440 + 2 * 60 + 30)).toBe(-1);
    expect(clock.wallIndex.length).toBe(2 * 1440);
  });

  it('knows the offset of every day of a long grid (a lookup that moves from day to day)', () => {
    const start = Date.UTC(2025, 2, 27, 12, 0) / 1000;
    const clock = wallClock({ start, length: 6 * 1440 }, 'Europe/Brussels', () => false);
    // 13:00 CET on the 27th, 14:00 CEST on the 31st and the 1st: the same UTC minute each day.
    expect([0, 4 * 1440, 5 * 1440].map((i) => clock.minuteOfDay[i])).toEqual([12 * 60 + 59, 13 * 60 + 59, 13 * 60 + 59]);
  });

  it('finds the first minute of a grid that starts at local midnight', () => {
    const start = Date.UTC(2025, 10, 3, 23, 1) / 1000; // 00:00–00:01 CET on 4 Nov
    const clock = wallClock({ start, length: 10 }, 'Europe/Brussels', () => false);
    expect(clock.indexOfWall(clock.wallStart)).toBe(0);
    expect(clock.indexOfWall(clock.wallStart + 9)).toBe(9);
  });

  it('has no days for an empty grid', () => {
    const clock = wallClock({ start: 600, length: 0 }, 'Europe/Brussels', () => false);
    expect([clock.dates, clock.classes, clock.wallIndex.length, clock.firstDay]).toEqual([[], [], 0, 0]);
  });
});

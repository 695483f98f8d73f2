import { describe, expect, it } from 'vitest';
import { incident } from './incident-factory';
import { archiveMonths, monthCounts, monthsBack, recentGroups, recentMonths, serviceAnchor } from '../../../src/lib/view/history-months';
import { isSettled, newestInstant } from '../../../src/lib/view/history-routes';


describe('monthsBack and recentMonths', () => {
  it('steps back over a year boundary', () => {
    expect(monthsBack('2026-01', 3)).toEqual(['2026-01', '2025-12', '2025-11']);
  });
  it('takes the month of now in the site zone, not in UTC', () => {
    // 2025-10-31 23:30 UTC is already November in Brussels.
    expect(recentMonths('2025-10-31T23:30:00Z', 'Europe/Brussels')).toEqual(['2025-11', '2025-10']);
  });
});

describe('archiveMonths', () => {
  const list = [
    incident('a', '2025-11-01T00:30:00+01:00'),
    incident('b', '2025-10-31T23:30:00Z', { service_ids: ['raotd'] }),
    incident('c', '2025-10-31T22:30:00Z', { service_ids: ['raotd', 'gfd'] }),
    incident('d', '2025-08-02T10:00:00+02:00'),
  ];
  it('puts each incident in the Brussels month it started in, newest month first, even across gaps', () => {
    expect(archiveMonths(list, 'Europe/Brussels').map((m) => [m.month, m.incidents.map((i) => i.id)])).toEqual([
      ['2025-11', ['a', 'b']],
      ['2025-10', ['c']],
      ['2025-08', ['d']],
    ]);
  });
  it('counts per month for all services, or for one service only (months without it left out)', () => {
    const months = archiveMonths(list, 'Europe/Brussels');
    expect(monthCounts(months)).toEqual([
      { month: '2025-11', count: 2 },
      { month: '2025-10', count: 1 },
      { month: '2025-08', count: 1 },
    ]);
    expect(monthCounts(months, 'raotd')).toEqual([
      { month: '2025-11', count: 1 },
      { month: '2025-10', count: 1 },
    ]);
  });
  it('shows only the recent months on the index', () => {
    expect(recentGroups(list, ['2025-11', '2025-10'], 'Europe/Brussels').map((g) => g.month)).toEqual(['2025-11', '2025-10']);
    expect(recentGroups(list, ['2025-12', '2025-11'], 'Europe/Brussels').map((g) => g.month)).toEqual(['2025-11']);
  });
});

describe('serviceAnchor', () => {
  it('makes a fragment of a config id, and none of an id CSS could misread', () => {
    expect(serviceAnchor('assurpharma')).toBe('service-assurpharma');
    expect(serviceAnchor('a"]{x}')).toBeNull();
  });
});

describe('isSettled and newestInstant', () => {
  it('calls a page settled only when every incident on it is resolved', () => {
    expect(isSettled([incident('a', '2025-11-01T10:00:00+01:00')])).toBe(true);
    expect(isSettled([incident('a', '2025-11-01T10:00:00+01:00'), incident('b', '2025-11-01T11:00:00+01:00', { status: 'monitoring', resolved_at: null })])).toBe(false);
  });
  it('finds the newest instant among starts, resolutions and updates, by instant not by text', () => {
    const inc = incident('a', '2025-10-26T02:10:00+01:00', {
      resolved_at: '2025-10-26T02:30:00+02:00',
      updates: [{ status: 'resolved', at: '2025-10-26T02:20:00+01:00', body: {} }],
    });
    expect(newestInstant([inc])).toBe('2025-10-26T02:20:00+01:00');
  });
});

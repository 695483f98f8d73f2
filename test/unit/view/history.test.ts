import { describe, expect, it } from 'vitest';
import { incident } from './incident-factory';
import { groupByMonth, incidentsByService, listedIncidents, paginate, updatesNewestFirst } from '../../../src/lib/view/history';


describe('listedIncidents', () => {
  it('does not list a detected incident twice when a written one explains it', () => {
    const list = listedIncidents([
      incident('written', '2025-11-04T14:52:00+01:00', { source: 'written', detected_incident_id: 'det' }),
      incident('det', '2025-11-04T14:52:00+01:00'),
      incident('other', '2025-11-03T10:00:00+01:00'),
    ]);
    expect(list.map((i) => i.id)).toEqual(['written', 'other']);
  });
  it('orders newest first by instant, not by the text of the offset', () => {
    const list = listedIncidents([incident('a', '2025-10-26T02:30:00+02:00'), incident('b', '2025-10-26T02:10:00+01:00')]);
    expect(list.map((i) => i.id)).toEqual(['b', 'a']);
  });
});

describe('paginate', () => {
  it('splits 51 items into pages of 25, 25 and 1', () => {
    const pages = paginate(Array.from({ length: 51 }, (_, i) => i), 25);
    expect(pages.map((p) => p.items.length)).toEqual([25, 25, 1]);
    expect(pages.every((p) => p.pages === 3)).toBe(true);
  });
  it('returns one empty page when there is nothing to list', () => {
    expect(paginate([], 25)).toEqual([{ page: 1, pages: 1, items: [] }]);
  });
});

describe('groupByMonth', () => {
  it('groups consecutive incidents by their Brussels month', () => {
    const groups = groupByMonth(
      [incident('a', '2025-11-01T00:30:00+01:00'), incident('b', '2025-10-31T23:30:00Z'), incident('c', '2025-10-31T22:30:00Z')],
      'Europe/Brussels',
    );
    expect(groups.map((g) => [g.month, g.incidents.map((i) => i.id)])).toEqual([
      ['2025-11', ['a', 'b']],
      ['2025-10', ['c']],
    ]);
  });
});

describe('incidentsByService and updatesNewestFirst', () => {
  it('lists an incident under every service it touches, and puts the latest update on top', () => {
    const inc = incident('x', '2025-11-04T10:00:00+01:00', {
      service_ids: ['gfd', 'raotd'],
      updates: [
        { status: 'investigating', at: '2025-11-04T10:05:00+01:00', body: { nl: 'a' } },
        { status: 'resolved', at: '2025-11-04T11:00:00+01:00', body: { nl: 'b' } },
      ],
    });
    const map = incidentsByService([inc]);
    expect(map.get('gfd')).toEqual([inc]);
    expect(map.get('raotd')).toEqual([inc]);
    expect(updatesNewestFirst(inc).map((u) => u.status)).toEqual(['resolved', 'investigating']);
  });
});

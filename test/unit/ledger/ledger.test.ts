import { describe, expect, it } from 'vitest';
import { emptyLedger, entriesBetween, ledgerAsOf, LedgerSchema, mergeEpisodes, type DetectedEpisode, type Ledger } from '../../../src/lib/ledger/ledger';
import { ledgerProblems, writeProblems } from '../../../src/lib/ledger/invariants';

const TZ = 'Europe/Brussels';
const INC_A = { start: 1762157640, end: 1762158180 }; // 2025-11-03 09:14–09:23 CET
const NOW = 1762266600; // 2025-11-04 15:30 CET
const COVERED = 1760452200; // start of the sample RRD history
const opts = { now: NOW, coveredFrom: COVERED, timeZone: TZ };
const down = { nl: 'Geen oproepen', fr: 'Aucun appel' };
const slow = { nl: 'Traag', fr: 'Lent' };

const ep = (over: Partial<DetectedEpisode> = {}): DetectedEpisode => ({ service_id: 'pcdh', ...INC_A, peak_level: 'major_outage', reasons: [down], ...over });

describe('mergeEpisodes', () => {
  it('records a new episode with an id from its local start date, service and number', () => {
    const r = mergeEpisodes(emptyLedger(), [ep()], opts);
    expect(r.added).toEqual(['2025-11-03-pcdh-1']);
    expect(r.updated).toEqual([]);
    expect(r.ledger.incidents).toEqual([
      {
        id: '2025-11-03-pcdh-1',
        service_id: 'pcdh',
        started_at: '2025-11-03T09:14:00+01:00',
        ended_at: '2025-11-03T09:23:00+01:00',
        peak_level: 'major_outage',
        reasons: [down],
        first_recorded_at: '2025-11-04T15:30:00+01:00',
        updated_at: '2025-11-04T15:30:00+01:00',
      },
    ]);
    expect(LedgerSchema.parse(r.ledger)).toEqual(r.ledger);
  });

  it('is idempotent: merging the same episodes twice changes nothing', () => {
    const episodes = [ep(), ep({ service_id: 'raotd', start: 1762265760, end: null, peak_level: 'partial_outage' })];
    const once = mergeEpisodes(emptyLedger(), episodes, opts);
    const twice = mergeEpisodes(once.ledger, episodes, opts);
    expect(twice.ledger).toEqual(once.ledger);
    expect(twice.added).toEqual([]);
    expect(twice.updated).toEqual([]);
  });

  it('numbers a second incident of the same service and day 2, and another service from 1', () => {
    const later = ep({ start: INC_A.start + 3 * 3600, end: INC_A.start + 3 * 3600 + 600 });
    const r = mergeEpisodes(emptyLedger(), [later, ep(), ep({ service_id: 'gfd' })], opts);
    expect(r.ledger.incidents.map((e) => e.id).sort()).toEqual(['2025-11-03-gfd-1', '2025-11-03-pcdh-1', '2025-11-03-pcdh-2']);
  });

  it('updates an overlapping entry instead of adding one: end later, peak only worse, reasons united', () => {
    const first = mergeEpisodes(emptyLedger(), [ep({ end: null, peak_level: 'partial_outage' })], { ...opts, now: INC_A.start + 120 });
    const r = mergeEpisodes(first.ledger, [ep({ peak_level: 'degraded', reasons: [slow] })], opts);
    expect(r.added).toEqual([]);
    expect(r.updated).toEqual(['2025-11-03-pcdh-1']);
    expect(r.ledger.incidents).toHaveLength(1);
    expect(r.ledger.incidents[0]).toMatchObject({ ended_at: '2025-11-03T09:23:00+01:00', peak_level: 'partial_outage', reasons: [down, slow], updated_at: '2025-11-04T15:30:00+01:00' });
  });

  it('continues an ongoing entry when the next episode starts within a few minutes of where it was', () => {
    const first = mergeEpisodes(emptyLedger(), [ep({ end: null })], { ...opts, now: INC_A.start + 120 });
    const r = mergeEpisodes(first.ledger, [ep({ start: INC_A.start + 240, end: INC_A.end + 600 })], opts);
    expect(r.added).toEqual([]);
    expect(r.ledger.incidents[0]).toMatchObject({ started_at: '2025-11-03T09:14:00+01:00', ended_at: '2025-11-03T09:33:00+01:00' });
  });

  it('never changes a resolved incident\'s times: a recurrence within minutes is a new incident from its end', () => {
    const first = mergeEpisodes(emptyLedger(), [ep()], opts);
    const r = mergeEpisodes(first.ledger, [ep({ start: INC_A.end + 240, end: INC_A.end + 600 })], opts);
    expect(r.ledger.incidents[0]).toEqual(first.ledger.incidents[0]);
    expect(r.added).toEqual(['2025-11-03-pcdh-2']);
    expect(r.ledger.incidents[1]).toMatchObject({ started_at: '2025-11-03T09:27:00+01:00', ended_at: '2025-11-03T09:33:00+01:00' });
  });

  it('opens a new entry when the next episode starts well after the previous one ended', () => {
    const first = mergeEpisodes(emptyLedger(), [ep()], opts);
    const r = mergeEpisodes(first.ledger, [ep({ start: INC_A.end + 3600, end: INC_A.end + 4000 })], opts);
    expect(r.added).toEqual(['2025-11-03-pcdh-2']);
  });

  it('keeps entries older than the covered history untouched and never renumbers them', () => {
    const old = mergeEpisodes(emptyLedger(), [ep({ start: COVERED - 86400 * 30, end: COVERED - 86400 * 30 + 600 })], { ...opts, now: COVERED - 86400 * 29 });
    const r = mergeEpisodes(old.ledger, [ep()], opts);
    expect(r.ledger.incidents[0]).toEqual(old.ledger.incidents[0]);
    expect(r.ledger.incidents.map((e) => e.id)).toEqual(['2025-09-14-pcdh-1', '2025-11-03-pcdh-1']);
    expect(r.updated).toEqual([]);
  });

  it('never loses an entry whose episode is no longer detected', () => {
    const first = mergeEpisodes(emptyLedger(), [ep()], opts);
    const r = mergeEpisodes(first.ledger, [], opts);
    expect(r.ledger).toEqual(first.ledger);
  });

  it('closes an ongoing entry that is no longer seen at the last time it was confirmed, instead of deleting it', () => {
    const confirmed = INC_A.start + 300;
    const first = mergeEpisodes(emptyLedger(), [ep({ end: null })], { ...opts, now: INC_A.start + 60 });
    const second = mergeEpisodes(first.ledger, [ep({ end: null })], { ...opts, now: confirmed });
    const r = mergeEpisodes(second.ledger, [], opts);
    expect(r.updated).toEqual(['2025-11-03-pcdh-1']);
    expect(r.ledger.incidents[0]).toMatchObject({ id: '2025-11-03-pcdh-1', ended_at: '2025-11-03T09:19:00+01:00' });
  });

  it('leaves ongoing entries of services that were not evaluated alone', () => {
    const first = mergeEpisodes(emptyLedger(), [ep({ end: null })], opts);
    const r = mergeEpisodes(first.ledger, [], { ...opts, services: ['gfd'] });
    expect(r.ledger.incidents[0]?.ended_at).toBeNull();
  });

  it('uses the Brussels date, not the UTC date, in ids (00:30 CET is still the previous day in UTC)', () => {
    const r = mergeEpisodes(emptyLedger(), [ep({ start: 1762126200, end: 1762126800 })], opts); // 2025-11-03 00:30 CET
    expect(r.added).toEqual(['2025-11-03-pcdh-1']);
  });

  it('keeps the ledger sorted by start for diff-friendly files', () => {
    const r = mergeEpisodes(emptyLedger(), [ep({ service_id: 'raotd', start: INC_A.start + 60, end: INC_A.end }), ep()], opts);
    const ledger: Ledger = r.ledger;
    expect(ledger.incidents.map((e) => e.service_id)).toEqual(['pcdh', 'raotd']);
  });

  describe('ids: the next number is above the highest of that date and service', () => {
    const day = (h: number): number => INC_A.start + h * 3600;
    const at = (id: string, h: number): Ledger['incidents'][number] => ({
      id,
      service_id: 'pcdh',
      started_at: new Date(day(h) * 1000).toISOString().replace('.000Z', 'Z'),
      ended_at: new Date((day(h) + 600) * 1000).toISOString().replace('.000Z', 'Z'),
      peak_level: 'major_outage',
      reasons: [],
      first_recorded_at: '2025-11-04T15:30:00+01:00',
      updated_at: '2025-11-04T15:30:00+01:00',
    });

    it('never reuses a number after a gap (1 and 3 recorded: the next is 4, not 2 or 3)', () => {
      const base: Ledger = { version: 1, incidents: [at('2025-11-03-pcdh-1', 0), at('2025-11-03-pcdh-3', 2)] };
      const r = mergeEpisodes(base, [ep({ start: day(5), end: day(5) + 300 })], opts);
      expect(r.added).toEqual(['2025-11-03-pcdh-4']);
      expect(writeProblems(base, r.ledger)).toEqual([]);
    });

    it('takes the highest number, not the last entry, when numbers are out of start order', () => {
      // -2 was detected after -1 but starts earlier: the last entry by start is -1.
      const base: Ledger = { version: 1, incidents: [at('2025-11-03-pcdh-2', 0), at('2025-11-03-pcdh-1', 2)] };
      const r = mergeEpisodes(base, [ep({ start: day(5), end: day(5) + 300 })], opts);
      expect(r.added).toEqual(['2025-11-03-pcdh-3']);
      expect(ledgerProblems(r.ledger)).toEqual([]);
    });

    it('ignores numbers of other services and other days, and ids of another form', () => {
      const base: Ledger = { version: 1, incidents: [{ ...at('2025-11-03-pcdhx-7', 0), service_id: 'pcdhx' }, at('2025-11-04-pcdh-5', 30)] };
      const r = mergeEpisodes(base, [ep({ start: day(5), end: day(5) + 300 })], opts);
      expect(r.added).toEqual(['2025-11-03-pcdh-1']);
    });
  });

  describe('the ledger\'s invariants hold after every merge', () => {
    it('does not close an ongoing incident before it began when `now` is earlier (the clock went back)', () => {
      const first = mergeEpisodes(emptyLedger(), [ep({ service_id: 'raotd', start: 1762265760, end: null })], opts);
      const r = mergeEpisodes(first.ledger, [], { ...opts, now: 1762135200 }); // 2025-11-03 03:00
      expect(r.ledger.incidents[0]?.ended_at).toBeNull();
      expect(writeProblems(first.ledger, r.ledger)).toEqual([]);
    });

    it('does not duplicate the episode when the ongoing incident is confirmed again later', () => {
      const first = mergeEpisodes(emptyLedger(), [ep({ service_id: 'raotd', start: 1762265760, end: null })], opts);
      const r = mergeEpisodes(first.ledger, [ep({ service_id: 'raotd', start: 1762265760, end: null })], { ...opts, now: NOW + 600 });
      expect(r.added).toEqual([]);
      expect(r.ledger.incidents).toHaveLength(1);
      expect(r.ledger.incidents[0]?.updated_at).toBe('2025-11-04T15:40:00+01:00');
    });

    it('never ends an incident before it started, even when the episode ends just before the entry\'s start', () => {
      const first = mergeEpisodes(emptyLedger(), [ep({ end: null })], { ...opts, now: INC_A.start + 60 });
      const r = mergeEpisodes(first.ledger, [ep({ start: INC_A.start - 200, end: INC_A.start - 100 })], opts);
      expect(ledgerProblems(r.ledger)).toEqual([]);
      expect(r.ledger.incidents).toHaveLength(1);
    });

    it('keeps an ongoing incident that follows a resolved one from growing back over it', () => {
      const resolved = mergeEpisodes(emptyLedger(), [ep()], opts);
      const reopened = mergeEpisodes(resolved.ledger, [ep({ start: INC_A.end + 120, end: null })], opts);
      expect(reopened.added).toEqual(['2025-11-03-pcdh-2']);
      // The engine now sees one long episode from the first start: the new incident still starts at the old end.
      const r = mergeEpisodes(reopened.ledger, [ep({ start: INC_A.start, end: null })], { ...opts, now: NOW + 60 });
      expect(r.ledger.incidents.map((e) => [e.id, e.started_at, e.ended_at])).toEqual([
        ['2025-11-03-pcdh-1', '2025-11-03T09:14:00+01:00', '2025-11-03T09:23:00+01:00'],
        ['2025-11-03-pcdh-2', '2025-11-03T09:23:00+01:00', null],
      ]);
      expect(writeProblems(reopened.ledger, r.ledger)).toEqual([]);
    });

    it('absorbs a re-detection of a resolved incident without changing its times, but lets its peak grow', () => {
      const first = mergeEpisodes(emptyLedger(), [ep({ peak_level: 'degraded' })], opts);
      const r = mergeEpisodes(first.ledger, [ep({ start: INC_A.start + 60, end: INC_A.end + 120, peak_level: 'major_outage', reasons: [slow] })], { ...opts, now: NOW + 60 });
      expect(r.added).toEqual([]);
      expect(r.ledger.incidents[0]).toMatchObject({ started_at: '2025-11-03T09:14:00+01:00', ended_at: '2025-11-03T09:23:00+01:00', peak_level: 'major_outage', reasons: [down, slow], updated_at: '2025-11-04T15:31:00+01:00' });
    });

    it('changes nothing, not even updated_at, when a resolved incident is re-detected the same', () => {
      const first = mergeEpisodes(emptyLedger(), [ep()], opts);
      const r = mergeEpisodes(first.ledger, [ep()], { ...opts, now: NOW + 600 });
      expect(r.ledger).toEqual(first.ledger);
      expect(r.updated).toEqual([]);
    });
  });
});

describe('ledgerAsOf (what a replay merges into, in memory)', () => {
  const first = mergeEpisodes(emptyLedger(), [ep(), ep({ service_id: 'raotd', start: 1762265760, end: 1762266000 })], opts);

  it('leaves out incidents that began after the replayed instant', () => {
    expect(ledgerAsOf(first.ledger, 1762135200).incidents).toEqual([]);
  });

  it('shows an incident resolved after the replayed instant as ongoing then, and one resolved before as it is', () => {
    const view = ledgerAsOf(first.ledger, 1762265800);
    expect(view.incidents.map((e) => [e.id, e.ended_at])).toEqual([
      ['2025-11-03-pcdh-1', '2025-11-03T09:23:00+01:00'],
      ['2025-11-04-raotd-1', null],
    ]);
  });

  it('keeps an incident that starts exactly at the instant, and one that ends exactly then as resolved', () => {
    expect(ledgerAsOf(first.ledger, INC_A.start).incidents.map((e) => e.ended_at)).toEqual([null]);
    expect(ledgerAsOf(first.ledger, INC_A.end).incidents.map((e) => e.ended_at)).toEqual(['2025-11-03T09:23:00+01:00']);
  });
});

describe('entriesBetween', () => {
  const l = mergeEpisodes(emptyLedger(), [ep(), ep({ service_id: 'raotd', start: 1762265760, end: null })], opts).ledger;
  it('returns the entries touching a half-open span, ongoing ones to infinity', () => {
    expect(entriesBetween(l, INC_A.end, INC_A.end + 60).map((e) => e.id)).toEqual([]);
    expect(entriesBetween(l, INC_A.end - 1, INC_A.end).map((e) => e.id)).toEqual(['2025-11-03-pcdh-1']);
    expect(entriesBetween(l, INC_A.start - 60, INC_A.start).map((e) => e.id)).toEqual([]);
    expect(entriesBetween(l, 1762265760 + 86_400 * 30, 1762265760 + 86_400 * 31).map((e) => e.id)).toEqual(['2025-11-04-raotd-1']);
  });
});

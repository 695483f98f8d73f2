import { describe, expect, it } from 'vitest';
import { emptyLedger, MERGE_SLACK_SECONDS, mergeEpisodes, type DetectedEpisode, type Ledger } from '../../../src/lib/ledger/ledger';
import { ledgerProblems } from '../../../src/lib/ledger/invariants';

const TZ = 'Europe/Brussels';
const START = 1762157640; // 2025-11-03 09:14 CET
const END = 1762158180; // 09:23
const NOW = 1762266600; // 2025-11-04 15:30 CET
const opts = { now: NOW, coveredFrom: 1760452200, timeZone: TZ };
const ep = (over: Partial<DetectedEpisode> = {}): DetectedEpisode => ({ service_id: 'pcdh', start: START, end: END, peak_level: 'major_outage', reasons: [], ...over });
const resolved = mergeEpisodes(emptyLedger(), [ep()], opts).ledger;
const ids = (l: Ledger) => l.incidents.map((e) => [e.id, e.started_at, e.ended_at]);

describe('merging at the edges of the slack', () => {
  it.each([
    ['starting exactly at the end plus the slack', START + 0, END + MERGE_SLACK_SECONDS, END + MERGE_SLACK_SECONDS],
    ['starting a minute after the end', END + 60, END + 120, END + 120],
    ['ending exactly the slack before the start', START - 600, START - MERGE_SLACK_SECONDS, START - MERGE_SLACK_SECONDS],
  ])('absorbs into a resolved incident an episode %s', (_what, start, end) => {
    const r = mergeEpisodes(resolved, [ep({ start: start === START ? END + MERGE_SLACK_SECONDS : start, end })], opts);
    expect(r.added).toEqual([]);
    expect(ids(r.ledger)).toEqual(ids(resolved));
  });

  it('opens a new incident for an episode a minute beyond the slack', () => {
    const r = mergeEpisodes(resolved, [ep({ start: END + MERGE_SLACK_SECONDS + 60, end: END + MERGE_SLACK_SECONDS + 120 })], opts);
    expect(r.added).toEqual(['2025-11-03-pcdh-2']);
  });

  it('closes an unconfirmed ongoing incident that starts exactly at now, at now', () => {
    const open = mergeEpisodes(emptyLedger(), [ep({ start: NOW - 60, end: null })], { ...opts, now: NOW - 60 }).ledger;
    const r = mergeEpisodes(open, [], { ...opts, now: NOW - 60 });
    expect(r.ledger.incidents[0]?.ended_at).toBe('2025-11-04T15:29:00+01:00');
  });
});

describe('an ongoing incident after a resolved one', () => {
  it('grows back only to the end of its own service\'s resolved incident, not to other services\' or later ones', () => {
    const base = mergeEpisodes(resolved, [ep({ service_id: 'gfd', start: START - 840, end: END + 1020 }), ep({ start: END + 120, end: null })], opts).ledger;
    expect(ids(base).map((x) => x[0])).toEqual(['2025-11-03-gfd-1', '2025-11-03-pcdh-1', '2025-11-03-pcdh-2']);
    const r = mergeEpisodes(base, [ep({ start: START - 3600, end: null }), ep({ service_id: 'gfd', start: START - 840, end: END + 1020 })], { ...opts, now: NOW + 60 });
    expect(r.ledger.incidents.find((e) => e.id === '2025-11-03-pcdh-2')?.started_at).toBe('2025-11-03T09:23:00+01:00');
    expect(ledgerProblems(r.ledger)).toEqual([]);
  });
});

describe('order', () => {
  it('numbers the episodes of a day in the order they started, whatever order they come in', () => {
    const r = mergeEpisodes(emptyLedger(), [ep({ start: START + 7200, end: START + 7800 }), ep({ service_id: 'gfd' }), ep()], opts);
    expect(ids(r.ledger)).toEqual([
      ['2025-11-03-gfd-1', '2025-11-03T09:14:00+01:00', '2025-11-03T09:23:00+01:00'],
      ['2025-11-03-pcdh-1', '2025-11-03T09:14:00+01:00', '2025-11-03T09:23:00+01:00'],
      ['2025-11-03-pcdh-2', '2025-11-03T11:14:00+01:00', '2025-11-03T11:24:00+01:00'],
    ]);
  });

  it('keeps the file sorted by start, then service, then id, after adding into the middle', () => {
    const later = mergeEpisodes(emptyLedger(), [ep({ start: START + 7200, end: START + 7800 })], opts).ledger;
    const r = mergeEpisodes(later, [ep({ service_id: 'raotd', start: START + 60, end: END }), ep()], opts);
    expect(r.ledger.incidents.map((e) => e.id)).toEqual(['2025-11-03-pcdh-2', '2025-11-03-raotd-1', '2025-11-03-pcdh-1']);
    expect(r.ledger.incidents.map((e) => e.started_at)).toEqual(['2025-11-03T09:14:00+01:00', '2025-11-03T09:15:00+01:00', '2025-11-03T11:14:00+01:00']);
  });

  it('gives a re-detected peak to the earliest of the incidents it touches', () => {
    const two = mergeEpisodes(emptyLedger(), [ep({ peak_level: 'degraded' }), ep({ start: END + 600, end: END + 660, peak_level: 'degraded' })], opts).ledger;
    expect(two.incidents).toHaveLength(2);
    const r = mergeEpisodes(two, [ep({ start: START, end: END + 660, peak_level: 'major_outage' })], opts);
    expect(r.ledger.incidents.map((e) => e.peak_level)).toEqual(['major_outage', 'degraded']);
  });
});

describe('ledgerProblems, more edges', () => {
  const entry = (id: string, s: string, e: string | null) => ({ id, service_id: 'pcdh', started_at: s, ended_at: e, peak_level: 'major_outage' as const, reasons: [], first_recorded_at: s, updated_at: s });
  it('names an id that is not of the detected form', () => {
    expect(ledgerProblems({ version: 1, incidents: [entry('pcdh-storing', '2025-11-03T09:00:00Z', null)] })).toEqual(['incident pcdh-storing: the id does not name its service "pcdh"']);
  });

  it('finds an overlap with the longest incident seen so far, not only the previous one', () => {
    const l = {
      version: 1 as const,
      incidents: [
        entry('2025-11-03-pcdh-1', '2025-11-03T09:00:00Z', '2025-11-03T09:05:00Z'),
        entry('2025-11-03-pcdh-2', '2025-11-03T09:10:00Z', '2025-11-03T18:00:00Z'),
        entry('2025-11-03-pcdh-3', '2025-11-03T09:20:00Z', '2025-11-03T09:25:00Z'),
        entry('2025-11-03-pcdh-4', '2025-11-03T12:00:00Z', '2025-11-03T12:05:00Z'),
      ],
    };
    expect(ledgerProblems(l).map((p) => p.split(':')[0])).toEqual(['incident 2025-11-03-pcdh-3', 'incident 2025-11-03-pcdh-4']);
  });
});

describe('an ongoing incident grows back to the latest end of its own service, wherever that is in the file', () => {
  const at = (h: number): number => START + h * 3600;
  const hhmm = (l: Ledger, id: string) => l.incidents.find((e) => e.id === id)?.started_at;

  it('stops at its own service\'s resolved incident, not at another service\'s that ended later', () => {
    const base = mergeEpisodes(resolved, [ep({ service_id: 'gfd', start: START - 840, end: END + 60 }), ep({ start: END + 120, end: null })], opts).ledger;
    const r = mergeEpisodes(base, [ep({ start: START - 3600, end: null }), ep({ service_id: 'gfd', start: START - 840, end: END + 60 })], { ...opts, now: NOW + 60 });
    expect(hhmm(r.ledger, '2025-11-03-pcdh-2')).toBe('2025-11-03T09:23:00+01:00');
  });

  it('stops at a resolved incident that ends exactly where it starts', () => {
    const reopened = mergeEpisodes(resolved, [ep({ start: END, end: null })], opts).ledger;
    expect(hhmm(reopened, '2025-11-03-pcdh-2')).toBe('2025-11-03T09:23:00+01:00');
    const r = mergeEpisodes(reopened, [ep({ start: START - 3600, end: null })], { ...opts, now: NOW + 60 });
    expect(hhmm(r.ledger, '2025-11-03-pcdh-2')).toBe('2025-11-03T09:23:00+01:00');
    expect(ledgerProblems(r.ledger)).toEqual([]);
  });

  it('stops at the latest resolved end even when the file lists that incident first', () => {
    const sorted = mergeEpisodes(emptyLedger(), [ep(), ep({ start: at(1), end: at(1) + 600 }), ep({ start: at(1) + 1200, end: null })], opts).ledger;
    const [first, second, open] = sorted.incidents;
    const shuffled: Ledger = { version: 1, incidents: [second!, first!, open!] };
    const r = mergeEpisodes(shuffled, [ep({ start: START - 3600, end: null })], { ...opts, now: NOW + 60 });
    expect(hhmm(r.ledger, '2025-11-03-pcdh-3')).toBe('2025-11-03T10:24:00+01:00');
  });
});

describe('merging whatever the file looks like', () => {
  it('gives a re-detected peak to the earliest incident it touches even when the file lists it second', () => {
    const two = mergeEpisodes(emptyLedger(), [ep({ peak_level: 'degraded' }), ep({ start: END + 600, end: END + 660, peak_level: 'degraded' })], opts).ledger;
    const reversed: Ledger = { version: 1, incidents: [...two.incidents].reverse() };
    const r = mergeEpisodes(reversed, [ep({ start: START, end: END + 660, peak_level: 'major_outage' })], opts);
    expect(r.ledger.incidents.map((e) => [e.id, e.peak_level])).toEqual([
      ['2025-11-03-pcdh-1', 'major_outage'],
      ['2025-11-03-pcdh-2', 'degraded'],
    ]);
  });

  it('does not add a reason again when the file writes its languages in another order', () => {
    const withReason = mergeEpisodes(emptyLedger(), [ep({ reasons: [{ nl: 'Geen oproepen', fr: 'Aucun appel' }] })], opts).ledger;
    const reordered: Ledger = { version: 1, incidents: withReason.incidents.map((e) => ({ ...e, reasons: [{ fr: 'Aucun appel', nl: 'Geen oproepen' }] })) };
    const r = mergeEpisodes(reordered, [ep({ reasons: [{ nl: 'Geen oproepen', fr: 'Aucun appel' }] })], { ...opts, now: NOW + 60 });
    expect(r.ledger.incidents[0]?.reasons).toEqual([{ fr: 'Aucun appel', nl: 'Geen oproepen' }]);
    expect(r.updated).toEqual([]);
  });

  it('keeps an ongoing incident\'s start as the file writes it when a confirmation does not move it', () => {
    const open = mergeEpisodes(emptyLedger(), [ep({ end: null })], { ...opts, now: START + 120 }).ledger;
    const utc: Ledger = { version: 1, incidents: open.incidents.map((e) => ({ ...e, started_at: '2025-11-03T08:14:00Z' })) };
    const r = mergeEpisodes(utc, [ep({ end: null })], opts);
    expect(r.ledger.incidents[0]?.started_at).toBe('2025-11-03T08:14:00Z');
    expect(r.ledger.incidents[0]?.updated_at).toBe('2025-11-04T15:30:00+01:00');
  });

  it('still matches an incident that ends inside the covered history, its start cut off by the history\'s horizon', () => {
    const r = mergeEpisodes(resolved, [ep({ start: END - 60, end: END })], { ...opts, coveredFrom: END - 60 });
    expect(r.added).toEqual([]);
    expect(ids(r.ledger)).toEqual(ids(resolved));
  });

  it('makes one incident of two overlapping episodes of one service detected in the same run', () => {
    const r = mergeEpisodes(emptyLedger(), [ep(), ep({ start: START + 360, end: END + 60 })], opts);
    expect(ids(r.ledger)).toEqual([['2025-11-03-pcdh-1', '2025-11-03T09:14:00+01:00', '2025-11-03T09:23:00+01:00']]);
    expect(ledgerProblems(r.ledger)).toEqual([]);
  });
});

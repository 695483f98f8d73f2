import { describe, expect, it } from 'vitest';
import { idParts, ledgerProblems, writeProblems } from '../../../src/lib/ledger/invariants';
import type { Ledger, LedgerEntry } from '../../../src/lib/ledger/schema';

const entry = (id: string, started_at: string, ended_at: string | null, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id,
  service_id: id.slice(11).replace(/-\d+$/, ''),
  started_at,
  ended_at,
  peak_level: 'major_outage',
  reasons: [],
  first_recorded_at: '2025-11-04T15:30:00+01:00',
  updated_at: '2025-11-04T15:30:00+01:00',
  ...over,
});
const ledger = (...incidents: LedgerEntry[]): Ledger => ({ version: 1, incidents });

const A = entry('2025-11-03-pcdh-1', '2025-11-03T09:14:00+01:00', '2025-11-03T09:23:00+01:00');
const B = entry('2025-11-03-pcdh-2', '2025-11-03T12:00:00+01:00', '2025-11-03T12:30:00+01:00');
const OPEN = entry('2025-11-04-raotd-1', '2025-11-04T15:16:00+01:00', null);

describe('idParts', () => {
  it('splits an id into its date-and-service prefix and its number, services with dashes included', () => {
    expect(idParts('2025-11-03-pcdh-12')).toEqual({ prefix: '2025-11-03-pcdh', n: 12 });
    expect(idParts('2025-11-03-assur-pharma-3')).toEqual({ prefix: '2025-11-03-assur-pharma', n: 3 });
  });

  it('gives null for what is not a detected id', () => {
    expect(idParts('2025-11-03-pcdh-storing')).toBeNull();
    expect(idParts('pcdh-1')).toBeNull();
    expect(idParts('2025-11-03-pcdh-')).toBeNull();
  });
});

describe('ledgerProblems (checked on load and before every write)', () => {
  it('finds nothing wrong in a ledger of separate incidents, an ongoing one included', () => {
    expect(ledgerProblems(ledger(A, B, OPEN))).toEqual([]);
  });

  it('accepts an incident that ends the minute it starts, and one that starts where the previous ended', () => {
    const instant = entry('2025-11-03-pcdh-1', '2025-11-03T09:14:00+01:00', '2025-11-03T09:14:00+01:00');
    const next = entry('2025-11-03-pcdh-2', '2025-11-03T09:14:00+01:00', '2025-11-03T09:20:00+01:00');
    expect(ledgerProblems(ledger(instant, next))).toEqual([]);
  });

  it('refuses an incident resolved before it began, naming it', () => {
    const broken = entry('2025-11-04-raotd-1', '2025-11-04T15:16:00+01:00', '2025-11-03T03:00:00+01:00');
    expect(ledgerProblems(ledger(broken))).toEqual(['incident 2025-11-04-raotd-1: ended_at 2025-11-03T03:00:00+01:00 is before started_at 2025-11-04T15:16:00+01:00']);
  });

  it('compares instants, not strings: the same minute written in another offset is no problem', () => {
    expect(ledgerProblems(ledger(entry('2025-11-03-pcdh-1', '2025-11-03T09:14:00+01:00', '2025-11-03T08:14:00Z')))).toEqual([]);
    expect(ledgerProblems(ledger(entry('2025-11-03-pcdh-1', '2025-11-03T09:14:00+01:00', '2025-11-03T08:13:00Z')))).toHaveLength(1);
  });

  it('refuses an id used twice', () => {
    expect(ledgerProblems(ledger(A, { ...B, id: A.id }))).toContain('incident 2025-11-03-pcdh-1: the id appears twice — every incident needs its own id');
  });

  it('refuses an id that names another service', () => {
    expect(ledgerProblems(ledger({ ...A, service_id: 'gfd' }))).toEqual(['incident 2025-11-03-pcdh-1: the id does not name its service "gfd"']);
  });

  it('refuses two incidents of one service over the same time: one episode is one incident', () => {
    const dup = entry('2025-11-04-raotd-2', '2025-11-04T15:20:00+01:00', null);
    expect(ledgerProblems(ledger(OPEN, dup))).toEqual(['incident 2025-11-04-raotd-2: overlaps incident 2025-11-04-raotd-1 of the same service — one episode must be one incident']);
    const inside = entry('2025-11-03-pcdh-3', '2025-11-03T09:15:00+01:00', '2025-11-03T09:16:00+01:00');
    expect(ledgerProblems(ledger(A, inside))).toHaveLength(1);
  });

  it('finds an overlap with a long incident even after a short one in between, in any file order', () => {
    const long = entry('2025-11-03-pcdh-1', '2025-11-03T09:00:00+01:00', '2025-11-03T18:00:00+01:00');
    const short = entry('2025-11-03-pcdh-2', '2025-11-03T10:00:00+01:00', '2025-11-03T10:05:00+01:00');
    const late = entry('2025-11-03-pcdh-3', '2025-11-03T12:00:00+01:00', '2025-11-03T12:05:00+01:00');
    expect(ledgerProblems(ledger(late, short, long))).toHaveLength(2);
  });

  it('lets two services be down at the same time', () => {
    const gfd = entry('2025-11-03-gfd-1', A.started_at, A.ended_at);
    expect(ledgerProblems(ledger(A, gfd))).toEqual([]);
  });
});

describe('writeProblems (a write that would break an invariant is refused)', () => {
  it('allows adding a new incident and closing an ongoing one', () => {
    const closed = { ...OPEN, ended_at: '2025-11-04T16:00:00+01:00' };
    expect(writeProblems(ledger(A, OPEN), ledger(A, closed, B))).toEqual([]);
  });

  it('allows an ongoing incident to start earlier as more history is seen', () => {
    expect(writeProblems(ledger(OPEN), ledger({ ...OPEN, started_at: '2025-11-04T15:10:00+01:00' }))).toEqual([]);
  });

  it('refuses to remove an entry', () => {
    expect(writeProblems(ledger(A, B), ledger(B))).toEqual(['incident 2025-11-03-pcdh-1: would be removed — no recorded incident may be lost']);
  });

  it.each([
    ['its end', { ended_at: '2025-11-03T09:30:00+01:00' }, '2025-11-03T09:14:00+01:00 – 2025-11-03T09:30:00+01:00'],
    ['its start', { started_at: '2025-11-03T09:10:00+01:00' }, '2025-11-03T09:10:00+01:00 – 2025-11-03T09:23:00+01:00'],
    ['it back to ongoing', { ended_at: null }, '2025-11-03T09:14:00+01:00 – ongoing'],
  ])('refuses to change a resolved incident\'s times: %s', (_what, change, became) => {
    expect(writeProblems(ledger(A), ledger({ ...A, ...change }))).toEqual([
      `incident 2025-11-03-pcdh-1: resolved 2025-11-03T09:14:00+01:00 – 2025-11-03T09:23:00+01:00, would become ${became} — a resolved incident's times never change`,
    ]);
  });

  it('lets a resolved incident\'s peak and reasons grow', () => {
    expect(writeProblems(ledger(A), ledger({ ...A, peak_level: 'partial_outage', reasons: [{ nl: 'Traag' }] }))).toEqual([]);
  });

  it('refuses a new incident that reuses a number below the highest, even in a gap', () => {
    const three = entry('2025-11-03-pcdh-3', '2025-11-03T20:00:00+01:00', '2025-11-03T20:10:00+01:00');
    const gap = entry('2025-11-03-pcdh-2', '2025-11-03T12:00:00+01:00', '2025-11-03T12:30:00+01:00');
    expect(writeProblems(ledger(A, three), ledger(A, three, gap))).toEqual(['incident 2025-11-03-pcdh-2: new, but number 3 of 2025-11-03-pcdh is already taken — ids are never reused, even after gaps']);
    const four = { ...gap, id: '2025-11-03-pcdh-4' };
    expect(writeProblems(ledger(A, three), ledger(A, three, four))).toEqual([]);
  });

  it('refuses a new incident numbered like the highest (numbering by count after a gap)', () => {
    const three = entry('2025-11-03-pcdh-3', '2025-11-03T20:00:00+01:00', '2025-11-03T20:10:00+01:00');
    const again = entry('2025-11-03-pcdh-3', '2025-11-03T21:00:00+01:00', '2025-11-03T21:10:00+01:00');
    expect(writeProblems(ledger(three), ledger(three, { ...again, id: '2025-11-03-pcdh-2' }))).toHaveLength(1);
  });

  it('reports the problems of the new ledger itself too', () => {
    const broken = { ...B, ended_at: '2025-11-03T11:00:00+01:00' };
    expect(writeProblems(ledger(A), ledger(A, broken))).toEqual([`incident 2025-11-03-pcdh-2: ended_at 2025-11-03T11:00:00+01:00 is before started_at 2025-11-03T12:00:00+01:00`]);
  });

  it('numbers per date and service: another day or service starts from its own highest', () => {
    const otherDay = entry('2025-11-04-pcdh-1', '2025-11-04T09:00:00+01:00', '2025-11-04T09:10:00+01:00');
    const otherService = entry('2025-11-03-gfd-1', A.started_at, A.ended_at);
    expect(writeProblems(ledger(A, B), ledger(A, B, otherDay, otherService))).toEqual([]);
  });
});

describe('invariants at the edges of the id form and the overlap check', () => {
  it('refuses an id with anything before its date or after its number', () => {
    const before = entry('x2025-11-03-pcdh-1', A.started_at, A.ended_at, { service_id: 'pcdh' });
    const after = entry('2025-11-03-pcdh-1x', B.started_at, B.ended_at, { service_id: 'pcdh' });
    expect(ledgerProblems(ledger(before, after))).toEqual([
      'incident x2025-11-03-pcdh-1: the id does not name its service "pcdh"',
      'incident 2025-11-03-pcdh-1x: the id does not name its service "pcdh"',
    ]);
  });

  it('names the first of two equally long incidents as the one a third overlaps', () => {
    const first = entry('2025-11-03-pcdh-1', '2025-11-03T09:00:00Z', '2025-11-03T10:00:00Z');
    const second = entry('2025-11-03-pcdh-2', '2025-11-03T09:10:00Z', '2025-11-03T10:00:00Z');
    const third = entry('2025-11-03-pcdh-3', '2025-11-03T09:20:00Z', '2025-11-03T09:30:00Z');
    expect(ledgerProblems(ledger(first, second, third))).toEqual([
      'incident 2025-11-03-pcdh-2: overlaps incident 2025-11-03-pcdh-1 of the same service — one episode must be one incident',
      'incident 2025-11-03-pcdh-3: overlaps incident 2025-11-03-pcdh-1 of the same service — one episode must be one incident',
    ]);
  });

  it('reports an id of another form in the old or the new ledger instead of crashing the write check', () => {
    const odd = entry('pcdh-storing', A.started_at, A.ended_at, { service_id: 'pcdh' });
    expect(writeProblems(ledger(odd), ledger(odd, B))).toEqual(['incident pcdh-storing: the id does not name its service "pcdh"']);
    const newOdd = entry('pcdh-storing-2', B.started_at, B.ended_at, { service_id: 'pcdh' });
    expect(writeProblems(ledger(A), ledger(A, newOdd))).toEqual(['incident pcdh-storing-2: the id does not name its service "pcdh"']);
  });

  it('refuses a new id that writes a taken number with a leading zero', () => {
    const two = entry('2025-11-03-pcdh-2', B.started_at, B.ended_at);
    const zero = entry('2025-11-03-pcdh-02', '2025-11-03T20:00:00+01:00', '2025-11-03T20:10:00+01:00');
    expect(writeProblems(ledger(A, two), ledger(A, two, zero))).toEqual(['incident 2025-11-03-pcdh-02: new, but number 2 of 2025-11-03-pcdh is already taken — ids are never reused, even after gaps']);
  });
});

import { describe, expect, it } from 'vitest';
import { findingsReason, formatPercent, roughly, staleReason } from '../../../src/lib/health/reasons';

const none = (): undefined => undefined;

describe('reasons in plain words', () => {
  it('says how many calls came and how many were expected, in every language', () => {
    const r = findingsReason([{ kind: 'traffic_low', level: 'major_outage', metric: 'calls', value: 3, expected: 2134 }], none);
    expect(r.en).toBe('Calls 3/min, ~2,100/min expected at this hour');
    expect(r.nl).toBe('Oproepen 3/min, ~2.100/min verwacht op dit uur');
    expect(r.fr).toMatch(/^Appels 3\/min, ~2\s100\/min attendus à cette heure$/u);
    expect(r.de).toBe('Aufrufe 3/min, ~2.100/min zu dieser Stunde erwartet');
  });

  it('says which share of calls fails and what is normal', () => {
    const r = findingsReason([{ kind: 'errors_high', level: 'partial_outage', metric: 'errors', ratio: 0.18, normal: 0.004 }], none);
    expect(r.en).toBe('18 % of calls fail (normally 0.4 %)');
    expect(r.nl).toBe('18 % van de oproepen mislukt (normaal 0,4 %)');
    expect(r.fr).toBe('18 % des appels échouent (normalement 0,4 %)');
    expect(r.de).toBe('18 % der Aufrufe schlagen fehl (normal 0,4 %)');
  });

  it('uses the configured metric label for response times', () => {
    const r = findingsReason([{ kind: 'latency_high', level: 'degraded', metric: 'p95', value: 3072, expected: 389, limit: null }], () => ({ nl: 'Antwoordtijd (p95)' }));
    expect(r.nl).toBe('Antwoordtijd (p95) 3.072 ms, normaal ~390 ms');
    expect(r.en).toBe('Response time 3,072 ms, normally ~390 ms');
  });

  it('puts the worst finding first', () => {
    const r = findingsReason(
      [
        { kind: 'backlog_high', level: 'degraded', metric: 'q', value: 1500, expected: 20 },
        { kind: 'errors_high', level: 'partial_outage', metric: 'e', ratio: 0.3, normal: Number.NaN },
      ],
      none,
    );
    expect(r.en).toBe('30 % of calls fail; 1,500 messages waiting to be processed (normally ~20)');
  });

  it('formats small and large percentages and rounds expectations to two digits', () => {
    expect(formatPercent(0.0025, 'en')).toBe('0.3 %');
    expect(formatPercent(0.12, 'fr')).toBe('12 %');
    expect(roughly(2134)).toBe(2100);
    expect(roughly(4.4)).toBe(4);
  });

  it('says since when data is missing', () => {
    expect(staleReason('13:50').nl).toBe('Geen meetgegevens sinds 13:50');
  });
});

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

  it('uses the configured metric label for response times, and the built-in wording with its qualifier in the other languages', () => {
    const labels = () => ({ nl: 'Antwoordtijd (p95)', fr: 'Temps de réponse (p95)' });
    const r = findingsReason([{ kind: 'latency_high', level: 'degraded', metric: 'p95', value: 3072, expected: 389, limit: null }], labels);
    expect(r.nl).toBe('Antwoordtijd (p95) 3.072 ms, normaal ~390 ms');
    expect(r.fr).toMatch(/^Temps de réponse \(p95\) 3\s072 ms, normalement ~390 ms$/u);
    expect(r.de).toBe('Antwortzeit (p95) 3.072 ms, normal ~390 ms');
    expect(r.en).toBe('Response time (p95) 3,072 ms, normally ~390 ms');
  });

  it('words a response time in all four languages when the config gives no label', () => {
    const r = findingsReason([{ kind: 'latency_high', level: 'degraded', metric: 'p95', value: 2500, expected: 400, limit: 2000 }], none);
    expect(r).toEqual({
      nl: 'Antwoordtijd 2.500 ms, boven de grens van 2.000 ms',
      fr: expect.stringMatching(/^Temps de réponse 2\s500 ms, au-delà de la limite de 2\s000 ms$/u) as unknown as string,
      de: 'Antwortzeit 2.500 ms, über der Grenze von 2.000 ms',
      en: 'Response time 2,500 ms, above the 2,000 ms limit',
    });
  });

  it('keeps German nouns capitalised after another finding', () => {
    const r = findingsReason(
      [
        { kind: 'errors_high', level: 'partial_outage', metric: 'e', ratio: 0.3, normal: Number.NaN },
        { kind: 'latency_high', level: 'degraded', metric: 'p95', value: 2500, expected: 400, limit: 2000 },
      ],
      none,
    );
    expect(r.de).toBe('30 % der Aufrufe schlagen fehl; Antwortzeit 2.500 ms, über der Grenze von 2.000 ms');
    expect(r.en).toBe('30 % of calls fail; response time 2,500 ms, above the 2,000 ms limit');
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

import { describe, expect, it } from 'vitest';
import { metricLabel, metricLabels, ROLE_WORDS, sharedQualifier } from '../../../src/lib/health/wording';
import { LANGUAGES, METRIC_ROLES } from '../../../src/lib/snapshot/schema';

describe('built-in metric wording', () => {
  it('names every role in nl, fr, de and en', () => {
    for (const role of METRIC_ROLES) for (const lang of LANGUAGES) expect(ROLE_WORDS[role][lang].length).toBeGreaterThan(0);
  });

  it('keeps a configured label in its own language', () => {
    expect(metricLabel({ nl: 'Antwoordtijd (p95)' }, 'latency', 'nl')).toBe('Antwoordtijd (p95)');
  });

  it('fills a language the config does not cover with the role wording and the qualifier all labels share', () => {
    const labels = { nl: 'Antwoordtijd (p95)', fr: 'Temps de réponse (p95)' };
    expect(metricLabels(labels, 'latency')).toEqual({ nl: 'Antwoordtijd (p95)', fr: 'Temps de réponse (p95)', de: 'Antwortzeit (p95)', en: 'Response time (p95)' });
  });

  it('adds no qualifier when the labels do not share one', () => {
    expect(sharedQualifier({ nl: 'Wachtrij (intern)', fr: 'File (externe)' })).toBe('');
    expect(sharedQualifier({ nl: 'Berichten in wachtrij', fr: 'Messages en attente' })).toBe('');
    expect(metricLabel({ nl: 'Berichten in wachtrij' }, 'backlog', 'en')).toBe('Backlog');
    expect(metricLabel(undefined, 'traffic', 'de')).toBe('Aufrufe');
  });
});

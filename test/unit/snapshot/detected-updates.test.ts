import { describe, expect, it } from 'vitest';
import { detectedUpdates, resolvedBody } from '../../../src/lib/snapshot/incidents';

const reasons = [{ nl: '14 % van de oproepen mislukt', fr: '14 % des appels échouent' }];

describe('the updates of a detected incident', () => {
  it('resolves with "works normally again since" and the Brussels clock time, not the symptom', () => {
    expect(resolvedBody('2025-11-04T14:42:00Z')).toEqual({
      nl: 'Opgelost — werkt weer normaal sinds 15:42',
      fr: 'Résolu — fonctionne à nouveau normalement depuis 15:42',
      de: 'Behoben — funktioniert seit 15:42 wieder normal',
      en: 'Resolved — operational again since 15:42',
    });
  });

  it('uses the site zone for the clock time (summer time in Brussels)', () => {
    expect(resolvedBody('2025-07-01T10:05:00Z', 'Europe/Brussels')['nl']).toBe('Opgelost — werkt weer normaal sinds 12:05');
  });

  it('opens with the reasons seen and adds a resolved update only once the incident is over', () => {
    const open = detectedUpdates({ started_at: '2025-11-04T15:00:00+01:00', ended_at: null, reasons });
    expect(open).toEqual([{ status: 'investigating', at: '2025-11-04T15:00:00+01:00', body: reasons[0] }]);
    const over = detectedUpdates({ started_at: '2025-11-04T15:00:00+01:00', ended_at: '2025-11-04T15:42:00+01:00', reasons });
    expect(over.map((u) => u.status)).toEqual(['investigating', 'resolved']);
    expect(over[1]?.body['fr']).not.toContain('échouent');
  });
});

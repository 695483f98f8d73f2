import { describe, expect, it } from 'vitest';
import type { Level } from '../../../src/lib/levels';
import type { ServiceSnapshot } from '../../../src/lib/snapshot/schema';
import { formatList, splitServices, worstFirst } from '../../../src/lib/view/overview';

const svc = (id: string, level: Level): ServiceSnapshot => ({ id, name: { nl: id.toUpperCase() }, level } as unknown as ServiceSnapshot);

describe('the overview split', () => {
  it('lists the affected services worst first and the operational ones in config order', () => {
    const split = splitServices([svc('gfd', 'operational'), svc('pcdh', 'under_maintenance'), svc('raotd', 'partial_outage'), svc('assur', 'degraded'), svc('x', 'operational')], 'nl', 'nl');
    expect(split.affected.map((s) => s.id)).toEqual(['raotd', 'assur', 'pcdh']);
    expect(split.normal).toEqual(['GFD', 'X']);
  });

  it('names a service without a name in the page language by its default-language name', () => {
    expect(splitServices([svc('gfd', 'degraded')], 'fr', 'nl').affected[0]?.name).toBe('GFD');
  });

  it('puts the worst ongoing incident first, then the newest', () => {
    const inc = (id: string, peak_level: Level, started_at: string) => ({ id, peak_level, started_at });
    const sorted = worstFirst([inc('slow', 'degraded', '2025-11-04T15:05:00+01:00'), inc('errors', 'partial_outage', '2025-11-04T14:52:00+01:00'), inc('new', 'degraded', '2025-11-04T15:20:00+01:00')]);
    expect(sorted.map((i) => i.id)).toEqual(['errors', 'new', 'slow']);
  });

  it('joins names with the page language\'s conjunction', () => {
    expect(formatList(['RaOTD', 'AssurPharma', 'PCDH'], 'nl')).toBe('RaOTD, AssurPharma en PCDH');
    expect(formatList(['RaOTD', 'AssurPharma'], 'fr')).toBe('RaOTD et AssurPharma');
  });
});

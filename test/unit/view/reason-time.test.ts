import { describe, expect, it } from 'vitest';
import { localTimeFormatter } from '../../../src/lib/view/time';
import { parseIso } from '../../../src/lib/time/zone';

describe('localTimeFormatter (the time in a reason)', () => {
  const fmt = localTimeFormatter('Europe/Brussels');
  const now = parseIso('2025-11-04T15:30:00+01:00');

  it('gives only the local time for a time on the same local day', () => {
    expect(fmt(parseIso('2025-11-04T13:50:00+01:00'), now)).toBe('13:50');
    expect(fmt(parseIso('2025-11-04T00:05:00+01:00'), now)).toBe('00:05');
  });

  it('adds day/month for another local day, even when the UTC date is the same', () => {
    expect(fmt(parseIso('2025-11-03T13:50:00+01:00'), now)).toBe('3/11 13:50');
    // 23:30 UTC on 3 November is 00:30 on the 4th in Brussels: same local day.
    expect(fmt(parseIso('2025-11-03T23:30:00Z'), now)).toBe('00:30');
  });
});

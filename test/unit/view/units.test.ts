import { describe, expect, it } from 'vitest';
import { dict } from '../../../src/i18n';
import { ROLE_UNIT } from '../../../src/lib/charts/charts';
import { KNOWN_UNITS, localizeUnit } from '../../../src/lib/view/units';
import { formatValue } from '../../../src/lib/view/number';

describe('localizeUnit', () => {
  it.each([
    ['nl', 'calls/min', 'oproepen/min'],
    ['fr', 'calls/min', 'appels/min'],
    ['nl', 'messages', 'berichten'],
    ['fr', 'messages', 'messages'],
    ['de', 'errors/min', 'Fehler/min'],
    ['nl', '%', '%'],
    ['fr', 'ms', 'ms'],
  ] as const)('shows %s "%s" as "%s"', (lang, unit, shown) => {
    expect(localizeUnit(unit, dict(lang).units)).toBe(shown);
  });

  it('shows a unit it does not know as it comes, not empty', () => {
    expect(localizeUnit('req/s', dict('nl').units)).toBe('req/s');
    expect(localizeUnit('', dict('fr').units)).toBe('');
  });

  it('knows every unit the reduce step writes for a role', () => {
    for (const unit of Object.values(ROLE_UNIT)) expect(KNOWN_UNITS).toContain(unit);
  });

  it('formats a value with the translated unit', () => {
    expect(formatValue(1234, localizeUnit('calls/min', dict('nl').units), 'nl')).toBe('1.234\u00A0oproepen/min');
  });
});

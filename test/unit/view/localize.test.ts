import { describe, expect, it } from 'vitest';
import { localize, localizeString } from '../../../src/lib/view/localize';
import { formatPercent, formatValue } from '../../../src/lib/view/number';

describe('localize', () => {
  it('returns the text in the page language when present', () => {
    expect(localize({ nl: 'Storing', fr: 'Panne' }, 'fr', 'nl')).toEqual({ text: 'Panne', lang: 'fr', fallback: false });
  });
  it('falls back visibly to the default language when the page language is missing or empty', () => {
    expect(localize({ nl: 'Storing' }, 'fr', 'nl')).toEqual({ text: 'Storing', lang: 'nl', fallback: true });
    expect(localize({ nl: 'Storing', fr: '' }, 'fr', 'nl')).toEqual({ text: 'Storing', lang: 'nl', fallback: true });
  });
  it('uses any present language when even the default is missing', () => {
    expect(localize({ de: 'Ausfall' }, 'fr', 'nl')).toEqual({ text: 'Ausfall', lang: 'de', fallback: true });
  });
  it('returns null for an empty record or null, and "" as a plain string', () => {
    expect(localize({}, 'nl', 'nl')).toBeNull();
    expect(localize(null, 'nl', 'nl')).toBeNull();
    expect(localizeString(null, 'nl', 'nl')).toBe('');
  });
});

describe('formatPercent and formatValue', () => {
  it('format per language and show a dash for unknown values', () => {
    expect(formatPercent(0.9987, 'en')).toBe('99.87%');
    expect(formatPercent(0.9987, 'nl')).toBe('99,87%');
    expect(formatPercent(null, 'nl')).toBe('–');
    expect(formatValue(18, '%', 'fr')).toBe('18\u00A0%');
    expect(formatValue(1234, 'calls/min', 'en')).toBe('1,234\u00A0calls/min');
    expect(formatValue(0.4, '%', 'nl')).toBe('0,4\u00A0%'); // never breaks between number and unit
    expect(formatValue(22.8, 'berichten', 'nl', true)).toBe('23\u00A0berichten'); // a queue holds whole messages
    expect(formatValue(null, 'ms', 'en')).toBe('–');
  });
});

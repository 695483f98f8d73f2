import { describe, expect, it } from 'vitest';
import { incidentsPath, incidentsRest, servicePath, switchLanguage } from '../../../src/lib/view/urls';

describe('site URLs', () => {
  it('build history paths with filter and page, page 1 without suffix', () => {
    expect(incidentsPath('nl')).toBe('/nl/incidents/');
    expect(incidentsPath('nl', { page: 1 })).toBe('/nl/incidents/');
    expect(incidentsPath('fr', { page: 3 })).toBe('/fr/incidents/page/3/');
    expect(incidentsPath('fr', { service: 'gfd', page: 2 })).toBe('/fr/incidents/service/gfd/page/2/');
    expect(incidentsRest(undefined, 1)).toBeUndefined();
    expect(incidentsRest('gfd', 2)).toBe('service/gfd/page/2');
  });
  it('switch the language of a path and keep the page', () => {
    expect(switchLanguage(servicePath('nl', 'raotd'), 'fr')).toBe('/fr/services/raotd/');
    expect(switchLanguage('/nl/', 'de')).toBe('/de/');
  });
});

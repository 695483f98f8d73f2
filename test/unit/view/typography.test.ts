import { describe, expect, it } from 'vitest';
import { typeset, typesetAll } from '../../../src/lib/view/typography';

const NB = '\u00A0';
const NN = '\u202F';

describe('French typography', () => {
  it.each([
    ['RaOTD: 25 %', `RaOTD${NB}: 25${NN}%`],
    ['Rediffusion : cette page', `Rediffusion${NB}: cette page`],
    ['18% des appels échouent (normalement < 1 %)', `18${NN}% des appels échouent (normalement < 1${NN}%)`],
    ['Que faire ? Rien !', `Que faire${NN}? Rien${NN}!`],
    ['90 jours ; 2 jours', `90 jours${NN}; 2 jours`],
    ['« panne partielle »', `«${NB}panne partielle${NB}»`],
  ])('spaces %j as French does', (input, output) => {
    expect(typeset(input, 'fr')).toBe(output);
  });

  it('leaves clock times, URLs and ratios alone', () => {
    expect(typeset('depuis 15:42, voir https://status.farmaflux.be/fr/ (1:2)', 'fr')).toBe('depuis 15:42, voir https://status.farmaflux.be/fr/ (1:2)');
  });

  it('is idempotent', () => {
    const once = typeset('RaOTD: 25 % ; « oui » ?', 'fr');
    expect(typeset(once, 'fr')).toBe(once);
  });

  it('keeps "0,4 %" together in Dutch too, without changing Dutch colons', () => {
    expect(typeset('RaOTD: 0,4 % fouten', 'nl')).toBe(`RaOTD: 0,4${NB}% fouten`);
  });

  it('typesets the strings a dictionary returns from its functions', () => {
    const d = typesetAll({ a: 'Touchés : X', f: (n: string) => `Statut: ${n}`, list: ['a ?'] }, 'fr');
    expect(d.a).toBe(`Touchés${NB}: X`);
    expect(d.f('ok')).toBe(`Statut${NB}: ok`);
    expect(d.list).toEqual([`a${NN}?`]);
  });
});

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { badgeContent, badgeSvg, shieldsEndpoint } from '../../../src/lib/badges/badge';
import { LEVELS, levelColor, type Level } from '../../../src/lib/levels';
import { LANGUAGES } from '../../../src/lib/snapshot/schema';
import { dict } from '../../../src/i18n';
import { GENERATED, VALID_UNTIL, service, snapshot } from '../api/factory';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

/** All visible texts of a badge (the <text> elements not hidden from assistive tech). */
function parse(svg: string): { title: string; texts: string[]; fills: string[]; root: Record<string, string> } {
  const tree = parser.parse(svg) as { svg: any };
  const texts: string[] = [];
  const fills: string[] = [];
  const walk = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    if (node.rect) [node.rect].flat().forEach((r: any) => r.fill && fills.push(r.fill));
    if (node.text) [node.text].flat().forEach((t: any) => texts.push(typeof t === 'object' ? String(t['#text']) : String(t)));
    Object.values(node).forEach(walk);
  };
  walk(tree.svg);
  return { title: String(tree.svg.title), texts, fills, root: tree.svg };
}

const HEX: Record<string, string> = { green: '#4b0', orange: '#ea7233', red: '#dd4343', grey: '#939393', blue: '#007ec6' };

describe('badges', () => {
  for (const level of LEVELS) {
    for (const lang of LANGUAGES) {
      it(`renders a valid SVG for a ${level} service in ${lang}, with the level in words and colour`, () => {
        const s = snapshot({ services: [service('gfd', level)], overall: level });
        const content = badgeContent(s, lang, GENERATED, 'gfd');
        expect(content).not.toBeNull();
        const svg = badgeSvg(content!, 'gfd');
        expect(XMLValidator.validate(svg)).toBe(true);
        const { title, texts, fills, root } = parse(svg);
        expect(texts).toContain('GFD');
        expect(texts).toContain(dict(lang).level[level]);
        expect(root['aria-label']).toBe(`GFD: ${dict(lang).level[level]}`);
        expect(title).toContain('2025-11-04 15:30');
        expect(fills.map((f) => f.toLowerCase())).toContain(HEX[levelColor(level)]);
      });
    }
  }

  it('labels the page badge with the site title and the overall level', () => {
    const s = snapshot({ services: [service('gfd', 'degraded')], overall: 'degraded' });
    const content = badgeContent(s, 'fr', GENERATED)!;
    expect(content).toMatchObject({ label: 'Statut test', message: dict('fr').level.degraded, color: 'orange' });
    expect(content.title).toBe(`Statut test: ${dict('fr').level.degraded} — mis à jour 2025-11-04 15:30`);
  });

  it('turns grey and says unknown once the clock passes valid_until', () => {
    const s = snapshot();
    const content = badgeContent(s, 'nl', VALID_UNTIL, 'gfd')!;
    expect(content).toMatchObject({ message: dict('nl').level.unknown, color: 'lightgrey' });
  });

  it('labels a service badge with its configured short name, in every language', () => {
    const s = snapshot({ services: [service('gfd', 'operational', { name: { nl: 'Gedeeld Farmaceutisch Dossier', fr: 'Dossier Pharmaceutique Partagé' }, short_name: 'GFD' })] });
    expect(badgeContent(s, 'nl', GENERATED, 'gfd')?.label).toBe('GFD');
    expect(badgeContent(s, 'fr', GENERATED, 'gfd')?.label).toBe('GFD');
    const long = snapshot({ services: [service('gfd', 'operational', { name: { nl: 'Gedeeld Farmaceutisch Dossier' } })] });
    expect(badgeContent(long, 'nl', GENERATED, 'gfd')?.label).toBe('Gedeeld Farmaceutisch Dossier');
  });

  it('returns null for a service that does not exist', () => {
    expect(badgeContent(snapshot(), 'nl', GENERATED, 'nope')).toBeNull();
  });

  it('escapes names that contain markup characters', () => {
    const s = snapshot({ services: [service('gfd', 'operational', { name: { nl: 'A&B <x>', fr: 'A&B <x>' } })] });
    const svg = badgeSvg(badgeContent(s, 'nl', GENERATED, 'gfd')!, 'gfd');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(parse(svg).texts).toContain('A&B <x>');
  });

  it('keeps element ids unique per service so badges can share one page', () => {
    const s = snapshot();
    const svg = badgeSvg(badgeContent(s, 'nl', GENERATED, 'gfd')!, 'gfd');
    expect(svg).toContain('id="rgfd"');
  });

  it.each(['operational', 'major_outage'] as Level[])('describes a %s badge as shields endpoint JSON (schemaVersion 1)', (level) => {
    const s = snapshot({ services: [service('gfd', level)], overall: level });
    const json = shieldsEndpoint(badgeContent(s, 'nl', GENERATED, 'gfd')!);
    expect(json).toEqual({
      schemaVersion: 1,
      label: 'GFD',
      message: dict('nl').level[level],
      color: level === 'operational' ? 'brightgreen' : 'red',
      cacheSeconds: 300,
    });
  });
});

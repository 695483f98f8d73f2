import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../scripts/lib/load-content';
import type { ContentContext } from '../../../src/lib/content/types';

const ctx: ContentContext = { serviceIds: ['gfd', 'pcdh', 'raotd', 'assurpharma'], languages: ['nl', 'fr'], defaultLanguage: 'nl', timeZone: 'Europe/Brussels' };
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadContent', () => {
  it('loads the sample communications and maintenance windows of data/', () => {
    const r = loadContent('data', ctx);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.incidents.map((i) => i.id)).toEqual(['2025-11-03-pcdh-onderbreking', '2025-11-04-raotd-fouten']);
    expect(r.maintenance.map((m) => m.id)).toEqual(['2025-10-28-assurpharma-onderhoud', '2025-11-12-gfd-upgrade']);
  });

  it('skips a bad file with its one-line error and keeps the others', () => {
    dir = mkdtempSync(join(tmpdir(), 'content-'));
    cpSync('data/incidents', join(dir, 'incidents'), { recursive: true });
    writeFileSync(join(dir, 'incidents', 'kapot.md'), '---\ntitle: { nl: x }\n');
    const r = loadContent(dir, ctx);
    expect(r.incidents).toHaveLength(2);
    expect(r.maintenance).toEqual([]);
    expect(r.errors).toEqual([`${join(dir, 'incidents', 'kapot.md')}:1:1: (frontmatter): the frontmatter is not closed — add a line "---" after the last field.`]);
  });

  it('treats missing folders as no content', () => {
    dir = mkdtempSync(join(tmpdir(), 'content-'));
    expect(loadContent(dir, ctx)).toEqual({ incidents: [], maintenance: [], errors: [], warnings: [] });
  });
});

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../scripts/lib/load-content';
import { checkDetectedLinks } from '../../../src/lib/content/communication';
import type { ContentContext } from '../../../src/lib/content/types';
import { parseIso } from '../../../src/lib/time/zone';

const NOW = parseIso('2025-11-04T15:30:30+01:00');
const ctx: ContentContext = { serviceIds: ['gfd', 'pcdh', 'raotd', 'assurpharma'], languages: ['nl', 'fr'], defaultLanguage: 'nl', timeZone: 'Europe/Brussels', now: NOW };
const root = mkdtempSync(join(tmpdir(), 'content-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sample = readFileSync('data/incidents/2025-11-04-raotd-fouten.md', 'utf8');
/** A YAML alias bomb in the frontmatter (each level doubles the nodes a naive expansion builds). */
const bomb = `---\na: &a ["x", "x"]\n${Array.from({ length: 30 }, (_, i) => `${String.fromCharCode(98 + (i % 24))}${i}: &l${i} [${i === 0 ? '*a, *a' : `*l${i - 1}, *l${i - 1}`}]`).join('\n')}\ntitle: { nl: boom, fr: boum }\n---\nbody\n`;

/** A data dir holding the sample incidents plus `extra` files (name → content, or a function making the entry). */
function dataWith(extra: Record<string, string | ((path: string) => void)>): string {
  const dir = join(root, String(Math.random()).slice(2));
  cpSync('data/incidents', join(dir, 'incidents'), { recursive: true });
  for (const [name, content] of Object.entries(extra)) {
    const path = join(dir, 'incidents', name);
    if (typeof content === 'string') writeFileSync(path, content);
    else content(path);
  }
  return dir;
}

describe('a bad or hostile content file is skipped with its one line; the run goes on', () => {
  it('skips a YAML alias bomb with a one-line error and keeps the other files', () => {
    const dir = dataWith({ 'bom.md': bomb });
    const t0 = performance.now();
    const r = loadContent(dir, ctx);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.incidents.map((i) => i.id)).toEqual(['2025-11-03-pcdh-onderbreking', '2025-11-04-raotd-fouten']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/bom\.md:2:1: YAML cannot be read \(Excessive alias count indicates a resource exhaustion attack\) — write the values plainly, with fewer anchors \(&\) and aliases \(\*\)\.$/);
  });

  it.each([
    ['..md', (p: string) => writeFileSync(p, sample), /\.\.md: hidden files are not read — rename it without the leading dot/],
    ['.hidden.md', (p: string) => writeFileSync(p, sample), /\.hidden\.md: hidden files are not read — rename it without the leading dot \(e\.g\. hidden\.md\)/],
    ['dir.md', (p: string) => mkdirSync(p), /dir\.md: is a directory, not a Markdown file — move it out of/],
    ['pipe.md', (p: string) => execFileSync('mkfifo', [p]), /pipe\.md: is a FIFO \(named pipe\), not a Markdown file/],
    ['dangling.md', (p: string) => symlinkSync(join(root, 'nowhere.md'), p), /dangling\.md: is a symbolic link to a file that does not exist/],
    ['loop.md', (p: string) => symlinkSync(p, p), /loop\.md: is a symbolic link loop/],
    ['big.md', (p: string) => writeFileSync(p, `${sample}\n${'x'.repeat(2 * 1024 * 1024)}`), /big\.md: is \d+ bytes, more than the 1048576 read for one communication/],
  ])('names %s instead of skipping it in silence', (name, make, pattern) => {
    const r = loadContent(dataWith({ [name]: make }), ctx);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(pattern);
    expect(r.incidents).toHaveLength(2);
  });

  it('reads a symlinked .md like the file it points at', () => {
    const target = join(root, 'elsewhere-2025-11-05-gfd-traag.md');
    writeFileSync(target, sample.replace('detected_incident: 2025-11-04-raotd-1\n', ''));
    const r = loadContent(dataWith({ '2025-11-05-gfd-traag.md': (p) => symlinkSync(resolve(target), p) }), ctx);
    expect(r.errors).toEqual([]);
    expect(r.incidents.map((i) => i.id)).toContain('2025-11-05-gfd-traag');
  });

  it('rejects an incident starting in the year 9999, and one starting after now', () => {
    const r = loadContent(dataWith({ 'verre-toekomst.md': sample.replaceAll('2025-11-04T', '9999-11-04T'), 'morgen.md': sample.replace(/started_at: .*/, 'started_at: 2025-11-08T10:00:00+01:00') }), ctx);
    expect(r.incidents).toHaveLength(2);
    expect(r.errors.some((e) => /verre-toekomst\.md:\d+:\d+: started_at: .*is in the year 9999 — check the year/.test(e))).toBe(true);
    expect(r.errors.some((e) => /morgen\.md:\d+:\d+: started_at: 2025-11-08T10:00:00\+01:00 is after now — an incident cannot start in the future/.test(e))).toBe(true);
  });

  it('rejects a communication whose detected_incident is not in the ledger, naming the id', () => {
    const r = loadContent('data', ctx);
    const links = checkDetectedLinks(r.incidents, new Set(['2025-11-03-pcdh-1']));
    expect(links.kept.map((c) => c.id)).toEqual(['2025-11-03-pcdh-onderbreking']);
    expect(links.errors).toEqual([
      `${join('data', 'incidents', '2025-11-04-raotd-fouten.md')}: detected_incident: "2025-11-04-raotd-1" is not an incident in the ledger — use the id shown on the incident's page or in the ledger, or remove the line; this file is skipped.`,
    ]);
  });
});

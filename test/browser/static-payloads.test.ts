/**
 * Escaping by construction (issue 11): a site built from hostile texts (service names, titles,
 * Markdown bodies, reasons — everything a snapshot lets through), served as plain static files with
 * no CSP and no security headers at all, as nginx or an object store would, fires no script in
 * Chromium on any page, badge or feed.
 */
import { createReadStream, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType } from '../../server/content-types';
import { SnapshotSchema } from '../../src/lib/snapshot/schema';
import { buildSite, launchBrowser, ROOT, SAMPLE_SNAPSHOT, type RunningBrowser } from './harness';

/** Each one pops a dialog if it ever reaches a page as markup, an attribute or a script. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "'><svg onload=alert(3)>",
  '</script><script>alert(4)</script>',
  '[klik](javascript:alert(5)) ![x](javascript:alert(6)) <javascript:alert(7)>',
  '<img src=x onerror=alert(8)> &lt;script&gt;alert(9)&lt;/script&gt;',
  '\u2028\u2029`${alert(10)}` {{constructor.constructor("alert(11)")()}}',
  '<iframe srcdoc="<script>alert(12)</script>"></iframe> <a href="javascript:alert(13)">x</a>',
];

/** Appends a payload to every text of every language (names, titles, bodies, reasons, labels…). */
function poison(value: unknown, counter = { n: 0 }): unknown {
  if (Array.isArray(value)) return value.map((v) => poison(v, counter));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const localized = entries.length > 0 && entries.every(([k, v]) => ['nl', 'fr', 'de', 'en'].includes(k) && typeof v === 'string');
  if (localized) return Object.fromEntries(entries.map(([k, v]) => [k, `${v as string} ${PAYLOADS[counter.n++ % PAYLOADS.length]}`]));
  return Object.fromEntries(entries.map(([k, v]) => [k, poison(v, counter)]));
}

/** A page that does run a script: proves the dialog counter counts. */
const CONTROL = '<!doctype html><p>control</p><script>alert("control")</script>';

/** A plain static file server: no CSP, no headers but the type; directories → index.html; /control.html. */
function plainStatic(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/control.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(CONTROL);
      return;
    }
    let path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(dir, `.${path}`);
    if (!file.startsWith(dir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': contentType(file) });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

let client: string;
let site: { url: string; server: Server };
let browser: RunningBrowser;

beforeAll(async () => {
  const sample = JSON.parse(readFileSync(SAMPLE_SNAPSHOT, 'utf8'));
  const hostile = poison(sample) as Record<string, unknown>;
  expect(SnapshotSchema.safeParse(hostile).success).toBe(true);
  const dir = join(ROOT, 'node_modules/.cache/fluxstatus-payloads');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'hostile.json');
  writeFileSync(file, JSON.stringify(hostile));
  client = join(await buildSite(file), 'client');
  site = await plainStatic(client);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  site?.server.close();
});

describe('a hostile build served as plain static files, without any CSP', () => {
  it('carries the payloads as visible text (the build really is the hostile one)', () => {
    const html = readFileSync(join(client, 'nl/index.html'), 'utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('counts the dialog of a page that does run a script (the counter works)', async () => {
    const page = await browser.context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`${site.url}/control.html`, { waitUntil: 'load' });
    await page.waitForTimeout(50);
    await page.close();
    expect(dialogs).toBe(1);
  });

  it('fires 0 dialogs on every page, badge and feed', async () => {
    const targets = filesOf(client)
      .filter((f) => /\.(html|svg|xml|atom)$/.test(f) && !f.startsWith(`_astro${sep}`))
      .map((f) => `/${relative(client, join(client, f)).split(sep).join('/')}`.replace(/index\.html$/, ''));
    expect(targets.length).toBeGreaterThan(40);
    const page = await browser.context.newPage();
    const fired: string[] = [];
    let current = '';
    page.on('dialog', (d) => {
      fired.push(`${current}: ${d.message()}`);
      void d.dismiss();
    });
    for (const path of targets) {
      current = path;
      await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      // Let deferred handlers (onerror of a broken image, module scripts) run.
      await page.waitForTimeout(30);
    }
    await page.close();
    expect(fired).toEqual([]);
  });
});

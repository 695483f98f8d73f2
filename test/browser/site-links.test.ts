/**
 * Every link the machine-readable outputs hand out lands on a real page (and on the right item of
 * it), every page points to its feeds and to the embed page, and an unknown URL gets the site's own
 * not-found page with status 404 from the project's server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, collectErrors, launchBrowser, startServer, type RunningBrowser, type RunningServer } from './harness';

/** The sample snapshot's public URL: links in the API and feeds start with it. */
const SITE = 'https://status.farmaflux.be';

let server: RunningServer;
let browser: RunningBrowser;

beforeAll(async () => {
  server = await startServer(await buildSite());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function json(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(server.url + path);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** Fetches a public link on the test server; checks the page exists and holds the anchor, if any. */
async function expectResolves(link: string): Promise<void> {
  expect(link.startsWith(`${SITE}/`), link).toBe(true);
  const url = new URL(link);
  const res = await fetch(server.url + url.pathname);
  expect(res.status, link).toBe(200);
  const html = await res.text();
  if (url.hash) expect(html, link).toContain(`id="${decodeURIComponent(url.hash.slice(1))}"`);
}

describe('links from the API and the feeds', () => {
  it('every incident shortlink of the API opens the incident page', async () => {
    const { incidents } = (await json('/api/v2/incidents.json')) as { incidents: Array<{ shortlink: string }> };
    expect(incidents.length).toBeGreaterThan(10);
    for (const i of incidents) await expectResolves(i.shortlink);
  });

  it('every maintenance shortlink of the API opens the maintenance page at that window', async () => {
    const { scheduled_maintenances: windows } = (await json('/api/v2/scheduled-maintenances.json')) as {
      scheduled_maintenances: Array<{ shortlink: string }>;
    };
    expect(windows.length).toBe(5);
    for (const m of windows) {
      expect(m.shortlink).toMatch(/\/nl\/maintenance\/#.+/);
      await expectResolves(m.shortlink);
    }
  });

  it('every item of the French JSON feed links to a French page that exists', async () => {
    const { items } = (await json('/fr/feed.json')) as { items: Array<{ url: string }> };
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      expect(item.url).toMatch(new RegExp(`^${SITE}/fr/`));
      await expectResolves(item.url);
    }
  });

  it('scrolls to the maintenance window named in the link', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/fr/maintenance/#2025-11-16-assurpharma-certificaten`);
    const item = page.locator('[id="2025-11-16-assurpharma-certificaten"]');
    await expect(item.evaluate((el) => el.matches(':target'))).resolves.toBe(true);
    await expect(item.isVisible()).resolves.toBe(true);
    await page.close();
  });
});

describe('every page', () => {
  it('announces the RSS, Atom and JSON feeds of its own language, and they exist', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/fr/services/gfd/`);
    const feeds = await page
      .locator('link[rel="alternate"][type]')
      .evaluateAll((ls) => ls.map((l) => [l.getAttribute('type'), l.getAttribute('href'), l.getAttribute('title')]));
    expect(feeds.map(([type, href]) => [type, href])).toEqual([
      ['application/rss+xml', `${SITE}/fr/feed.xml`],
      ['application/atom+xml', `${SITE}/fr/feed.atom`],
      ['application/feed+json', `${SITE}/fr/feed.json`],
    ]);
    expect(feeds[0]?.[2]).toMatch(/Incidents et maintenances \(RSS\)$/);
    for (const [, href] of feeds) expect((await fetch(server.url + new URL(href ?? '').pathname)).status).toBe(200);
    await page.close();
  });

  it('links to the embed page from the footer, in the page language', async () => {
    const page = await browser.context.newPage();
    for (const [lang, text] of [
      ['nl', 'Statusknop op uw website'],
      ['fr', 'Bouton de statut pour votre site'],
    ] as const) {
      await page.goto(`${server.url}/${lang}/about/`);
      const link = page.locator('.site-footer a', { hasText: text });
      await expect(link.getAttribute('href')).resolves.toBe(`/${lang}/embed/`);
      await link.click();
      await page.waitForURL(`${server.url}/${lang}/embed/`);
    }
    await page.close();
  });
});

describe('an unknown URL', () => {
  it.each(['/nl/services/bestaat-niet/', '/fr/incidents/2099-01-01-x/', '/nope', '/api/v2/nope.json'])(
    'answers %s with status 404 and the not-found page in every site language',
    async (path) => {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      const res = await page.goto(server.url + path);
      expect(res?.status()).toBe(404);
      // Every site language (the sample also has English): the URL's own language first (/fr/… → French), else the default.
      const title = path.startsWith('/fr/') ? 'Page introuvable · Pagina niet gevonden · Page not found' : 'Pagina niet gevonden · Page introuvable · Page not found';
      await expect(page.locator('h1').innerText()).resolves.toBe(title);
      await expect(page.locator('main a[hreflang="nl"]').getAttribute('href')).resolves.toBe('/nl/');
      await expect(page.locator('main a[hreflang="fr"]').getAttribute('href')).resolves.toBe('/fr/');
      await expect(page.locator('section[lang="fr"]').innerText()).resolves.toMatch(/Cette page n’existe pas/);
      // The page's styles load from any depth (root-absolute URLs).
      await expect(page.locator('body').evaluate((el) => getComputedStyle(el).maxWidth)).resolves.not.toBe('none');
      // The only console error is the browser's note about the 404 status itself.
      expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
      await page.close();
    },
  );
});

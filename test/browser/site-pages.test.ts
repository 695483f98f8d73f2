/**
 * Every page type of the public site loads in a real Chromium without console errors and passes
 * axe (WCAG 2.1 AA rules) in the light and the dark theme.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, collectErrors, launchBrowser, startServer, type RunningBrowser, type RunningServer } from './harness';

/** One page per type, in both required languages where it matters. */
const PAGES = [
  '/nl/',
  '/fr/',
  '/nl/services/raotd/',
  '/fr/services/gfd/',
  '/nl/incidents/',
  '/nl/incidents/2025-11/',
  '/fr/incidents/service/raotd/',
  '/nl/incidents/raotd-storing-tarificatie/',
  '/en/incidents/raotd-storing-tarificatie/',
  '/fr/maintenance/',
  '/nl/about/',
];
/**
 * Archive pages (a month whose incidents are all resolved, a resolved incident): they show only what
 * happened, no "updated" time (which would change them every minute and defeat their reuse by the
 * incremental build), and link to the overview for the current status.
 */
const ARCHIVE_PAGES = ['/nl/incidents/2025-10/', '/fr/incidents/2025-10-28-pcdh-2/'];
/** One page per type for axe (nl and fr pages share their structure). */
const AXE_PAGES = [
  '/nl/',
  '/nl/services/raotd/',
  '/nl/incidents/',
  '/nl/incidents/raotd-storing-tarificatie/',
  '/en/incidents/raotd-storing-tarificatie/',
  '/fr/maintenance/',
  '/nl/about/',
  '/nl/no-such-page/',
  ...ARCHIVE_PAGES,
];
/** A browser time at which the sample snapshot is fresh (generated 15:30, valid until 15:35). */
const FRESH = new Date('2025-11-04T15:31:00+01:00');

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

describe('every page type', () => {
  it.each(PAGES)('loads %s without console errors, with one h1 and the "updated" time', async (path) => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.clock.install({ time: FRESH });
    const res = await page.goto(server.url + path);
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').count()).resolves.toBe(1);
    await expect(page.locator('.site-footer').innerText()).resolves.toMatch(/15:30 CET/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(ARCHIVE_PAGES)('loads the archive page %s without console errors, with one h1 and a link to the current status', async (path) => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.clock.install({ time: FRESH });
    const res = await page.goto(server.url + path);
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').count()).resolves.toBe(1);
    await expect(page.locator('.site-footer a').first().getAttribute('href')).resolves.toMatch(/^\/(nl|fr)\/$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters a month page to one service without JavaScript (#service-raotd)', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(`${server.url}/nl/incidents/2025-10/`);
      const rows = page.locator('.filtered li');
      const all = await rows.count();
      await page.locator('nav.filter a[href="#service-raotd"]').click();
      const shown = await rows.evaluateAll((lis) => lis.filter((li) => getComputedStyle(li).display !== 'none').map((li) => li.getAttribute('data-services')));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.length).toBeLessThan(all);
      expect(shown.every((s) => (s ?? '').split(' ').includes('raotd'))).toBe(true);
    } finally {
      await noJs.close();
    }
  });

  it('the language chooser at / loads without console errors', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/(nl|fr|en)\/$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('accessibility (axe)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it.each(AXE_PAGES)(`reports no violations on %s in the ${scheme} theme`, async (path) => {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.clock.install({ time: FRESH });
      await page.goto(server.url + path);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(summary).toEqual([]);
      await page.close();
    });
  }

  it('reports no violations on the grey "data delayed" state', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: new Date('2025-11-04T16:00:00+01:00') });
    await page.goto(`${server.url}/nl/`);
    await expect(page.locator('#stale-notice').isVisible()).resolves.toBe(true);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
    await page.close();
  });
});

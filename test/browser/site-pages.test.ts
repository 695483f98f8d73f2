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
  '/nl/incidents/page/2/',
  '/fr/incidents/service/raotd/',
  '/nl/incidents/raotd-storing-tarificatie/',
  '/en/incidents/raotd-storing-tarificatie/',
  '/fr/maintenance/',
  '/nl/about/',
];
/** One page per type for axe (nl and fr pages share their structure). */
const AXE_PAGES = ['/nl/', '/nl/services/raotd/', '/nl/incidents/', '/nl/incidents/raotd-storing-tarificatie/', '/en/incidents/raotd-storing-tarificatie/', '/fr/maintenance/', '/nl/about/'];
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

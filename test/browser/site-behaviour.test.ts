/**
 * What a pharmacist relies on: charts draw, the language switch keeps the page, the overview works
 * without JavaScript, a stale page turns grey by itself, hostile Markdown stays inert, and missing
 * translations fall back visibly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, launchBrowser, startServer, type RunningBrowser, type RunningServer } from './harness';

const FRESH = new Date('2025-11-04T15:31:00+01:00');
const STALE = new Date('2025-11-04T15:36:00+01:00');
const SERVICES = ['gfd', 'pcdh', 'raotd', 'assurpharma'];

let server: RunningServer;
let browser: RunningBrowser;

beforeAll(async () => {
  server = await startServer(await buildSite());
  browser = await launchBrowser({ locale: 'fr-BE' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('charts', () => {
  it('draws the 24-hour charts as canvases with a non-zero size, and the 7-day ones when opened', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: FRESH });
    await page.goto(`${server.url}/nl/services/raotd/`);
    const day = page.locator('[data-chart^="chart-day-"] canvas');
    await day.first().waitFor();
    await expect(day.count()).resolves.toBe(4);
    const box = await day.first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(50);
    await expect(page.locator('[data-chart^="chart-week-"] canvas').count()).resolves.toBe(0);
    await page.locator('details.chart-range').nth(1).locator(':scope > summary').click();
    await page.locator('[data-chart^="chart-week-"] canvas').first().waitFor();
    await expect(page.locator('[data-chart^="chart-week-"] canvas').count()).resolves.toBe(4);
    await page.close();
  });

  it('fetches the chart data as one file per range instead of embedding it in the page', async () => {
    const page = await browser.context.newPage();
    const data: string[] = [];
    page.on('request', (r) => r.url().includes('/charts/') && data.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}/nl/services/gfd/`);
    await page.locator('[data-chart^="chart-day-"] canvas').first().waitFor();
    expect(data).toEqual(['/charts/gfd/day.json']);
    await expect(page.locator('script[type="application/json"]').count()).resolves.toBe(0);
    await page.locator('details.chart-range').nth(2).locator(':scope > summary').click();
    await page.locator('[data-chart^="chart-quarter-"] canvas').first().waitFor();
    expect(data).toEqual(['/charts/gfd/day.json', '/charts/gfd/quarter.json']);
    await page.close();
  });

  it('shows the units in the page language (appels/min), in the caption, the table and the chart legend', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/fr/services/gfd/`);
    const traffic = page.locator('figure.chart[data-role="traffic"]').first();
    await expect(traffic.locator('figcaption').innerText()).resolves.toMatch(/^Appels \(appels\/min\)/);
    await expect(traffic.locator('.chart-table th').nth(1).textContent()).resolves.toBe('Valeur (appels/min)');
    await traffic.locator('canvas').waitFor();
    await expect(traffic.locator('.u-legend').innerText()).resolves.toContain('Appels (appels/min)');
    await expect(page.locator('body').innerText()).resolves.not.toContain('calls/min');
    await page.close();
  });

  it('redraws the charts in the dark colours when the colour scheme changes while the page is open', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${server.url}/nl/services/gfd/`);
    const canvas = page.locator('[data-chart="chart-day-latency_p95"] canvas');
    await canvas.waitFor();
    /** Pixels of the canvas close to a colour (the line is anti-aliased). */
    const pixels = (rgb: [number, number, number]) =>
      canvas.evaluate((c: HTMLCanvasElement, [r, g, b]) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - r) + Math.abs(d[i + 1]! - g) + Math.abs(d[i + 2]! - b) < 30 && d[i + 3]! > 200) n++;
        return n;
      }, rgb);
    const LIGHT_LINE: [number, number, number] = [31, 95, 191]; // --chart-line, light
    const DARK_LINE: [number, number, number] = [121, 173, 255]; // --chart-line, dark
    expect(await pixels(LIGHT_LINE)).toBeGreaterThan(100);
    expect(await pixels(DARK_LINE)).toBe(0);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => pixels(DARK_LINE)).toBeGreaterThan(100);
    expect(await pixels(LIGHT_LINE)).toBe(0);
    await expect(page.locator('[data-chart="chart-day-latency_p95"] canvas').count()).resolves.toBe(1);
    await page.close();
  });

  it('loads no chart code on the overview', async () => {
    const page = await browser.context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(`${server.url}/nl/`);
    expect(scripts).toEqual([]);
    await page.close();
  });
});

describe('languages', () => {
  it('keeps the page when switching language', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/nl/services/raotd/`);
    await page.locator('.lang-switch a[hreflang="fr"]').click();
    await page.waitForURL(`${server.url}/fr/services/raotd/`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(page.locator('h1').innerText()).resolves.toBe('RaOTD');
    await page.close();
  });

  it('sends / to the browser language (fr-BE → /fr/)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForURL(`${server.url}/fr/`);
    await page.close();
  });

  it('shows a missing English text in Dutch, marked with lang="nl" and a note', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/en/incidents/raotd-storing-tarificatie/`);
    const stillWorks = page.locator('.advice dd').first();
    await expect(stillWorks.locator('[lang="nl"]').innerText()).resolves.toMatch(/^Afleveren en het GFD werken normaal/);
    await expect(stillWorks.innerText()).resolves.toMatch(/\(not translated\)/);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('the overview still shows every service with its level in words', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(`${server.url}/nl/`);
      for (const id of SERVICES) {
        const row = page.locator(`[data-service="${id}"]`);
        await expect(row.locator('.level-label').innerText()).resolves.toMatch(/\w/);
      }
      await expect(page.locator('[data-service="raotd"] .level-label').innerText()).resolves.toBe('Gedeeltelijke storing');
      await expect(page.locator('[data-service="raotd"] .reason').innerText()).resolves.toMatch(/18\s% van de oproepen mislukt/);
      await expect(page.locator('[data-service="gfd"] .uptime-bars rect').count()).resolves.toBe(90);
      await expect(page.locator('h1').innerText()).resolves.toBe('Gedeeltelijke storing');
      // The / page offers plain links when it cannot redirect.
      await page.goto(`${server.url}/`);
      await expect(page.locator('a[hreflang="fr"]').getAttribute('href')).resolves.toBe('/fr/');
    } finally {
      await noJs.close();
    }
  });
});

describe('freshness', () => {
  it('does not show "data delayed" while the snapshot is valid', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: FRESH });
    await page.goto(`${server.url}/nl/`);
    await expect(page.locator('#stale-notice').isVisible()).resolves.toBe(false);
    await expect(page.locator('html').getAttribute('class')).resolves.toBeNull();
    await page.close();
  });

  it('turns grey with "status unknown — data delayed" once valid_until has passed', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: STALE });
    await page.goto(`${server.url}/nl/`);
    await expect(page.locator('#stale-notice').innerText()).resolves.toMatch(/Status onbekend — gegevens vertraagd/);
    await expect(page.locator('html').getAttribute('class')).resolves.toMatch(/is-stale/);
    await expect(page.locator('[data-service="gfd"] .level-label').innerText()).resolves.toBe('laatst bekend: Werkt normaal');
    await page.close();
  });

  it('turns grey by itself when the page stays open past valid_until (re-check every 30 s)', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: new Date('2025-11-04T15:34:50+01:00') });
    await page.goto(`${server.url}/fr/`);
    await expect(page.locator('#stale-notice').isVisible()).resolves.toBe(false);
    await page.clock.runFor(31_000);
    await expect(page.locator('#stale-notice').isVisible()).resolves.toBe(true);
    await expect(page.locator('#stale-notice').innerText()).resolves.toMatch(/État inconnu — données en retard/);
    await page.close();
  });
});

describe('operator Markdown', () => {
  it('shows raw HTML as text and neutralises javascript: links', async () => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/nl/incidents/`);
    // The first written past incident carries the hostile body.
    const href = await page.locator('.incident-list a').filter({ hasText: 'GFD' }).first().getAttribute('href');
    await page.goto(server.url + href);
    const prose = page.locator('section[aria-labelledby="details"] .prose');
    await expect(prose.innerText()).resolves.toContain('<script>alert("x")</script>');
    await expect(prose.locator('script').count()).resolves.toBe(0);
    const links = await prose.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.some((h) => h.toLowerCase().startsWith('javascript:'))).toBe(false);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

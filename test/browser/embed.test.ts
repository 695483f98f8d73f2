/**
 * The embed page and the status button in a real Chromium: the custom element renders the level,
 * turns grey when valid_until passes (page clock controlled), respects the colour-scheme and motion
 * preferences, and works cross-origin from a host page served on a second local origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index';
import { dict } from '../../src/i18n';
import { embedSnippets } from '../../src/lib/embed/texts';
import { buildSite, collectErrors, launchBrowser, type RunningBrowser } from './harness';

// The sample snapshot: generated 15:30, valid until 15:35 (Brussels), overall partial outage.
const FRESH = new Date('2025-11-04T15:31:00+01:00');

let site: RunningServer;
let host: Server;
let hostUrl: string;
let browser: RunningBrowser;

beforeAll(async () => {
  const dir = await buildSite();
  // Static files only: the prerendered status.json is "as of" the snapshot, so the page clock decides staleness.
  site = await startServer({ siteDir: dir, host: '127.0.0.1', port: 0, log: () => {} });
  host = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    if (req.url === '/unreachable') {
      // The published snippet of a status host that cannot be reached (nothing listens on port 1),
      // and a button whose script loads but whose status host is unreachable.
      const dead = embedSnippets('http://127.0.0.1:1', 'nl', 'FarmaFlux status');
      res.end(`<!doctype html><html lang="nl-BE"><head><title>Apotheek</title></head><body><div id="dead">${dead.script}</div></body></html>`);
      return;
    }
    if (req.url === '/nohost') {
      res.end(
        `<!doctype html><html lang="nl-BE"><head><title>Apotheek</title><script src="${site.url}/embed.js" defer></script></head><body>` +
          `<fluxstatus-button id="nohost" src="http://127.0.0.1:1/"><a id="own" href="http://127.0.0.1:1/nl/">FarmaFlux status</a></fluxstatus-button></body></html>`,
      );
      return;
    }
    // A third-party homepage on another origin embedding the script and the badge.
    res.end(
      `<!doctype html><html lang="fr-BE"><head><title>Pharmacie</title><script src="${site.url}/embed.js" defer></script></head>` +
        `<body><h1>Pharmacie du coin</h1><fluxstatus-button id="btn"></fluxstatus-button>` +
        `<fluxstatus-button id="svc" service="gfd"></fluxstatus-button>` +
        `<a href="${site.url}/fr/"><img id="badge" src="${site.url}/fr/badge.svg" alt="statut"></a></body></html>`,
    );
  });
  await new Promise<void>((done) => host.listen(0, '127.0.0.1', done));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await new Promise((done) => host?.close(done));
});

async function buttonIn(page: Page, selector: string): Promise<{ color: string | null; text: string; stale: string | null }> {
  const link = page.locator(`${selector} a[part=button]`);
  await link.locator('.text').filter({ hasText: /\S/ }).waitFor();
  return { color: await link.getAttribute('data-color'), text: (await link.locator('.text').textContent()) ?? '', stale: await link.getAttribute('data-stale') };
}

describe('embed page and status button', () => {
  it('shows the badge, the script button and the iframe button with the current level', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.clock.install({ time: FRESH });
    await page.goto(`${site.url}/nl/embed/`);
    await expect.poll(() => buttonIn(page, '[data-embed=script] fluxstatus-button')).toEqual({
      color: 'red',
      text: `FarmaFlux status: ${dict('nl').level.partial_outage}`,
      stale: 'false',
    });
    const badgeWidth = await page.locator('[data-embed=badge] img').evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(badgeWidth).toBeGreaterThan(50);
    const frame = page.frameLocator('[data-embed=iframe] iframe');
    await expect.poll(async () => frame.locator('fluxstatus-button a[part=button]').getAttribute('data-color')).toBe('red');
    expect(await page.locator('pre code').count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('turns grey and says the data is delayed once the page clock passes valid_until', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: FRESH });
    await page.goto(`${site.url}/fr/status-button/`);
    await expect.poll(() => buttonIn(page, 'fluxstatus-button')).toMatchObject({ color: 'red', stale: 'false' });
    await page.clock.fastForward('06:00');
    await expect.poll(() => buttonIn(page, 'fluxstatus-button')).toEqual({ color: 'grey', text: 'Statut FarmaFlux\u00A0: État inconnu — données en retard', stale: 'true' });
    await page.close();
  });

  it('follows the dark colour scheme and stops pulsing under reduced motion', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.clock.install({ time: FRESH });
    await page.goto(`${site.url}/nl/status-button/`);
    await expect.poll(() => buttonIn(page, 'fluxstatus-button').then((b) => b.color)).toBe('red');
    const link = page.locator('fluxstatus-button a[part=button]');
    expect(await link.evaluate((a) => getComputedStyle(a).backgroundColor)).toBe('rgb(29, 41, 57)');
    expect(await link.locator('.dot').evaluate((d) => getComputedStyle(d).animationName)).toBe('none');
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    expect(await link.evaluate((a) => getComputedStyle(a).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await link.locator('.dot').evaluate((d) => getComputedStyle(d).animationName)).toBe('pulse');
    await page.close();
  });

  it('works cross-origin on another site: script, service button and badge load from the status site', async () => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.clock.install({ time: FRESH });
    await page.goto(`${hostUrl}/`);
    // The page says fr-BE: the button speaks French without being told.
    // The button names the site (and the service, by its short name) before the level.
    await expect.poll(() => buttonIn(page, '#btn')).toEqual({ color: 'red', text: `Statut FarmaFlux\u00A0: ${dict('fr').level.partial_outage}`, stale: 'false' });
    await expect.poll(() => buttonIn(page, '#svc')).toEqual({ color: 'green', text: `Statut FarmaFlux · GFD\u00A0: ${dict('fr').level.operational}`, stale: 'false' });
    expect(await page.locator('#btn a[part=button]').getAttribute('href')).toBe(`${site.url}/fr/`);
    expect(await page.locator('#badge').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(50);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the snippet\'s fallback link with the site name when the script or the status host is unreachable', async () => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: FRESH });
    await page.goto(`${hostUrl}/unreachable`);
    // Script from a dead host: the element is never upgraded, its own content shows.
    const dead = page.locator('#dead fluxstatus-button > a');
    await expect.poll(() => dead.isVisible()).toBe(true);
    expect(await dead.innerText()).toContain('FarmaFlux status');
    expect(await dead.getAttribute('href')).toBe('http://127.0.0.1:1/nl/');
    // Script loaded, status host dead: the button keeps showing the fallback, not an empty or grey pill.
    await page.goto(`${hostUrl}/nohost`);
    const nohost = page.locator('#nohost');
    await expect.poll(() => nohost.getAttribute('data-fallback')).toBe('true');
    expect(await nohost.locator('a[part=button]').isVisible()).toBe(false);
    expect(await page.locator('#own').isVisible()).toBe(true);
    const box = await nohost.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(50);
    await page.close();
  });

  it('wraps the code on a phone and offers a copy button', async () => {
    const page = await browser.context.newPage();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${site.url}/fr/embed/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const copy = page.locator('button[data-copy="code-script"]');
    await copy.click();
    await expect.poll(() => copy.innerText()).toBe('Copié');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('<fluxstatus-button lang="fr"><a href=');
    await page.close();
  });
});

/**
 * Screenshots of the overview and a service page in nl and fr (test-results/screenshots/, one copied
 * to docs/screenshot-overview.png for the README), the first screen of the overview on a 390×844
 * phone in nl and fr (docs/screenshot-overview-phone-*.png), and the overview's compressed weight budget.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, launchBrowser, ROOT, startServer, type RunningBrowser, type RunningServer } from './harness';

const SHOTS = join(ROOT, 'test-results/screenshots');
const FRESH = new Date('2025-11-04T15:31:00+01:00');

let dir: string;
let server: RunningServer;
let browser: RunningBrowser;

beforeAll(async () => {
  dir = await buildSite();
  server = await startServer(dir);
  browser = await launchBrowser({ viewport: { width: 1100, height: 900 } });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('screenshots', () => {
  it.each([
    ['overview-nl', '/nl/'],
    ['overview-fr', '/fr/'],
    ['service-nl', '/nl/services/raotd/'],
    ['service-fr', '/fr/services/raotd/'],
  ])('saves %s', async (name, path) => {
    const page = await browser.context.newPage();
    await page.clock.install({ time: FRESH });
    await page.goto(server.url + path);
    if (path.includes('services')) await page.locator('[data-chart] canvas').first().waitFor();
    const file = join(SHOTS, `${name}.png`);
    const png = await page.screenshot({ path: file, fullPage: true });
    expect(png.byteLength).toBeGreaterThan(10_000);
    if (name === 'overview-nl') copyFileSync(file, join(ROOT, 'docs/screenshot-overview.png'));
    await page.close();
  });
});

describe('phone screenshots for the docs', () => {
  it.each(['nl', 'fr'] as const)('saves the %s overview on a 390×844 phone during the sample incident (first screen)', async (lang) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.clock.install({ time: FRESH });
    await page.goto(`${server.url}/${lang}/`);
    const file = join(ROOT, `docs/screenshot-overview-phone-${lang}.png`);
    const png = await page.screenshot({ path: file });
    expect(png.byteLength).toBeGreaterThan(10_000);
    await page.close();
  });
});

describe('weight', () => {
  it('keeps the overview (HTML + CSS + scripts) under 30 KB gzip-compressed', async () => {
    const html = readFileSync(join(dir, 'client/nl/index.html'));
    const assets = [...html.toString().matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)].map((m) => m[1] ?? '');
    const files = [html, ...assets.map((a) => readFileSync(join(dir, 'client', a)))];
    const total = files.reduce((sum, f) => sum + gzipSync(f, { level: 9 }).byteLength, 0);
    console.log(`overview: ${files.length} file(s), ${(total / 1024).toFixed(1)} KB gzip`);
    expect(total).toBeLessThan(30 * 1024);
  });

  it('keeps a service page light: its HTML under 15 KB gzip, the 24-hour chart data a separate file', async () => {
    const html = readFileSync(join(dir, 'client/nl/services/raotd/index.html'));
    const day = readFileSync(join(dir, 'client/charts/raotd/day.json'));
    const page = gzipSync(html, { level: 9 }).byteLength;
    console.log(`service page: ${(page / 1024).toFixed(1)} KB gzip HTML + ${(gzipSync(day, { level: 9 }).byteLength / 1024).toFixed(1)} KB gzip day data`);
    expect(page).toBeLessThan(15 * 1024);
    expect(html.toString()).not.toContain('application/json');
  });
});

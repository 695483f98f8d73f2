/**
 * What a pharmacist sees first (issue 13), in a real Chromium on a 390×844 phone and an office PC,
 * in Dutch and French, light and dark, on the sample during its RaOTD incident: every service's
 * level on the first screen, level colour on accents only, the synthesis chart and its table,
 * numbers in the page's language whatever the browser's, tap targets of at least 24 px, axe clean.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dict } from '../../src/i18n';
import { SnapshotSchema, type Snapshot } from '../../src/lib/snapshot/schema';
import { buildSite, launchBrowser, SAMPLE_SNAPSHOT, startServer, type RunningBrowser, type RunningServer } from './harness';

const FRESH = new Date('2025-11-04T15:31:00+01:00');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const sample: Snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(SAMPLE_SNAPSHOT, 'utf8')));

let server: RunningServer;
let browser: RunningBrowser;

beforeAll(async () => {
  server = await startServer(await buildSite());
  browser = await launchBrowser({ locale: 'en-US' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string, viewport: { width: number; height: number }, scheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme });
  await page.clock.install({ time: FRESH });
  await page.goto(server.url + path);
  return page;
}

const VARIANTS = [
  ['nl', 'light'],
  ['nl', 'dark'],
  ['fr', 'light'],
  ['fr', 'dark'],
] as const;

describe('the first screen of a phone during an incident', () => {
  it.each(VARIANTS)('shows every service with its level word inside the first 844 px (%s, %s)', async (lang, scheme) => {
    const page = await open(`/${lang}/`, PHONE, scheme);
    expect(sample.overall.level).not.toBe('operational'); // the sample is during an incident
    for (const service of sample.services) {
      const word = page.locator(`[data-status-service="${service.id}"] .level-word`);
      expect(await word.innerText()).toBe(dict(lang).level[service.level]);
      const box = await word.boundingBox();
      expect(box, service.id).not.toBeNull();
      expect(box!.y + box!.height, `${service.id} level word bottom`).toBeLessThanOrEqual(PHONE.height);
    }
    // The banner names the affected services and says the others work normally.
    const split = await page.locator('.banner-split').innerText();
    for (const s of sample.services.filter((x) => x.level !== 'operational')) expect(split).toContain(s.name[lang]);
    expect(split).toContain(lang === 'nl' ? 'GFD werkt normaal' : 'GFD fonctionne normalement');
    // Details are one tap away: each line links to its service page.
    expect(await page.locator('[data-status-service="raotd"] a').getAttribute('href')).toBe(`/${lang}/services/raotd/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });
});

/** Text colour of every text-bearing element of the article, except the level accents. */
async function bodyColours(page: Page): Promise<{ body: string; level: string; offenders: string[] }> {
  return page.evaluate(() => {
    const article = document.querySelector('article.incident')!;
    const level = getComputedStyle(article).getPropertyValue('--lvl').trim();
    const probe = document.createElement('span');
    probe.style.color = level;
    document.body.append(probe);
    const levelRgb = getComputedStyle(probe).color;
    probe.remove();
    const body = getComputedStyle(document.body).color;
    const offenders: string[] = [];
    for (const el of article.querySelectorAll<HTMLElement>('h1, h2, p, dt, dd, li, span, strong')) {
      if (el.closest('.level-word, .level-icon') || el.textContent?.trim() === '') continue;
      if (getComputedStyle(el).color === levelRgb) offenders.push(`${el.tagName}: ${el.textContent?.trim().slice(0, 40)}`);
    }
    return { body, level: levelRgb, offenders };
  });
}

describe('incident pages', () => {
  it.each(VARIANTS)('keep body text in the normal colour, the level colour on accents only (%s, %s)', async (lang, scheme) => {
    for (const id of ['raotd-storing-tarificatie', '2025-10-28-pcdh-2']) {
      const page = await open(`/${lang}/incidents/${id}/`, DESKTOP, scheme);
      const { offenders, level, body } = await bodyColours(page);
      expect(level).not.toBe(body);
      expect(offenders, id).toEqual([]);
      // The accents do carry it: the level word and the left border.
      const word = page.locator('article.incident .level-word').first();
      expect(await word.evaluate((el) => getComputedStyle(el).color)).toBe(level);
      expect(await page.locator('article.incident').evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe(level);
      await page.close();
    }
  });
});

describe('the synthesis chart', () => {
  it.each(['nl', 'fr'] as const)('draws the score over the bands on the %s service page, and its table matches the snapshot', async (lang) => {
    const page = await open(`/${lang}/services/raotd/`, PHONE, 'light');
    const chart = page.locator('[data-score-chart="score-day"]');
    const line = chart.locator('path.score-line');
    expect((await line.getAttribute('d'))?.length ?? 0).toBeGreaterThan(100);
    const box = await line.boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    expect(await chart.locator('rect.score-band').count()).toBe(4);
    expect(await chart.locator('rect.score-incident').count()).toBeGreaterThan(0); // the ongoing incident is marked
    // The table: 24 periods, each the lowest score of the snapshot's buckets in it (computed here independently).
    const day = sample.services.find((s) => s.id === 'raotd')!.charts.day;
    const per = Math.ceil(day.timestamps.length / 24);
    const expected = Array.from({ length: Math.ceil(day.timestamps.length / per) }, (_, k) => {
      const scores = (day.score ?? []).slice(k * per, (k + 1) * per).filter((v): v is number => v !== null);
      return scores.length ? String(Math.min(...scores)) : dict(lang).score.noScore;
    });
    const cells = await chart.locator('table.score-table tbody tr td:nth-child(2)').allTextContents();
    expect(cells).toEqual(expected);
    expect(cells.at(-1)).toBe('38');
    await page.close();
  });

  it('is small on the overview: the whole platform over 24 hours, without a script', async () => {
    const page = await open('/nl/', DESKTOP, 'dark');
    const chart = page.locator('[data-score-chart="score-platform"]');
    expect(await chart.getAttribute('data-latest')).toBe(String(Math.min(...sample.services.map((s) => s.charts.day.score?.at(-1)).filter((v): v is number => typeof v === 'number'))));
    const box = await chart.locator('svg').boundingBox();
    expect(box!.height).toBeLessThanOrEqual(100);
    expect(await page.locator('script[src]').count()).toBe(0);
    await page.close();
  });
});

describe('numbers in the page language', () => {
  it('shows Dutch number formats in the chart legend and tables of a Dutch page, in an en-US browser', async () => {
    const page = await open('/nl/services/raotd/', DESKTOP, 'light');
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    /** The legend value of a chart's measured line with the cursor at `at` (0..1) of the range. */
    const legendAt = async (key: string, at: number): Promise<string> => {
      const chart = page.locator(`[data-chart="chart-day-${key}"]`);
      await chart.locator('canvas').first().waitFor();
      const over = chart.locator('.u-over');
      await over.scrollIntoViewIfNeeded();
      const b = (await over.boundingBox())!;
      await page.mouse.move(b.x + b.width * at - 5, b.y + b.height / 2);
      await page.mouse.move(b.x + b.width * at, b.y + b.height / 2, { steps: 3 });
      await page.clock.runFor(500); // uPlot updates the legend in an animation frame (the page clock is installed)
      return chart.locator('.u-legend .u-series').last().locator('.u-value').innerText();
    };
    // 09:30, the morning peak: more than a thousand calls, written "1.234" (not "1,234", read as 1.2 in Dutch).
    const calls = await legendAt('traffic', 0.75);
    expect(calls).toMatch(/^\d{1,3}(\.\d{3})+$/);
    // Error percentages with a decimal comma.
    expect(await legendAt('errors', 0.5)).toMatch(/^\d+,\d+$/);
    // The expected band's edges are not repeated in the legend (it fits a phone).
    expect(await page.locator('[data-chart="chart-day-traffic"] .u-legend .u-series:nth-child(2)').isVisible()).toBe(false);
    // The server-rendered table says the same in Dutch.
    const cell = await page.locator('[data-role="traffic"] .chart-table tbody tr td:nth-child(2)').nth(18).textContent();
    expect(cell).toMatch(/^\d{1,3}(\.\d{3})*\u00A0oproepen\/min$/);
    await page.close();
  });
});

describe('tap targets', () => {
  it.each([
    ['/nl/', PHONE],
    ['/fr/', DESKTOP],
    ['/fr/incidents/', PHONE],
  ] as const)('are at least 24 px tall on %s', async (path, viewport) => {
    const page = await open(path, viewport, 'light');
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.site-header a, .site-footer a, .status-list a, .subscribe a, .filter a, .pager a, summary, button')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ text: el.textContent?.trim().slice(0, 30), h: el.getBoundingClientRect().height }))
        .filter((t) => t.h < 24),
    );
    expect(small).toEqual([]);
    await page.close();
  });

  it('keeps the Dutch header on one line at 1280 px', async () => {
    const page = await open('/nl/', DESKTOP, 'light');
    // One line: every part of the header shares the same vertical middle.
    const middles = await page.evaluate(() => [...document.querySelectorAll('.site-header > *')].map((el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; }));
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(6);
    await page.close();
  });
});

describe('the French 404', () => {
  it('speaks French first under /fr/', async () => {
    const page = await open('/fr/nope/', PHONE, 'light');
    expect(await page.locator('main section').first().getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').innerText()).toMatch(/^Page introuvable/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.close();
  });
});

describe('axe', () => {
  it.each([
    ['/nl/', PHONE, 'light'],
    ['/fr/', PHONE, 'dark'],
    ['/nl/services/raotd/', DESKTOP, 'dark'],
    ['/fr/services/raotd/', PHONE, 'light'],
    ['/fr/incidents/raotd-storing-tarificatie/', PHONE, 'dark'],
    ['/nl/embed/', PHONE, 'light'],
  ] as const)('finds no violations on %s (%s, %s)', async (path, viewport, scheme) => {
    const page = await open(path, viewport, scheme);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.close();
  });
});

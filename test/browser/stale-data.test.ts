/**
 * "Stop the data": when the collectors stop, every service must turn grey — in the snapshot, in the
 * pages, in the JSON API and in the badges — never stay green. One real reduce of the sample data,
 * ten minutes after its last update (the stale limit is five), renders everything below.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reduce } from '../../scripts/lib/reduce-run';
import { replayAt } from '../../src/lib/cycle/now';
import { SnapshotSchema, type Snapshot } from '../../src/lib/snapshot/schema';
import { parseIso } from '../../src/lib/time/zone';
import { dict } from '../../src/i18n';
import { buildSite, launchBrowser, startServer, type RunningBrowser, type RunningServer } from './harness';

/** The sample's last update is 15:30:17 CET; ten minutes later the data is stale. */
const NOW = parseIso('2025-11-04T15:40:30+01:00');

describe('when the data stops coming', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-stale-'));
  let snapshot: Snapshot;
  let server: RunningServer;
  let browser: RunningBrowser;

  beforeAll(async () => {
    const out = join(dir, 'snapshot.json');
    const r = await reduce({ config: 'data/status.yaml', data: 'data', now: replayAt(NOW * 1000), wallMs: Date.now(), out, report: join(dir, 'report.json'), ledger: join(dir, 'ledger.json'), progress: false });
    expect(r.exitCode).toBeLessThan(2);
    snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    server = await startServer(await buildSite(out));
    browser = await launchBrowser({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks every service unknown, and the page unknown, in the snapshot', () => {
    expect(snapshot.services.map((s) => [s.id, s.level])).toEqual(snapshot.services.map((s) => [s.id, 'unknown']));
    expect(snapshot.overall.level).toBe('unknown');
    expect(snapshot.services.every((s) => s.score === null)).toBe(true);
  });

  it('shows every service as unknown on the overview, even without JavaScript', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/nl/`);
    const text = await page.locator('main').innerText();
    expect(text).not.toContain(dict('nl').level.operational);
    for (const service of snapshot.services) {
      const row = page.locator(`[data-service="${service.id}"]`);
      await expect(row.innerText()).resolves.toContain(dict('nl').level.unknown);
    }
  });

  it('never claims "operational" in the JSON API', async () => {
    const status = (await (await fetch(`${server.url}/api/v2/status.json`)).json()) as { status: { indicator: string; description: string } };
    expect(status.status.indicator).not.toBe('none');
    expect(status.status.description).toMatch(/onbekend/i);
    const summary = (await (await fetch(`${server.url}/api/v2/summary.json`)).json()) as { components: { status: string; x_fluxstatus: { level: string } }[] };
    for (const c of summary.components) {
      expect(c.status).not.toBe('operational');
      expect(c.x_fluxstatus.level).toBe('unknown');
    }
  });

  it('draws grey badges that say the status is unknown', async () => {
    for (const path of ['/badge.svg', ...snapshot.services.map((s) => `/badge/${s.id}.svg`), '/fr/badge.svg']) {
      const svg = await (await fetch(`${server.url}${path}`)).text();
      expect(svg, path).toMatch(/<svg/);
      expect(svg, path).not.toMatch(/#4c1|#97ca00/i); // shields' greens
      expect(svg, path).toContain(path.startsWith('/fr/') ? dict('fr').level.unknown : dict('nl').level.unknown);
    }
  });
});

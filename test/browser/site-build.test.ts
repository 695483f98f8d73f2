/**
 * Building from other snapshots: a missing snapshot stops the build with one clear line, and a
 * replayed snapshot shows the replay banner on every page.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../fixtures/snapshots/generate';
import { buildSite, launchBrowser, ROOT, startServer, type RunningBrowser, type RunningServer } from './harness';

const tmp = mkdtempSync(join(tmpdir(), 'fluxstatus-build-'));

describe('astro build', () => {
  it('stops with one line naming the file and `npm run reduce` when the snapshot is missing', () => {
    const missing = join(tmp, 'missing.json');
    const res = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'build', '--outDir', join(tmp, 'out')], {
      cwd: ROOT,
      env: { ...process.env, FLUXSTATUS_SNAPSHOT: missing, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.split('\n').filter((l) => l.includes('fluxstatus'));
    expect(lines).toEqual([`fluxstatus: no snapshot at ${missing} — run \`npm run reduce\` first (or set FLUXSTATUS_SNAPSHOT)`]);
    expect(res.stderr).not.toMatch(/Stack trace|    at /);
  });
});

describe('a replayed snapshot', () => {
  let server: RunningServer;
  let browser: RunningBrowser;
  beforeAll(async () => {
    const file = join(tmp, 'replay.json');
    writeFileSync(file, JSON.stringify(generateSnapshot({ replay: true, validFor: 10 * 365 * 86400 })));
    server = await startServer(await buildSite(file));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says on the overview that it shows a past minute, not the current state', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/fr/`);
    await expect(page.locator('.notice-replay').innerText()).resolves.toBe(
      // French typography: a no-break space before the colon.
      'Rediffusion\u00A0: cette page montre l’état du 4 nov. 2025 15:30 CET, pas l’état actuel.',
    );
    // valid_until far ahead: the real clock keeps this page fresh.
    await expect(page.locator('#stale-notice').isVisible()).resolves.toBe(false);
    await page.close();
  });
});

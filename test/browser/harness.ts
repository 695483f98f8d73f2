/**
 * Browser-test harness (shared with the API/embed tests): build the site once for a snapshot file,
 * serve the build with the project's own server (server/index.ts, what production runs), and drive
 * a real Chromium through playwright-core.
 *
 *   const dir = await buildSite('test/fixtures/snapshots/sample.json');
 *   const server = await startServer(dir);           // server.url = "http://127.0.0.1:<port>"
 *   const browser = await launchBrowser();            // browser.context: a fresh persistent profile
 *   ...; await browser.close(); await server.stop();
 *
 * Builds are cached on disk by the snapshot's content and a fingerprint of the site sources, so
 * several test files share one build per run (and an unchanged tree is not rebuilt). The cache
 * lives in node_modules/.cache (Astro's adapter output beside client/ resolves its packages there).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer as startSiteServer } from '../../server/index';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SAMPLE_SNAPSHOT = join(ROOT, 'test/fixtures/snapshots/sample.json');
export const CHROMIUM = '/usr/bin/chromium';
const CACHE = join(ROOT, 'node_modules/.cache/fluxstatus-browser');

/** Paths whose content decides the build (besides the snapshot). */
const SOURCES = ['src', 'public', 'astro.config.mjs', 'package-lock.json'];

function fingerprint(path: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) fingerprint(join(path, name), hash);
  } else {
    hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
  }
}

/** Cache key of a build: the snapshot bytes plus the sources' paths, sizes and mtimes. */
export function buildKey(snapshotFile: string): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(snapshotFile));
  for (const s of SOURCES) fingerprint(join(ROOT, s), hash);
  return hash.digest('hex').slice(0, 16);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

/** Builds the site for `snapshotFile` (once; cached) and returns the output directory. */
export async function buildSite(snapshotFile: string = SAMPLE_SNAPSHOT): Promise<string> {
  const file = resolve(ROOT, snapshotFile);
  const out = join(CACHE, buildKey(file));
  if (existsSync(join(out, 'server/entry.mjs'))) {
    utimesSync(out, new Date(), new Date()); // in use: keep it out of pruneCache
    return out;
  }
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const env = { ...process.env, FLUXSTATUS_SNAPSHOT: file, ASTRO_TELEMETRY_DISABLED: '1' };
  const { code, output } = await run(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'build', '--outDir', tmp], env);
  if (code !== 0) throw new Error(`astro build failed for ${file}:\n${output.split('\n').slice(-30).join('\n')}`);
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  pruneCache(out);
  return out;
}

/** Removes cached builds untouched for two hours (each source edit leaves one behind). */
function pruneCache(keep: string): void {
  const cutoff = Date.now() - 2 * 3600 * 1000;
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (path !== keep && statSync(path).mtimeMs < cutoff) rmSync(path, { recursive: true, force: true });
  }
}

export interface RunningServer {
  url: string;
  /** Lines the server logged (one-line operational messages). */
  log: string[];
  stop(): Promise<void>;
}

/**
 * Serves a build with the project's own server (server/index.ts, as in production: CSP, caching,
 * compression, 404 page) on a free port of 127.0.0.1, in this process.
 * Without `snapshotPath` the live routes are off and every file is the prerendered one, "as of" the
 * snapshot, so the page clock alone decides staleness; with it, they answer from that file at the wall clock.
 */
export async function startServer(dir: string, options: { snapshotPath?: string } = {}): Promise<RunningServer> {
  const log: string[] = [];
  const server = await startSiteServer({ siteDir: dir, snapshotPath: options.snapshotPath, host: '127.0.0.1', port: 0, log: (line) => log.push(line) });
  return { url: server.url, log, stop: () => server.close() };
}

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile; fails with the install command when it is missing. */
export async function launchBrowser(options: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<RunningBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM} — install it: apt-get install -y chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'fluxstatus-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and page errors of a page (check the array after navigating). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index';
import { buildSite, SAMPLE_SNAPSHOT } from '../browser/harness';
import { publishedCopy, raw } from './server-helpers';

let server: RunningServer;
let site: ReturnType<typeof publishedCopy>;
let snapshotFile: string;
const sample = JSON.parse(readFileSync(SAMPLE_SNAPSHOT, 'utf8'));
const logs: string[] = [];

/** Writes a snapshot file the way reduce does (new file renamed over the old one). */
function writeSnapshot(content: string): void {
  writeFileSync(`${snapshotFile}.tmp`, content);
  renameSync(`${snapshotFile}.tmp`, snapshotFile);
}

beforeAll(async () => {
  const build = await buildSite();
  site = publishedCopy(build);
  site.publish('one');
  snapshotFile = join(site.root, 'snapshot.json');
  writeFileSync(snapshotFile, JSON.stringify(sample));
  server = await startServer({ siteDir: site.current, snapshotPath: snapshotFile, host: '127.0.0.1', port: 0, log: (l) => logs.push(l) });
});

afterAll(async () => {
  await server?.close();
  if (site) rmSync(site.root, { recursive: true, force: true });
});

describe('the live server', () => {
  it('serves a page with security headers, a CSP without unsafe-eval and no cookie', async () => {
    const res = await raw(server.url, '/nl/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/script-src 'self'(?! 'unsafe-inline')/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=60');
  });

  it('allows each inline script of a page by its hash, so the page works under the CSP', async () => {
    const res = await raw(server.url, '/nl/');
    const html = res.body.toString('utf8');
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? '').filter((s) => s.trim());
    expect(inline.length).toBeGreaterThan(0);
    for (const body of inline) {
      expect(String(res.headers['content-security-policy'])).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    }
  });

  it('lets other sites frame the status-button page, and only that page', async () => {
    const button = await raw(server.url, '/fr/status-button/');
    expect(button.status).toBe(200);
    expect(String(button.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(button.headers['x-frame-options']).toBeUndefined();
    const embed = await raw(server.url, '/fr/embed/');
    expect(String(embed.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('answers If-None-Match with 304 for pages, static API files and live routes', async () => {
    for (const path of ['/nl/', '/api/v2/components.json', '/api/v2/status.json', '/badge/gfd.svg']) {
      const first = await raw(server.url, path);
      const etag = String(first.headers['etag']);
      expect(etag, path).toMatch(/^"[^"]+"$/);
      const again = await raw(server.url, path, { headers: { 'If-None-Match': etag } });
      expect(again.status, path).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });

  it('compresses with brotli or gzip as the client asks, with the same bytes inside', async () => {
    const plain = await raw(server.url, '/nl/');
    const br = await raw(server.url, '/nl/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    const gz = await raw(server.url, '/nl/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(br.headers['etag']).not.toBe(plain.headers['etag']);
  });

  it('serves live routes compressed from the first request on, with the same bytes inside', async () => {
    for (const path of ['/api/v2/summary.json', '/api/v2/status.json']) {
      const plain = await raw(server.url, path);
      const br = await raw(server.url, path, { headers: { 'Accept-Encoding': 'br' } });
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(br.body).equals(plain.body), path).toBe(true);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
    }
  });

  it('marks hashed /_astro/ assets immutable', async () => {
    const asset = readdirSync(join(site.current, 'client/_astro'))[0]!;
    const res = await raw(server.url, `/_astro/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends Access-Control-Allow-Origin: * with JSON, badges and the embed script, and answers preflights', async () => {
    for (const path of ['/api/v2/summary.json', '/api/v2/incidents.json', '/nl/badge.svg', '/badge/gfd.json', '/embed.js', '/fr/feed.xml']) {
      const res = await raw(server.url, path, { headers: { Origin: 'https://pharmacy.example' } });
      expect(res.status, path).toBe(200);
      expect(res.headers['access-control-allow-origin'], path).toBe('*');
    }
    const pre = await raw(server.url, '/api/v2/status.json', { method: 'OPTIONS', headers: { Origin: 'https://x.example', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
  });

  it.each([
    '/%2e%2e/etc/passwd',
    '/..%2f..%2fetc/passwd',
    '/%2E%2E/%2E%2E/package.json',
    '/../../../etc/passwd',
    '/nl/../../package.json',
    '/%c0%ae%c0%ae/etc/passwd',
    '/.env',
    '/nl/%00',
    '/..\\..\\etc\\passwd',
  ])('refuses the traversal attempt %s with 404', async (path) => {
    const res = await raw(server.url, path);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('root:');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'])('answers %s with 405 and the allowed methods', async (method) => {
    const res = await raw(server.url, '/nl/', { method });
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD, OPTIONS');
  });

  it('answers HEAD without a body and redirects a directory without its slash', async () => {
    const head = await raw(server.url, '/nl/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const redirect = await raw(server.url, '/nl');
    expect(redirect.status).toBe(301);
    expect(redirect.headers['location']).toBe('/nl/');
  });

  it.each(['//nl', '//nl/', '/\\nl', '//evil.com/', '//evil.com', '/%2F%2Fevil', '/%2f%2fevil.com/', '/nl//about', '/%5Cevil.com'])(
    'answers %s with 404, never a redirect to another origin such as Location: //nl/',
    async (path) => {
      const res = await raw(server.url, path);
      expect(res.status).toBe(404);
      expect(res.headers['location']).toBeUndefined();
    },
  );

  it('answers an unknown path with 404, a short cache and the site\'s not-found page in Dutch and French', async () => {
    const res = await raw(server.url, '/nl/nothing-here/');
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBe('public, max-age=10');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['etag']).toBeUndefined();
    const html = res.body.toString();
    expect(html).toContain('Pagina niet gevonden');
    expect(html).toContain('Page introuvable');
    expect(html).toContain('href="/nl/"');
    expect(html).toContain('href="/fr/"');
  });

  it('answers a refused traversal with the same not-found page, never a file outside the site', async () => {
    const res = await raw(server.url, '/%2e%2e/%2e%2e/package.json');
    expect(res.status).toBe(404);
    expect(res.body.toString()).toContain('Page introuvable');
    expect(res.body.toString()).not.toContain('"devDependencies"');
  });

  it('reports unknown, not the stale green, on live routes once the snapshot is past valid_until', async () => {
    // The sample snapshot's valid_until is in 2025: by the wall clock it has expired.
    const status = JSON.parse((await raw(server.url, '/api/v2/status.json')).body.toString());
    expect(status.status.indicator).toBe('minor');
    expect(status.x_fluxstatus).toMatchObject({ level: 'unknown', expired: true });
    const badge = JSON.parse((await raw(server.url, '/badge/gfd.json')).body.toString());
    expect(badge.color).toBe('lightgrey');
  });

  it('reflects a changed snapshot file on the next request of a live route', async () => {
    const fresh = { ...sample, valid_until: '2999-01-01T00:00:00+01:00', overall: { level: 'major_outage', score: 5, reason: { nl: 'alles plat' } } };
    writeSnapshot(JSON.stringify(fresh));
    const status = JSON.parse((await raw(server.url, '/api/v2/status.json')).body.toString());
    expect(status.status.indicator).toBe('critical');
    const summary = JSON.parse((await raw(server.url, '/api/v2/summary.json')).body.toString());
    expect(summary.components.find((c: { id: string }) => c.id === 'gfd').status).toBe('operational');
    const badge = (await raw(server.url, '/fr/badge.svg')).body.toString();
    expect(badge).toContain('Panne');

    const green = { ...fresh, overall: { level: 'operational', score: 99, reason: null } };
    writeSnapshot(JSON.stringify(green));
    expect(JSON.parse((await raw(server.url, '/api/v2/status.json')).body.toString()).status.indicator).toBe('none');
  });

  it('keeps the last good snapshot when the file is replaced by a broken one', async () => {
    writeSnapshot(JSON.stringify({ ...sample, valid_until: '2999-01-01T00:00:00+01:00', overall: { level: 'degraded', score: 70, reason: null } }));
    expect(JSON.parse((await raw(server.url, '/api/v2/status.json')).body.toString()).status.indicator).toBe('minor');
    writeSnapshot('{"schema_version": 1, "broken');
    const res = await raw(server.url, '/api/v2/status.json');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString()).x_fluxstatus.level).toBe('degraded');
    expect(logs.some((l) => l.includes('not valid JSON') && l.includes('snapshot.json'))).toBe(true);
  });

  it('serves the new build right after the `current` symlink is switched', async () => {
    const marker = 'fluxstatus-build-two';
    site.publish('two', (client) => {
      const file = join(client, 'nl/about/index.html');
      writeFileSync(file, readFileSync(file, 'utf8').replace('</body>', `<p>${marker}</p></body>`));
    });
    const res = await raw(server.url, '/nl/about/');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain(marker);
  });
});

/**
 * Serving benchmark: autocannon against the live server (server/) and, in the same run, against a
 * plain static server (node:http + fs, no caching, compression or headers) serving the same files.
 * Each server runs in its own process; each URL is hammered with 256 connections for a few seconds.
 *
 *   npm run bench:serve [-- --site <build dir>] [--seconds 5] [--connections 256]
 *
 * Without --site the sample snapshot is built once into node_modules/.cache/fluxstatus-bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { astroBuild } from '../lib/astro-build';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SELF = fileURLToPath(import.meta.url);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

/** The plain comparison server: resolve the path, stream the file. No features. */
function plainServer(dir: string, port: number): void {
  createServer((req, res) => {
    let path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(dir, `.${path}`);
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200);
    createReadStream(file).pipe(res);
  }).listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
}

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function spawnServer(args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout?.on('data', (d: Buffer) => {
      if (/ready|serve: /.test(d.toString())) done(child);
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const seconds = Number(arg('--seconds', '5'));
  const connections = Number(arg('--connections', '256'));
  let site = arg('--site', '');
  if (site === '') {
    site = join(ROOT, 'node_modules/.cache/fluxstatus-bench');
    if (!existsSync(join(site, 'client/index.html'))) {
      process.stdout.write('building the sample site once …\n');
      await astroBuild({ root: ROOT, snapshotPath: join(ROOT, 'test/fixtures/snapshots/sample.json'), outDir: site });
    }
  }
  const client = existsSync(join(site, 'client')) ? join(site, 'client') : site;
  // A snapshot that stays valid during the run, so live routes render a real level.
  const snapshotPath = join(mkdtempSync(join(tmpdir(), 'fluxstatus-bench-')), 'snapshot.json');
  const sample = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/snapshots/sample.json'), 'utf8'));
  writeFileSync(snapshotPath, JSON.stringify({ ...sample, valid_until: '2999-01-01T00:00:00+01:00' }));

  const livePort = 43210;
  const plainPort = 43211;
  const live = await spawnServer([join(ROOT, 'scripts/serve.ts'), site, '--snapshot', snapshotPath], { HOST: '127.0.0.1', PORT: String(livePort) });
  const plain = await spawnServer([SELF, '--plain', client, String(plainPort)], {});

  const targets: Array<[string, string, Record<string, string>]> = [
    ['/api/v2/status.json', 'live route', {}],
    ['/badge/gfd.svg', 'live route', {}],
    ['/nl/', 'static page', {}],
    ['/nl/', 'static page, br', { 'Accept-Encoding': 'br, gzip' }],
  ];
  const rows: string[][] = [];
  try {
    for (const [path, kind, headers] of targets) {
      for (const [name, port] of [['fluxstatus', livePort], ['plain node:http', plainPort]] as const) {
        if (name === 'plain node:http' && headers['Accept-Encoding'] !== undefined) continue;
        const url = `http://127.0.0.1:${port}${path}`;
        await autocannon({ url, connections: 16, duration: 1, headers }); // warm-up (caches, JIT)
        const r = await autocannon({ url, connections, duration: seconds, headers });
        rows.push([`${path} (${kind})`, name, r.requests.average.toFixed(0), r.latency.p50.toFixed(1), r.latency.p99.toFixed(1), String(r.errors + r.timeouts + r.non2xx)]);
      }
    }
  } finally {
    live.kill('SIGTERM');
    plain.kill('SIGTERM');
  }
  const head = ['route', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  process.stdout.write(`\n${connections} connections, ${seconds} s per row\n${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`);
}

if (process.argv.includes('--plain')) {
  const i = process.argv.indexOf('--plain');
  plainServer(resolve(process.argv[i + 1] ?? '.'), Number(process.argv[i + 2]));
} else {
  await main();
}

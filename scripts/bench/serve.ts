/**
 * Serving benchmark, two parts, each against a reference measured in the same run:
 *
 *  1. 2,000 connections (`wrk -t2 -c2000 -d10s`): the fluxstatus server (its live route
 *     /api/v2/status.json and the static page /nl/) beside nginx serving the same client/ files,
 *     both with the same number of worker processes. Runs are interleaved (fluxstatus, nginx,
 *     fluxstatus, …) so both see the same machine load; medians of `--runs` (3) are reported,
 *     errors summed over all runs. Targets (issue 11): 0 errors, p99 ≤ 100 ms on status.json,
 *     throughput ≥ 0.5× nginx's.
 *  2. 256 connections (autocannon): the fluxstatus server beside a plain node:http + fs server
 *     (no caching, compression or headers). Skip with --skip-256.
 *
 *   npm run bench:serve [-- --site <build dir>] [--workers 2] [--runs 3] [--seconds 10] [--connections 2000]
 *
 * Without --site the sample snapshot is built once into node_modules/.cache/fluxstatus-bench.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { astroBuild } from '../lib/astro-build';
import { benchCli } from './lib/cli';
import { median } from './lib/median';
import { startNginx } from './lib/serve-nginx';
import { treeCpuSeconds } from './lib/proc-cpu';
import { errorCount, runWrk, type WrkResult } from './lib/serve-wrk';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SELF = fileURLToPath(import.meta.url);

const cli = benchCli(
  'bench:serve',
  'npm run bench:serve [-- options]',
  {
    site: { type: 'string', value: 'DIR', help: 'a build directory to serve (default: the sample, built once into node_modules/.cache/fluxstatus-bench)' },
    workers: { type: 'string', value: 'N', help: 'worker processes of each server (default: the cores)' },
    runs: { type: 'string', value: 'R', help: 'interleaved runs, medians reported (default 3)' },
    seconds: { type: 'string', value: 'S', help: 'seconds per wrk run (default 10)' },
    connections: { type: 'string', value: 'N', help: 'wrk connections (default 2000)' },
    'skip-256': { type: 'boolean', help: 'skip part 2 (256 connections beside a plain node server)' },
    plain: { type: 'string', value: 'DIR', help: 'internal: run the plain comparison server on DIR (with --plain-port)' },
    'plain-port': { type: 'string', value: 'PORT', help: 'internal: the plain server\'s port' },
  },
  { workers: 1, runs: 1, seconds: 1, connections: 1, 'plain-port': 1 },
);

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

/** Starts a TypeScript entry in its own process (open-file limit raised); resolves on its ready line. */
function spawnServer(args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const script = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"';
    const child = spawn('sh', ['-c', script, process.execPath, '--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/ready|serve: /.test(out)) done(child);
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
}

const load = () => execSync('uptime').toString().trim().replace(/^.*load average/, 'load average');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return `${line(head)}\n|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|\n${rows.map(line).join('\n')}`;
}

/** A wrk run with the server's CPU seconds during it (all its processes: less noisy than req/s on a shared machine). */
interface Measured extends WrkResult {
  cpuSeconds: number;
  perCpuSecond: number;
  /** Connections each worker held in the middle of the run ("1012/988"): the kernel's split of wrk's connections. */
  split: string;
}

/** The worker processes of a server: the children of its primary (nginx: of its master), by pid. */
function workerPids(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return out.sort((a, b) => a - b);
}

/** Open sockets of a process (listening and IPC sockets included: compare with a count taken before the run). */
function socketCount(pid: number): number {
  let n = 0;
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
      } catch {
        // Closed meanwhile.
      }
    }
  } catch {
    return 0;
  }
  return n;
}

/** Part 1: fluxstatus beside nginx at 2,000 connections. */
async function manyConnections(site: string, client: string, snapshotPath: string): Promise<void> {
  const workers = cli.count('workers', availableParallelism());
  const runs = cli.count('runs', 3);
  const seconds = cli.count('seconds', 10);
  const connections = cli.count('connections', 2000);
  const fluxPort = 43220;
  const nginxPort = 43221;
  const startLoad = load();
  const flux = await spawnServer([join(ROOT, 'scripts/serve.ts'), site, '--snapshot', snapshotPath, '--workers', String(workers)], { HOST: '127.0.0.1', PORT: String(fluxPort) });
  const nginx = await startNginx(client, nginxPort, workers, connections);
  const servers = [
    ['fluxstatus', fluxPort, flux.pid ?? -1],
    ['nginx', nginxPort, nginx.pid],
  ] as const;
  const routes = ['/api/v2/status.json', '/nl/'];
  const results = new Map<string, Measured[]>();
  const wrk = (port: number, path: string, s: number) => runWrk(`http://127.0.0.1:${port}${path}`, { threads: 2, connections, seconds: s });
  /** One run, with the CPU seconds the server (all its processes) used during it. */
  const measure = async (port: number, pid: number, path: string): Promise<Measured> => {
    // Children without sockets (a compiler service) are not workers.
    const workers = workerPids(pid).filter((w) => socketCount(w) > 0);
    const idle = workers.map(socketCount);
    let split = '';
    const sample = setTimeout(() => (split = workers.map((w, i) => socketCount(w) - idle[i]!).join('/')), (seconds * 1000) / 2);
    const before = treeCpuSeconds(pid);
    const r = await wrk(port, path, seconds);
    const cpu = treeCpuSeconds(pid) - before;
    clearTimeout(sample);
    return { ...r, cpuSeconds: cpu, perCpuSecond: cpu > 0 ? r.requests / cpu : Number.NaN, split };
  };
  try {
    for (const [, port] of servers) for (const path of routes) await wrk(port, path, 3); // warm-up: JIT, caches, accept path
    for (let run = 0; run < runs; run++) {
      for (const path of routes) {
        for (const [name, port, pid] of servers) {
          const r = await measure(port, pid, path);
          results.set(`${path} ${name}`, [...(results.get(`${path} ${name}`) ?? []), r]);
          process.stdout.write(`run ${run + 1}/${runs} ${path} ${name}: ${r.reqPerSec.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${errorCount(r)} errors, server CPU ${r.cpuSeconds.toFixed(1)} s, connections per worker ${r.split || '?'} (${load()})\n`);
        }
      }
    }
  } finally {
    flux.kill('SIGTERM');
    await nginx.stop();
  }
  const rows: string[][] = [];
  const verdicts: string[] = [];
  for (const path of routes) {
    const med = (name: string, f: (r: Measured) => number) => median((results.get(`${path} ${name}`) ?? []).map(f));
    for (const [name] of servers) {
      const rs = results.get(`${path} ${name}`) ?? [];
      const errs = rs.reduce((a, r) => a + errorCount(r), 0);
      const kinds = ['connect', 'read', 'write', 'timeout', 'non2xx'].map((k, i) => [k, rs.reduce((a, r) => a + [r.connectErrors, r.readErrors, r.writeErrors, r.timeouts, r.non2xx][i]!, 0)] as const).filter(([, n]) => n > 0);
      rows.push([path, name, med(name, (r) => r.reqPerSec).toFixed(0), med(name, (r) => r.perCpuSecond).toFixed(0), med(name, (r) => r.p50Ms).toFixed(1), med(name, (r) => r.p99Ms).toFixed(1), rs.map((r) => r.p99Ms.toFixed(0)).join(', '), `${errs}${kinds.length > 0 ? ` (${kinds.map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}`]);
    }
    verdicts.push(`     ${path}: connections per worker in the middle of each run: ${servers.map(([name]) => `${name} ${(results.get(`${path} ${name}`) ?? []).map((r) => r.split || '?').join(', ')}`).join('; ')}`);
    const ratio = med('fluxstatus', (r) => r.reqPerSec) / med('nginx', (r) => r.reqPerSec);
    const errs = (results.get(`${path} fluxstatus`) ?? []).reduce((a, r) => a + errorCount(r), 0);
    const cpuRatio = med('fluxstatus', (r) => r.perCpuSecond) / med('nginx', (r) => r.perCpuSecond);
    verdicts.push(`${ratio >= 0.5 ? 'PASS' : 'FAIL'} ${path}: throughput ${ratio.toFixed(2)}× nginx's (target ≥ 0.5×); per server CPU-second ${cpuRatio.toFixed(2)}×`);
    verdicts.push(`${errs === 0 ? 'PASS' : 'FAIL'} ${path}: ${errs} errors over ${runs} runs (target 0)`);
    if (path.includes('status.json')) {
      const p99 = med('fluxstatus', (r) => r.p99Ms);
      verdicts.push(`${p99 <= 100 ? 'PASS' : 'FAIL'} ${path}: p99 ${p99.toFixed(1)} ms (target ≤ 100 ms)`);
    }
  }
  process.stdout.write(
    `\n${connections} connections, wrk -t2 -c${connections} -d${seconds}s, ${workers} worker process(es) each, medians of ${runs} interleaved runs (errors: sum of all runs)\n` +
      `machine at start: ${startLoad}; at end: ${load()}\n${table(['route', 'server', 'req/s', 'req/CPU-s', 'p50 ms', 'p99 ms', 'p99 of each run', 'errors'], rows)}\n${verdicts.join('\n')}\n`,
  );
}

/** Part 2: fluxstatus beside a plain node:http server at 256 connections (autocannon). */
async function plainComparison(site: string, client: string, snapshotPath: string): Promise<void> {
  const seconds = 5;
  const connections = 256;
  const livePort = 43210;
  const plainPort = 43211;
  const live = await spawnServer([join(ROOT, 'scripts/serve.ts'), site, '--snapshot', snapshotPath], { HOST: '127.0.0.1', PORT: String(livePort) });
  const plain = await spawnServer([SELF, '--plain', client, '--plain-port', String(plainPort)], {});
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
  process.stdout.write(`\n${connections} connections (autocannon), ${seconds} s per row, one process each\n${table(['route', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors'], rows)}\n`);
}

async function main(): Promise<void> {
  let site = cli.values.site ?? '';
  if (site === '') {
    site = join(ROOT, 'node_modules/.cache/fluxstatus-bench');
    if (!existsSync(join(site, 'client/index.html'))) {
      process.stdout.write('building the sample site once …\n');
      await astroBuild({ root: ROOT, snapshotPath: join(ROOT, 'test/fixtures/snapshots/sample.json'), outDir: site });
    }
  }
  const client = resolve(existsSync(join(site, 'client')) ? join(site, 'client') : site);
  // A snapshot that stays valid during the run, so live routes render a real level.
  const snapshotPath = join(mkdtempSync(join(tmpdir(), 'fluxstatus-bench-')), 'snapshot.json');
  const sample = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/snapshots/sample.json'), 'utf8'));
  writeFileSync(snapshotPath, JSON.stringify({ ...sample, valid_until: '2999-01-01T00:00:00+01:00' }));
  await manyConnections(site, client, snapshotPath);
  if (cli.values['skip-256'] !== true) await plainComparison(site, client, snapshotPath);
}

if (cli.values.plain !== undefined) {
  plainServer(resolve(cli.values.plain), cli.count('plain-port', 0));
} else {
  await main();
}

/**
 * Reduce benchmark: `npx tsx scripts/bench/reduce.ts [--rrds N] [--repeats R] [--dir DIR] [--keep]`.
 *
 * Builds a synthetic deployment of N binary .rrd files (default 6,000) by copying the sample RRDs of
 * data/rrd into rrd/<service>/host-k/<file>.rrd, with a copy of data/status.yaml whose globs cover
 * every host (sum / max / mean as configured), then times in child processes (so each phase has its
 * own peak RSS):
 *   cold        reduce with no cache and no state (median of R)
 *   restart     a fresh process with the persisted state on disk, nothing new (median of R)
 *   unchanged   warm reduce, cache kept, nothing changed, now + 60 s (median of R)
 *   +1 minute   warm reduce after one minute was appended to every file with `rrdtool update`
 *               (batched through one `rrdtool -` process), now + 60 s (median of R)
 *   reference   read only the changed bytes: header + the newest 1-min row of every file
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { globSync } from 'tinyglobby';
import { parseIso } from '../../src/lib/time/zone';
import { readRrdFile } from '../lib/rrd-file';
import { liveAt } from '../../src/lib/cycle/now';
import { reduce, type ReduceOptions } from '../lib/reduce-run';
import { benchCli } from './lib/cli';
import { median } from './lib/median';
import { ReduceCache } from '../lib/reduce-cache';

const SAMPLE_NOW = parseIso('2025-11-04T15:30:30+01:00');

interface Args {
  rrds: number;
  repeats: number;
  dir?: string;
  keep: boolean;
  phase?: string;
}

/** The command line, on the shared CLI layer (--help; an unknown option is one line, exit 2). */
function parseArgs(): Args {
  const cli = benchCli(
    'bench:reduce',
    'npx tsx scripts/bench/reduce.ts [options]',
    {
      rrds: { type: 'string', value: 'N', help: 'binary RRDs in the deployment (default 6000)' },
      repeats: { type: 'string', value: 'R', help: 'runs per phase, the median is reported (default 3)' },
      dir: { type: 'string', value: 'DIR', help: 'where the deployment is built (default: a temporary directory, removed afterwards)' },
      keep: { type: 'boolean', help: 'keep the deployment afterwards' },
      phase: { type: 'string', value: 'NAME', help: 'internal: run one phase in this process (the benchmark starts these itself)' },
    },
    { rrds: 1, repeats: 1 },
  );
  const v = cli.values;
  return { rrds: cli.count('rrds', 6000), repeats: cli.count('repeats', 3), keep: v.keep === true, ...(v.dir === undefined ? {} : { dir: v.dir }), ...(v.phase === undefined ? {} : { phase: v.phase }) };
}

/** The sample files a config metric reads, as paths relative to data/ (rrd/<service>/<file>.rrd). */
function sampleFiles(): string[] {
  const text = readFileSync('data/status.yaml', 'utf8');
  return [...new Set([...text.matchAll(/files: (rrd\/[^\s]+\.rrd)/g)].map((m) => m[1]!))];
}

/** Writes the deployment: hosts × sample files, and the config with globs over the hosts. */
export function buildDeployment(root: string, rrds: number): { files: string[] } {
  const samples = sampleFiles();
  const hosts = Math.max(1, Math.floor(rrds / samples.length));
  const files: string[] = [];
  for (const rel of samples) {
    const [, service, file] = rel.split('/');
    for (let k = 0; k < hosts; k++) {
      const dest = join(root, 'rrd', service!, `host-${k}`, file!);
      if (!existsSync(dest)) {
        mkdirSync(join(root, 'rrd', service!, `host-${k}`), { recursive: true });
        copyFileSync(join('data', rel), dest);
      }
      files.push(dest);
    }
  }
  const config = readFileSync('data/status.yaml', 'utf8')
    .replace('# yaml-language-server: $schema=../schema/status.schema.json\n', '')
    .replace(/files: rrd\/([a-z]+)\/([a-z_]+\.rrd)/g, 'files: rrd/$1/**/$2');
  writeFileSync(join(root, 'status.yaml'), config);
  return { files };
}

/** Appends minute `k` (1, 2, …) after the sample's last update to every file, through one `rrdtool -`. */
export async function appendMinute(files: readonly string[], k: number): Promise<number> {
  const templates = new Map<string, { last: number; values: string[] }>();
  const lines: string[] = [];
  for (const f of files) {
    const key = f.split('/').slice(-2).join('/').replace(/host-\d+\//, '') + f.split('/').at(-3);
    let t = templates.get(key);
    if (t === undefined) {
      // All copies of a sample share its DSs and last update: ask rrdtool once per sample.
      const info = execFileSync('rrdtool', ['info', f], { encoding: 'utf8' });
      const last = Number(/^last_update = (\d+)/m.exec(info)![1]);
      const ds = [...info.matchAll(/^ds\[([^\]]+)\]\.type = "(\w+)"/gm)].map((m) => ({ name: m[1]!, type: m[2]! }));
      const values = ds.map((d) => {
        const lastDs = new RegExp(`^ds\\[${d.name.replace(/[-]/g, '\\-')}\\]\\.last_ds = "([^"]*)"`, 'm').exec(info)?.[1] ?? 'U';
        const base = Number(lastDs);
        if (!Number.isFinite(base)) return 'U';
        return d.type === 'COUNTER' || d.type === 'DERIVE' ? String(Math.round(base)) : String(base);
      });
      t = { last: last - (k - 1) * 60, values };
      templates.set(key, t);
    }
    lines.push(`update ${f} ${t.last + k * 60}:${t.values.map((v, c) => (v === 'U' ? 'U' : /^\d+$/.test(v) ? String(Number(v) + k * 600 + c) : v)).join(':')}`);
  }
  const start = performance.now();
  await new Promise<void>((resolveDone, reject) => {
    const child = spawn('rrdtool', ['-'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let errors = 0;
    let firstError = '';
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const p of parts) if (p.startsWith('ERROR')) (errors++, (firstError ||= p));
    });
    child.on('close', () => (errors > 0 ? reject(new Error(`rrdtool update: ${errors} errors, first: ${firstError}`)) : resolveDone()));
    child.stdin.end(`${lines.join('\n')}\n`);
  });
  return (performance.now() - start) / 1000;
}


interface PhaseResult {
  times: number[];
  cpu: number[];
  maxRssMb: number;
  extra?: Record<string, number | string>;
}

function options(root: string, cache: ReduceCache | undefined, now: number, state: boolean): ReduceOptions {
  return {
    config: join(root, 'status.yaml'),
    data: root,
    out: join(root, 'out', 'snapshot.json'),
    report: join(root, 'out', 'report.json'),
    ledger: join(root, 'out', 'ledger.json'),
    now: liveAt(now * 1000),
    wallMs: Date.now(),
    newLedger: true,
    progress: false,
    ...(cache === undefined ? {} : { cache }),
    ...(state ? { statePath: join(root, 'state') } : {}),
  } as ReduceOptions;
}

async function timed(run: () => Promise<unknown>): Promise<[number, number]> {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = (await run()) as { exitCode?: number; messages?: string[] };
  if (r.exitCode === 2) throw new Error(`reduce failed: ${r.messages?.join(' | ')}`);
  const u = process.cpuUsage(c);
  return [(performance.now() - t) / 1000, (u.user + u.system) / 1e6];
}

/** One phase, run in its own process (see main). */
async function phase(name: string, root: string, repeats: number): Promise<PhaseResult> {
  const times: number[] = [];
  const cpu: number[] = [];
  const extra: Record<string, number | string> = {};
  const files = globSync('rrd/**/*.rrd', { cwd: root, absolute: true });
  if (name === 'cold') {
    for (let r = 0; r < repeats; r++) {
      rmSync(join(root, 'out'), { recursive: true, force: true });
      const [s, c] = await timed(() => reduce(options(root, new ReduceCache(), SAMPLE_NOW, false)));
      times.push(s);
      cpu.push(c);
    }
  } else if (name === 'restart') {
    // A fresh process each repeat would be truer; one process with a new cache each time is close (the state is read from disk).
    for (let r = 0; r < repeats; r++) {
      const [s, c] = await timed(() => reduce(options(root, new ReduceCache(), SAMPLE_NOW, true)));
      times.push(s);
      cpu.push(c);
    }
  } else if (name === 'warm') {
    const cache = new ReduceCache();
    await reduce(options(root, cache, SAMPLE_NOW, true));
    let now = SAMPLE_NOW;
    const unchanged: [number, number][] = [];
    const changed: [number, number][] = [];
    const reference: number[] = [];
    const updates: number[] = [];
    for (let r = 0; r < repeats; r++) {
      now += 60;
      unchanged.push(await timed(() => reduce(options(root, cache, now, true))));
      updates.push(await appendMinute(files, r + 1));
      now += 60;
      changed.push(await timed(() => reduce(options(root, cache, now, true))));
      // Reference: the changed bytes only (header + the newest 1-min row of every file).
      const t = performance.now();
      for (const f of files) readRrdFile(f, { cf: 'AVERAGE', resolution: 60, start: now - 120, end: now });
      reference.push((performance.now() - t) / 1000);
    }
    times.push(...unchanged.map((x) => x[0]));
    cpu.push(...unchanged.map((x) => x[1]));
    extra['changed_s'] = median(changed.map((x) => x[0]));
    extra['changed_cpu_s'] = median(changed.map((x) => x[1]));
    extra['reference_s'] = median(reference);
    extra['rrdtool_update_s'] = median(updates);
  } else throw new Error(`unknown phase ${name}`);
  return { times, cpu, maxRssMb: process.resourceUsage().maxRSS / 1024, extra };
}

function runChild(phaseName: string, root: string, repeats: number): PhaseResult {
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--phase', phaseName, '--dir', root, '--repeats', String(repeats)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || line === undefined) throw new Error(`phase ${phaseName} failed (exit ${r.status})`);
  return JSON.parse(line.slice(7)) as PhaseResult;
}

async function main(): Promise<void> {
  const args = parseArgs();
  if (args.phase !== undefined) {
    const result = await phase(args.phase, args.dir!, args.repeats);
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }
  const root = args.dir ?? mkdtempSync(join(tmpdir(), 'fluxstatus-reduce-bench-'));
  try {
    const t = performance.now();
    const { files } = buildDeployment(root, args.rrds);
    rmSync(join(root, 'state'), { recursive: true, force: true });
    const hasRrdtool = spawnSync('rrdtool', ['--version']).status === 0;
    if (!hasRrdtool) throw new Error('rrdtool not found: the +1 minute phase needs /usr/bin/rrdtool');
    console.log(`fluxstatus reduce benchmark — ${files.length} RRDs (${readdirSync(join(root, 'rrd')).length} services) in ${relative(process.cwd(), root) || root}, built in ${((performance.now() - t) / 1000).toFixed(1)} s; median of ${args.repeats}; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
    const cold = runChild('cold', root, args.repeats);
    const warm = runChild('warm', root, args.repeats);
    const restart = runChild('restart', root, args.repeats);
    const f = (x: number | string | undefined): string => (typeof x === 'number' ? x.toFixed(2) : String(x ?? '—'));
    console.log(['phase'.padEnd(34), 'wall s'.padStart(8), 'cpu s'.padStart(8), 'peak RSS MB'.padStart(12)].join(''));
    const row = (name: string, wall: number | string | undefined, cpuS: number | string | undefined, rss: number): void =>
      console.log([name.padEnd(34), f(wall).padStart(8), f(cpuS).padStart(8), rss.toFixed(0).padStart(12)].join(''));
    row('cold (no cache, no state)', median(cold.times), median(cold.cpu), cold.maxRssMb);
    row('restart (state on disk, no cache)', median(restart.times), median(restart.cpu), restart.maxRssMb);
    row('warm, nothing new', median(warm.times), median(warm.cpu), warm.maxRssMb);
    row('warm, +1 minute in every file', warm.extra?.['changed_s'], warm.extra?.['changed_cpu_s'], warm.maxRssMb);
    row('reference: read the new rows only', warm.extra?.['reference_s'], '', warm.maxRssMb);
    console.log(`(rrdtool update of ${files.length} files through one \`rrdtool -\`: ${f(warm.extra?.['rrdtool_update_s'])} s; not part of reduce)`);
  } finally {
    if (!args.keep && args.dir === undefined) rmSync(root, { recursive: true, force: true });
    else console.log(`kept ${root} (the appended minutes stay in its files: rebuild with a new --dir for a clean run)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}

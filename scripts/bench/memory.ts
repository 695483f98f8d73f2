/**
 * Memory per cycle against the number of services: `npm run bench:memory [-- --services 100,300] [--repeats R]`.
 *
 * Builds deployments of N services (each a copy of the sample's GFD service: calls, errors, p95, its
 * files symlinked to data/rrd/gfd), then runs one cold reduce per deployment in a child process
 * (`--phase`), so each figure is that process's own peak RSS. The promise (README): memory is
 * bounded by one file plus the per-metric minute aggregates — it grows with the services by the
 * aggregates only, never by every series read. Prints the median peak RSS per N and the growth per service.
 * With `--reference DIR` (a checkout of an older commit with its own scripts/bench/memory.ts), the
 * same deployments are reduced by that code too, runs interleaved, so both columns share one machine state.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { liveAt } from '../../src/lib/cycle/now';
import { parseIso } from '../../src/lib/time/zone';
import { reduce } from '../lib/reduce-run';
import { USAGE_EXIT } from '../../src/lib/cli/options';
import { benchCli } from './lib/cli';
import { median } from './lib/median';

const SAMPLE_NOW = parseIso('2025-11-04T15:30:30+01:00');

/** Lays out N services under `dir` (status.yaml + data/rrd/s<i>/*.rrd symlinks). */
export function deployment(dir: string, services: number): void {
  const config = parse(readFileSync('data/status.yaml', 'utf8')) as { services: { id: string; metrics: { files: string }[] }[] };
  const gfd = config.services.find((s) => s.id === 'gfd');
  if (gfd === undefined) throw new Error('data/status.yaml has no gfd service');
  config.services = Array.from({ length: services }, (_, i) => {
    const id = `s${i}`;
    mkdirSync(join(dir, 'data/rrd', id), { recursive: true });
    for (const f of ['calls.rrd', 'errors.rrd', 'resptime.rrd']) symlinkSync(resolve('data/rrd/gfd', f), join(dir, 'data/rrd', id, f));
    return { ...structuredClone(gfd), id, metrics: gfd.metrics.map((m) => ({ ...m, files: m.files.replace('rrd/gfd/', `rrd/${id}/`) })) };
  });
  // No anchors/aliases: 300 services sharing labels would exceed the loader's alias limit.
  writeFileSync(join(dir, 'status.yaml'), stringify(config, { aliasDuplicateObjects: false }));
}

/** Child: one cold reduce over `dir`; prints its peak RSS (MB) and duration. */
async function phase(dir: string): Promise<void> {
  const t0 = performance.now();
  const r = await reduce({
    config: join(dir, 'status.yaml'),
    data: join(dir, 'data'),
    now: liveAt(SAMPLE_NOW * 1000),
    wallMs: Date.now(),
    newLedger: true,
    out: join(dir, 'out/snapshot.json'),
    report: join(dir, 'out/report.json'),
    ledger: join(dir, 'out/ledger.json'),
    progress: false,
  });
  if (r.exitCode === 2) throw new Error(`reduce failed: ${r.messages.at(-1) ?? ''}`);
  console.log(JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024, ms: performance.now() - t0, services: r.snapshot?.services.length ?? 0 }));
}


function main(): void {
  const cli = benchCli(
    'bench:memory',
    'npm run bench:memory [-- options]',
    {
      services: { type: 'string', value: 'N,N,…', help: 'service counts of the deployments (default 100,300)' },
      repeats: { type: 'string', value: 'R', help: 'cold reduces per deployment, the median is reported (default 3)' },
      phase: { type: 'string', value: 'DIR', help: 'internal: one cold reduce of DIR in this process (the benchmark starts these itself)' },
      reference: { type: 'string', value: 'DIR', help: 'also reduce each deployment with the checkout in DIR (e.g. a git worktree of main), interleaved' },
    },
    { repeats: 1 },
  );
  const phaseDir = cli.values.phase;
  if (phaseDir !== undefined) {
    void phase(phaseDir);
    return;
  }
  const counts = (cli.values.services ?? '100,300').split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) {
    process.stderr.write(`bench:memory: --services needs whole numbers of at least 1 separated by commas, got "${cli.values.services ?? ''}"\n`);
    process.exit(USAGE_EXIT);
  }
  const repeats = cli.count('repeats', 3);
  const root = mkdtempSync(join(tmpdir(), 'fluxstatus-bench-memory-'));
  const reference = cli.values.reference === undefined ? undefined : resolve(cli.values.reference);
  const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`fluxstatus memory per cycle — cold reduce, one child process per run, median of ${repeats}, Node ${process.version}, load average ${load()}`);
  if (reference !== undefined) console.log(`reference: ${reference} (${gitHead(reference)}), runs interleaved with this checkout's (${gitHead('.')})`);
  console.log('');
  console.log(reference === undefined ? '| services | metrics | peak RSS (MB) | time (s) |' : '| services | metrics | peak RSS (MB) | reference (MB) | ratio | time (s) | reference time (s) |');
  console.log(reference === undefined ? '|---:|---:|---:|---:|' : '|---:|---:|---:|---:|---:|---:|---:|');
  const results: { n: number; rss: number; ref: number }[] = [];
  try {
    for (const n of counts) {
      const dir = join(root, String(n));
      deployment(dir, n);
      const runs: PhaseResult[] = [];
      const refRuns: PhaseResult[] = [];
      for (let k = 0; k < repeats; k++) {
        if (reference !== undefined) refRuns.push(runPhase(dir, join(reference, 'scripts/bench/memory.ts'), reference));
        runs.push(runPhase(dir, process.argv[1]!, process.cwd()));
      }
      const rss = median(runs.map((r) => r.rssMb));
      const secs = (rs: PhaseResult[]): string => (median(rs.map((r) => r.ms)) / 1000).toFixed(1);
      if (reference === undefined) {
        results.push({ n, rss, ref: Number.NaN });
        console.log(`| ${n} | ${n * 3} | ${rss.toFixed(0)} | ${secs(runs)} |`);
      } else {
        const ref = median(refRuns.map((r) => r.rssMb));
        results.push({ n, rss, ref });
        console.log(`| ${n} | ${n * 3} | ${rss.toFixed(0)} | ${ref.toFixed(0)} | ${(rss / ref).toFixed(2)} | ${secs(runs)} | ${secs(refRuns)} |`);
      }
    }
    if (results.length >= 2) {
      const a = results[0]!;
      const b = results[results.length - 1]!;
      const per = (x: number, y: number): string => ((y - x) / (b.n - a.n)).toFixed(2);
      console.log(`\ngrowth: ${per(a.rss, b.rss)} MB per service (${a.n} → ${b.n} services)${reference === undefined ? '' : `; reference ${per(a.ref, b.ref)} MB per service`}`);
    }
    console.log(`load average at the end: ${load()}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface PhaseResult {
  rssMb: number;
  ms: number;
}

/** One cold reduce of `dir` in a child process running `script --phase dir` from `cwd`. */
function runPhase(dir: string, script: string, cwd: string): PhaseResult {
  rmSync(join(dir, 'out'), { recursive: true, force: true });
  const child = spawnSync(process.execPath, [...process.execArgv, script, '--phase', dir], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`phase failed (${script}): ${child.stderr.split('\n').slice(-5).join(' ')}`);
  const r = JSON.parse(line) as PhaseResult;
  return { rssMb: r.rssMb, ms: r.ms };
}

/** The short commit of a checkout, for the output's header. */
function gitHead(dir: string): string {
  const r = spawnSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown commit';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();

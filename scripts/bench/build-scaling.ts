/**
 * `npx tsx scripts/bench/build-scaling.ts [--sizes 30,500,2000] [--repeats 3]`
 *
 * How the Astro build grows with the incident history, full and incremental (issue 6). Per size:
 *   1. a full build of the generated snapshot (every archive page rendered),
 *   2. an incremental build of the next minute (levels change, same incidents) from that build,
 *   3. an incremental build after one new resolved incident in last month, from build 2,
 * each repeated, medians reported, with the peak RSS of the Astro process. The floor is measured in
 * the same builds from Astro's own log: the time before the first page is rendered (process start,
 * config, Vite bundling of server and client) against the time spent rendering pages.
 * Builds live in .fluxstatus/bench-build-scaling (inside the project: the server bundle resolves
 * its packages from node_modules above it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Snapshot } from '../../src/lib/snapshot/schema';
import { toZonedIso } from '../../src/lib/time/zone';
import { generateSnapshot, SAMPLE_NOW } from '../../test/fixtures/snapshots/generate';
import { plannedAstroBuild, type PlannedBuildResult } from '../lib/astro-build';
import { USAGE_EXIT } from '../../src/lib/cli/options';
import { benchCli } from './lib/cli';
import { median } from './lib/median';
import { measure } from './lib-cycle/measure';

const cli = benchCli(
  'bench:build',
  'npm run bench:build [-- options]',
  {
    sizes: { type: 'string', value: 'N,N,…', help: 'incident counts of the generated snapshots (default 30,500,2000)' },
    repeats: { type: 'string', value: 'R', help: 'builds per kind, the median is reported (default 3)' },
  },
  { repeats: 1 },
);
const sizes = (cli.values.sizes ?? '30,500,2000').split(',').map(Number);
const repeats = cli.count('repeats', 3);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write(`bench:build: --sizes needs whole numbers of at least 1 separated by commas, got "${cli.values.sizes ?? ''}"\n`);
  process.exit(USAGE_EXIT);
}
const root = resolve('.');
const dir = resolve('.fluxstatus/bench-build-scaling');
const TZ = 'Europe/Brussels';
const log = (l: string): void => void process.stdout.write(`${l}\n`);

/** The next minute: new levels and times, the same incidents. */
function nextMinute(s: Snapshot): Snapshot {
  const n = structuredClone(s);
  n.generated_at = toZonedIso(SAMPLE_NOW + 60, TZ);
  n.valid_until = toZonedIso(SAMPLE_NOW + 360, TZ);
  for (const svc of n.services) svc.level = svc.level === 'operational' ? 'degraded' : 'operational';
  return n;
}

/** The minute after: one new resolved incident, started last month. */
function newIncident(s: Snapshot): Snapshot {
  const n = structuredClone(s);
  n.generated_at = toZonedIso(SAMPLE_NOW + 120, TZ);
  const start = SAMPLE_NOW - 20 * 86400;
  n.incidents.push({ ...structuredClone(n.incidents.at(-1)!), id: 'bench-new-incident', started_at: toZonedIso(start, TZ), resolved_at: toZonedIso(start + 1800, TZ) });
  return n;
}

/** Phase times (seconds) of one build. */
interface Phases {
  /** Vite bundling of the server entry points and the client (Astro's log). */
  bundle: number;
  /** Rendering (prerendering) the pages (Astro's log). */
  render: number;
  /** Planning and linking reused pages (ours). */
  plan: number;
  /** The rest: Node and Astro start, config, content sync, writing out (wall minus the above). */
  other: number;
}

const seconds = (v: string, unit: string): number => Number(v) / (unit === 'ms' ? 1000 : 1);

/** The first "✓ Completed in 5.89s." (or "✓ built in") after `marker` in Astro's log, in seconds. */
function after(text: string, marker: RegExp, done: RegExp): number {
  const at = text.search(marker);
  const m = at < 0 ? null : done.exec(text.slice(at));
  return m === null ? NaN : seconds(m[1]!, m[2]!);
}

/** Phase times of a build from Astro's log, its wall time and our own plan/reuse time. */
function phases(text: string, wallSeconds: number, planSeconds: number): Phases {
  const completed = /✓ Completed in ([\d.]+)(ms|s)\./;
  const server = after(text, /Building server entrypoints/, completed);
  const client = after(text, /building client \(vite\)/, /✓ built in ([\d.]+)(ms|s)/);
  const render = after(text, /(prerendering|generating) static routes/, completed);
  const bundle = server + (Number.isFinite(client) ? client : 0);
  return { bundle, render, plan: planSeconds, other: wallSeconds - bundle - render - planSeconds };
}

interface Run {
  seconds: number;
  peakMiB: number;
  phases: Phases;
  result: PlannedBuildResult;
}

/** One planned build, measured. */
async function run(snapshot: Snapshot, name: string, previousDir: string | null): Promise<Run> {
  const snapPath = join(dir, `${name}.json`);
  writeFileSync(snapPath, JSON.stringify(snapshot));
  let text = '';
  const outDir = join(dir, name);
  const m = await measure(() => plannedAstroBuild({ root, snapshotPath: snapPath, outDir, previousDir, onOutput: (t) => void (text += t) }));
  const s = m.ms / 1000;
  return { seconds: s, peakMiB: m.peakChildrenMiB, phases: phases(text, s, (m.value.planMs + m.value.reuseMs) / 1000), result: m.value };
}

const f1 = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(1)} s` : '—');

/**
 * The floor reference: `astro build` of a one-page project with the same adapter (node standalone),
 * in a folder under the bench directory (packages resolve from the project's node_modules).
 */
async function trivialBuild(): Promise<number> {
  const project = join(dir, 'trivial');
  mkdirSync(join(project, 'src/pages'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{"type":"module","private":true}\n');
  writeFileSync(join(project, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nimport node from '@astrojs/node';\nexport default defineConfig({ output: 'static', adapter: node({ mode: 'standalone' }) });\n");
  writeFileSync(join(project, 'src/pages/index.astro'), '<html lang="en"><head><title>x</title></head><body><p>x</p></body></html>\n');
  const astro = join(root, 'node_modules/astro/astro.js');
  const t = performance.now();
  const r = spawnSync(process.execPath, [astro, 'build', '--silent'], { cwd: project, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`trivial astro build failed (exit ${r.status}) in ${project}`);
  return (performance.now() - t) / 1000;
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const lines = [
  `# Astro build scaling (${repeats} repeats, medians; ${new Date().toISOString()})`,
  '',
  '| incidents | build | wall | Vite bundling | rendering | plan + reuse | other (start, config, write) | archive pages rendered / reused | peak RSS (Astro) |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const n of sizes) {
  const base = generateSnapshot({ incidents: n });
  const minute = nextMinute(base);
  const added = newIncident(minute);
  const runs: Record<'full' | 'minute' | 'incident', Run[]> = { full: [], minute: [], incident: [] };
  for (let r = 0; r < repeats; r++) {
    const full = await run(base, `n${n}-r${r}-full`, null);
    const min = await run(minute, `n${n}-r${r}-minute`, join(dir, `n${n}-r${r}-full`));
    const inc = await run(added, `n${n}-r${r}-incident`, join(dir, `n${n}-r${r}-minute`));
    runs.full.push(full);
    runs.minute.push(min);
    runs.incident.push(inc);
    for (const k of ['full', 'minute', 'incident']) rmSync(join(dir, `n${n}-r${r}-${k}`), { recursive: true, force: true });
    const how = (x: Run): string => `${f1(x.seconds)} (${x.result.plan.mode}: ${x.result.plan.render.length} rendered, ${x.result.plan.reuse.length} reused)`;
    log(`${n} incidents, repeat ${r + 1}: full ${how(full)}, next minute ${how(min)}, new incident ${how(inc)}`);
  }
  // Colleagues editing src/ between two builds change the template fingerprint: that incremental
  // build is then a full one. Such runs are left out of the incremental medians (and counted).
  const keep = (list: Run[], mode: 'full' | 'incremental'): Run[] => list.filter((x) => x.result.plan.mode === mode);
  for (const [label, all, mode] of [['full', runs.full, 'full'], ['incremental: next minute', runs.minute, 'incremental'], ['incremental: one new incident', runs.incident, 'incremental']] as const) {
    const list = keep(all, mode);
    if (list.length === 0) {
      lines.push(`| ${n} | ${label} | no ${mode} run (the template changed during every repeat) | | | | | | |`);
      continue;
    }
    const plan = list[0]!.result.plan;
    const dropped = all.length - list.length;
    lines.push(
      `| ${n} | ${label} | ${f1(median(list.map((x) => x.seconds)))} | ${f1(median(list.map((x) => x.phases.bundle)))} | ${f1(median(list.map((x) => x.phases.render)))} | ${f1(median(list.map((x) => x.phases.plan)))} | ${f1(median(list.map((x) => x.phases.other)))} | ${plan.render.length} / ${plan.reuse.length}${dropped > 0 ? ` (${dropped} run(s) left out: template changed)` : ''} | ${median(list.map((x) => x.peakMiB))} MiB |`,
    );
  }
}
const trivial: number[] = [];
for (let r = 0; r < repeats; r++) trivial.push(await trivialBuild());
lines.push('', `floor reference: \`astro build\` of a one-page project with the same adapter: ${f1(median(trivial))} (median of ${repeats})`);
log(lines.join('\n'));
writeFileSync(join(dir, 'result.md'), `${lines.join('\n')}\n`);

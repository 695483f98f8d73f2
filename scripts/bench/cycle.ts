/**
 * `npm run bench:cycle [-- --rrds 6000 --skip-astro --keep-corpus]`
 *
 * The rebuild cycle at deployment scale: generates N RRDs over the four services (binary .rrd files
 * written by rrdtool, see lib-cycle/corpus.ts) and a config covering them, then measures
 *   1. the cold first cycle (empty cache, nothing published),
 *   2. a warm cycle after one minute of new data in every file (`rrdtool update` on all N),
 *   3. a warm cycle with nothing new (build skipped when allowed) and the same with a forced rebuild,
 * each with wall time per phase and peak memory, beside a reference measured in the same run: the
 * time to stat every file and read the bytes a one-minute update changed (header + one row per RRA,
 * read here as the whole file, an upper bound). Then the Astro build alone with 500 and 2,000
 * incidents. Targets (docs/operations.md): warm ≤ 10 s (reduce ≤ 2 s), nothing new ≤ 5 s,
 * cold ≤ 60 s, 2,000-incident build ≤ 10 s, peak memory ≤ 1 GiB.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDuration } from '../../src/lib/cycle/log-line';
import { liveAt } from '../../src/lib/cycle/now';
import { generateSnapshot } from '../../test/fixtures/snapshots/generate';
import { astroBuild } from '../lib/astro-build';
import { createCycleLog } from '../lib/cycle-log';
import { cycleContext, runCycle, statePaths } from '../lib/cycle-run';
import { siteLayout } from '../lib/publish';
import { createCorpus, updateAll } from './lib-cycle/corpus';
import { measure, type Measured } from './lib-cycle/measure';
import type { CycleSummary } from '../../src/lib/cycle/log-line';
import { benchCli } from './lib/cli';

const cli = benchCli(
  'bench:cycle',
  'npm run bench:cycle [-- options]',
  {
    rrds: { type: 'string', value: 'N', help: 'RRD files generated (default 6000)' },
    'skip-astro': { type: 'boolean', help: 'copy a stub site instead of the Astro build (reduce alone)' },
    'keep-corpus': { type: 'boolean', help: 'keep the generated RRDs in .fluxstatus/bench-cycle/data' },
  },
  { rrds: 4 },
);
const rrds = cli.count('rrds', 6000);
const skipAstro = cli.values['skip-astro'] === true;
const root = resolve('.');
// Inside the project: the Astro server bundle resolves its packages from node_modules above it.
const dir = resolve('.fluxstatus/bench-cycle');
const log = (l: string): void => void process.stdout.write(`${l}\n`);

rmSync(dir, { recursive: true, force: true });
const end = Math.floor(Date.now() / 60_000) * 60 - 120; // a minute boundary just behind the wall clock
log(`bench:cycle — ${rrds} RRDs, ${skipAstro ? 'no Astro (copy of a stub site)' : 'real Astro builds'}`);
const files = await createCorpus(dir, rrds, end, log);

const state = join(dir, 'state');
const ctx = cycleContext({
  root,
  newLedger: true,
  configPath: join(dir, 'status.yaml'),
  dataDir: join(dir, 'data'),
  layout: siteLayout(state),
  ...statePaths(state),
  keep: 3,
  intervalMs: 60_000,
  log: createCycleLog(),
  webhook: null,
  ...(skipAstro ? { buildSite: stubSite } : {}),
});

async function stubSite(_snapshot: string, out: string): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  for (const f of ['client/nl/index.html', 'client/fr/index.html', 'client/api/v2/status.json', 'client/badge.svg']) {
    await mkdir(join(out, f, '..'), { recursive: true });
    await writeFile(join(out, f), 'stub');
  }
}

/** The reference: stat every file and read it whole. */
function readAllBytes(): { ms: number; bytes: number } {
  const t = performance.now();
  let bytes = 0;
  for (const f of files) {
    statSync(f);
    bytes += readFileSync(f).length;
  }
  return { ms: performance.now() - t, bytes };
}

const rows: { step: string; m: Measured<CycleSummary> }[] = [];
const cycle = async (step: string, nowS: number): Promise<void> => {
  // A live cycle at the corpus's own minute: the ledger is written as in production.
  const m = await measure(() => runCycle(ctx, { now: liveAt(nowS * 1000), wallMs: Date.now() }));
  rows.push({ step, m });
  log(`${step}: ${m.value.outcome} in ${formatDuration(m.ms)}${m.value.error === null ? '' : ` — ${m.value.error}`}`);
};

await cycle('cold first cycle', end);
const t = performance.now();
await updateAll(files, end + 60);
const updateMs = performance.now() - t;
const reference = readAllBytes();
await cycle('warm, 1 new minute in every file', end + 60);
await cycle('warm, nothing new (skip allowed)', end + 60);
ctx.published = null;
await cycle('warm, nothing new (forced build)', end + 60);

const lines = [
  '',
  `| step | total | reduce | build | publish | files read / skipped / failed | peak RSS self / children |`,
  '|---|---|---|---|---|---|---|',
  ...rows.map(({ step, m }) => {
    const s = m.value;
    return `| ${step} | ${formatDuration(m.ms)} | ${formatDuration(s.phases.reduceMs)} | ${formatDuration(s.phases.buildMs)} | ${formatDuration(s.phases.publishMs)} | ${s.files.read} / ${s.files.skipped} / ${s.files.failed} | ${m.peakSelfMiB} / ${m.peakChildrenMiB} MiB |`;
  }),
  '',
  `reference: rrdtool update of ${files.length} files ${formatDuration(updateMs)}; stat + read every file whole ${formatDuration(reference.ms)} (${Math.round(reference.bytes / 2 ** 20)} MiB)`,
];

if (!skipAstro) {
  lines.push('', '| Astro build alone | incidents | time | peak RSS (Astro) |', '|---|---|---|---|');
  for (const incidents of [30, 500, 2000]) {
    const snap = join(dir, `snapshot-${incidents}.json`);
    writeFileSync(snap, JSON.stringify(generateSnapshot({ incidents })));
    const m = await measure(() => astroBuild({ root, snapshotPath: snap, outDir: join(dir, `incidents-${incidents}`) }));
    lines.push(`| sample snapshot | ${incidents} | ${formatDuration(m.ms)} | ${m.peakChildrenMiB} MiB |`);
  }
}
log(lines.join('\n'));
writeFileSync(join(dir, 'result.md'), `${lines.join('\n')}\n`);
if (cli.values['keep-corpus'] !== true) rmSync(join(dir, 'data'), { recursive: true, force: true });

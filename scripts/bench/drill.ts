/**
 * `npm run bench:drill [-- --files 6000 --port 4390 --stale 300]`: the operators' drill, measured end to
 * end. Real rrdtool writes N files in real time (each minute's row 7 s after the minute, as collectors
 * do); `npm start -- --now live` runs on its own port and state; a poller reads the API
 * (summary.json) and the overview every second. After 3 normal minutes GFD collapses (calls 0 on
 * every host); 3 minutes later all data stops. Printed: cold start to the first published site,
 * outage → red (API, page) from the first empty minute's start, data stop → grey, the warm cycles'
 * phases (medians), CPU seconds per minute of the whole process tree, with `uptime` load.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { benchCli } from './lib/cli';
import { median } from './lib/median';
import { createCorpus, RrdPipe, SERVICES, valueAt } from './lib-cycle/corpus';

const cli = benchCli(
  'bench:drill',
  'npm run bench:drill [-- options]',
  {
    files: { type: 'string', value: 'N', help: 'RRD files written in real time (default 6000)' },
    port: { type: 'string', value: 'PORT', help: 'port of the npm start under test (default 4390)' },
    stale: { type: 'string', value: 'SECONDS', help: 'stale_after_seconds of the drill config (default 300)' },
    idle: { type: 'string', value: 'MINUTES', help: 'minutes measured once every service is grey and nothing changes (default 3)' },
  },
  { files: 4, port: 1, stale: 60, idle: 1 },
);
const FILES = cli.count('files', 6000);
const PORT = cli.count('port', 4390);
const STALE = cli.count('stale', 300);
/** Minutes measured after every service is grey and nothing changes any more. */
const IDLE_MINUTES = cli.count('idle', 3);
const ROOT = resolve('.');
const DIR = join(ROOT, '.fluxstatus', `drill-${process.pid}`);
const say = (l: string): void => void process.stdout.write(`${l}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU seconds (user + system) of `pid` and all its descendants, children that already exited included (their parents' cutime/cstime). */
function treeCpu(pid: number): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(f[1]));
      cpu.set(Number(name), (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100);
    } catch {
      // gone
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of parent) if (!tree.has(p) && tree.has(pp)) (tree.add(p), (grew = true));
  }
  return [...tree].reduce((s, p) => s + (cpu.get(p) ?? 0), 0);
}

const nowS = (): number => Date.now() / 1000;
const minute = (t: number): number => Math.floor(t / 60) * 60;

say(`bench:drill — ${FILES} RRDs, port ${PORT}, stale_after_seconds ${STALE}; load ${load()}`);
const end = minute(nowS()) - 60;
// The profile is shifted so that now is a Tuesday 11:00 in Brussels: a collapse of working-day traffic,
// whatever the hour the drill runs (at night the expected traffic is near zero, so 0 calls is normal).
const TUESDAY_11 = Date.UTC(2025, 10, 4, 10, 0) / 1000;
const WEEK = 604800;
const SHIFT = (((TUESDAY_11 - end) % WEEK) + WEEK) % WEEK;
const files = await createCorpus(DIR, FILES, end, say, SHIFT);
const config = parse(readFileSync(join(DIR, 'status.yaml'), 'utf8')) as Record<string, unknown>;
config['rules'] = { stale_after_seconds: STALE };
writeFileSync(join(DIR, 'status.yaml'), stringify(config));

// ── the collector: each minute's row 7 s after the minute ──
let collapseFrom = Infinity; // rows with t > collapseFrom: GFD calls and errors 0
let stopped = false;
let lastWritten = end;
async function collector(): Promise<void> {
  while (!stopped) {
    const next = minute(nowS()) + 60;
    await sleep((next + 7 - nowS()) * 1000);
    if (stopped) break;
    const pipe = new RrdPipe();
    for (let t = lastWritten + 60; t <= next; t += 60) {
      for (const path of files) {
        const service = SERVICES.findIndex((s) => path.includes(`/rrd/${s}/`));
        const kind = path.endsWith('calls.rrd') ? 'calls' : path.endsWith('errors.rrd') ? 'errors' : 'resptime';
        const down = service === 0 && t > collapseFrom && kind !== 'resptime';
        pipe.send(`update ${path} ${t}:${down ? '0' : valueAt(kind, t, service, SHIFT).toFixed(3)}`);
      }
    }
    await pipe.close();
    lastWritten = next;
  }
}

// ── npm start ──
const t0 = nowS();
const cpu0 = 0;
const lines: string[] = [];
function startLoop(into: string[]): ReturnType<typeof spawn> {
  const c = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/start.ts'), '--now', 'live', '--new-ledger', '--config', join(DIR, 'status.yaml'), '--data', join(DIR, 'data'), '--state', join(DIR, 'state')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  c.stdout!.on('data', (b: Buffer) => into.push(...b.toString().split('\n').filter((l) => l !== '')));
  c.stderr!.on('data', (b: Buffer) => into.push(...b.toString().split('\n').filter((l) => l !== '')));
  return c;
}
const child = startLoop(lines);
void collector();

interface Seen {
  api: string | null;
  page: string | null;
}
async function look(): Promise<Seen & { all: string[] }> {
  const api = await fetch(`http://127.0.0.1:${PORT}/api/v2/summary.json`).then((r) => (r.ok ? r.json() : null)).catch(() => null) as { components?: { status: string }[] } | null;
  const html = await fetch(`http://127.0.0.1:${PORT}/nl/`).then((r) => (r.ok ? r.text() : null)).catch(() => null);
  const page = html === null ? null : (/class="service-row (lvl-[a-z]+)" data-service="gfd"/.exec(html)?.[1] ?? null);
  const levels = html === null ? [] : [...html.matchAll(/data-service="[^"]+" data-level="([a-z_]+)"/g)].map((m) => m[1] as string);
  return { api: api?.components?.[0]?.status ?? null, page, all: levels };
}

// Cold start: until the API answers.
let first: Seen & { all: string[] } = { api: null, page: null, all: [] };
while (first.api === null) {
  await sleep(500);
  first = await look();
}
const cold = nowS() - t0;
say(`cold start: ${cold.toFixed(1)} s to the first published site (${FILES} files, ${Math.round((5 * 7 * 86400) / 86400)} days of minute history); load ${load()}`);

// CPU per minute, sampled at each minute start.
const cpuPerMinute: { phase: string; s: number }[] = [];
let phase = 'warm';
void (async () => {
  let last = treeCpu(child.pid as number);
  for (;;) {
    await sleep((minute(nowS()) + 60 - nowS()) * 1000);
    const c = treeCpu(child.pid as number);
    cpuPerMinute.push({ phase, s: c - last });
    last = c;
  }
})();
void cpu0;

// Warm: 3 minutes of normal data, then the collapse from the next minute's start.
await sleep((minute(nowS()) + 180 - nowS()) * 1000);
collapseFrom = minute(nowS()); // the first empty minute is [collapseFrom, collapseFrom + 60)
phase = 'collapse';
say(`collapse: GFD calls 0 from ${new Date(collapseFrom * 1000).toISOString()} (first empty minute's start); load ${load()}`);
let apiRed: number | null = null;
let apiMajor: number | null = null;
let pageRed: number | null = null;
while (nowS() < collapseFrom + 300 && (apiMajor === null || pageRed === null)) {
  const s = await look();
  if (apiRed === null && (s.api === 'major_outage' || s.api === 'partial_outage')) apiRed = nowS() - collapseFrom;
  if (apiMajor === null && s.api === 'major_outage') apiMajor = nowS() - collapseFrom;
  if (pageRed === null && s.page === 'lvl-red') pageRed = nowS() - collapseFrom;
  await sleep(1000);
}
const f = (x: number | null): string => (x === null ? 'not within 300 s' : `${x.toFixed(0)} s`);
say(`outage → red: API ${f(apiRed)} (major_outage ${f(apiMajor)}), page ${f(pageRed)}`);

// Data stop.
stopped = true;
const stopAt = lastWritten + 60; // the first minute whose row never comes
phase = 'no data';
let grey: number | null = null;
while (nowS() < stopAt + STALE + 240 && grey === null) {
  const s = await look();
  if (s.all.length > 0 && s.all.every((l) => l === 'unknown')) grey = nowS() - stopAt;
  await sleep(2000);
}
say(`data stop → grey (every service on the page): ${f(grey)} after the last row's minute (stale_after_seconds ${STALE} + 60 s = ${STALE + 60} s target)`);

// Nothing new and nothing left to change (every service grey): the no-change minutes.
phase = 'idle';
await sleep((minute(nowS()) + 60 - nowS()) * 1000 + 1000);
await sleep(IDLE_MINUTES * 60_000);

// Warm cycles: published, data-triggered, rendered.
const warm = lines.filter((l) => l.startsWith('cycle published') && l.includes('trigger: data') && l.includes('render='));
const num = (l: string, key: string): number | null => {
  const m = new RegExp(`${key}=([0-9.]+)(ms|s)`).exec(l);
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : null;
};
const col = (key: string): number[] => warm.map((l) => num(l, key)).filter((x): x is number => x !== null);
/** A median as printed: null when there were no values (as before the shared median). */
const printed = (xs: number[]): number | null => (xs.length === 0 ? null : median(xs));
say(`warm cycles (data-triggered, rendered): n=${warm.length}, median reduce ${printed(col('reduce'))} ms, render ${printed(col('render'))} ms, build phase ${printed(col('build'))} ms, publish ${printed(col('publish'))} ms, total ${printed(col('total'))} ms`);
const cold1 = lines.find((l) => l.startsWith('cycle '));
if (cold1 !== undefined) say(`first cycle: ${cold1.split(' | ').filter((x) => /^(cycle|files|reduce=)/.test(x) || x.includes('astro build') || x.includes('render=')).join(' | ')}`);
const ready = lines.find((l) => l.startsWith('render template') && l.includes('ready'));
if (ready !== undefined) say(ready);
const byOutcome = (o: string): number => lines.filter((l) => l.startsWith(`cycle ${o}`)).length;
say(`cycles: ${byOutcome('published')} published, ${byOutcome('unchanged')} unchanged, ${byOutcome('failed')} failed`);
for (const p of ['warm', 'collapse', 'no data', 'idle']) {
  const xs = cpuPerMinute.filter((c) => c.phase === p).map((c) => c.s);
  say(`CPU of the process tree per minute (${p}): median ${printed(xs)?.toFixed(2) ?? '-'} s over ${xs.length} minutes`);
}
// A restart of the same version on the same state: the reduce state and the checked render template are on disk.
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const again: string[] = [];
const r0 = nowS();
const restarted = startLoop(again);
let answered: number | null = null;
let republished: number | null = null;
while (nowS() < r0 + 180 && republished === null) {
  if (answered === null && (await look()).api !== null) answered = nowS() - r0;
  if (again.some((l) => l.startsWith('cycle published') || l.startsWith('cycle unchanged'))) republished = nowS() - r0;
  await sleep(250);
}
const firstAgain = again.find((l) => l.startsWith('cycle '));
say(`restart (same version, same state): API answers after ${f(answered)} (the previous site), first cycle done after ${f(republished)}${firstAgain === undefined ? '' : `: ${firstAgain.split(' | ').filter((x) => /^(cycle|files|reduce=)/.test(x) || x.includes('astro build') || x.includes('render=')).join(' | ')}`}; load ${load()}`);
restarted.kill('SIGTERM');
await new Promise((r) => restarted.once('exit', r));
say(`load at the end: ${load()}`);
writeFileSync(join(ROOT, '.fluxstatus', 'drill-last.log'), `${[...lines, '--- restart', ...again].join('\n')}\n`);
await rm(DIR, { recursive: true, force: true });
process.exit(0);

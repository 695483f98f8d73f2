/**
 * A realistic deployment for the cycle bench: N binary RRDs (rrdtool 1.7) spread over the four
 * services, host by host (calls, errors, resptime per host). A few templates get 5 weeks of minute
 * data through `rrdtool update` in batches (one `rrdtool -` process), then are copied per host: the
 * copies are real, independent .rrd files that later updates change one by one.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const SERVICES = ['gfd', 'pcdh', 'raotd', 'assurpharma'] as const;
const METRICS = [
  { file: 'calls', ds: 'calls', role: 'traffic', unit: 'per_minute', combine: 'sum' },
  { file: 'errors', ds: 'errors', role: 'errors', unit: 'per_minute', combine: 'sum' },
  { file: 'resptime', ds: 'avg_ms', role: 'latency', unit: 'ms', combine: 'mean' },
] as const;
const RRAS = ['AVERAGE', 'MAX'].flatMap((cf) => [`RRA:${cf}:0.5:1:2880`, `RRA:${cf}:0.5:5:4032`, `RRA:${cf}:0.5:60:9504`]);
const WEEKS = 5;

/** A running `rrdtool -` (pipe mode): commands on stdin, one "OK …" or "ERROR: …" line each. */
export class RrdPipe {
  readonly #child = spawn('rrdtool', ['-'], { stdio: ['pipe', 'pipe', 'inherit'] });
  #pending = 0;
  #waiters: (() => void)[] = [];
  #errors: string[] = [];
  #buffer = '';

  constructor() {
    this.#child.stdout.on('data', (c: Buffer) => {
      this.#buffer += c.toString();
      const lines = this.#buffer.split('\n');
      this.#buffer = lines.pop() ?? '';
      for (const l of lines) {
        if (l.startsWith('OK') || l.startsWith('ERROR')) this.#pending--;
        if (l.startsWith('ERROR')) this.#errors.push(l);
      }
      if (this.#pending === 0) for (const w of this.#waiters.splice(0)) w();
    });
  }

  /** Sends one command (without the leading "rrdtool"). */
  send(command: string): void {
    this.#pending++;
    this.#child.stdin.write(`${command}\n`);
  }

  /** Waits for every answer; throws on the first rrdtool error. */
  async flush(): Promise<void> {
    if (this.#pending > 0) await new Promise<void>((r) => this.#waiters.push(r));
    if (this.#errors.length > 0) throw new Error(`rrdtool: ${this.#errors[0]}`);
  }

  async close(): Promise<void> {
    await this.flush();
    this.#child.stdin.end();
  }
}

/** Calls per minute of one host at `t` (pharmacy day: near zero at night, weekday peak). */
function callsAt(t: number, service: number): number {
  const local = (t / 3600 + 1) % 24;
  const day = Math.floor((t / 86400 + 4) % 7); // 0 = Monday
  const open = local > 7.5 && local < 19 ? Math.sin(((local - 7.5) / 11.5) * Math.PI) : 0.02;
  const week = day < 5 ? 1 : day === 5 ? 0.4 : 0.05;
  return (2 + service) * (0.05 + open * week) * (1 + 0.1 * Math.sin(t / 97));
}

/** The value of a metric file at `t`; `shiftS` moves the daily and weekly profile (the drill runs at any hour with working-day traffic). */
export function valueAt(file: string, t: number, service: number, shiftS = 0): number {
  const calls = callsAt(t + shiftS, service);
  if (file === 'calls') return calls;
  if (file === 'errors') return calls * 0.004;
  return 150 + 20 * Math.sin(t / 311);
}

/** Creates the corpus under `dir`: N files (a multiple of 12 is exact), templates filled up to `end`. Returns the file list. */
export async function createCorpus(dir: string, rrds: number, end: number, log: (l: string) => void, shiftS = 0): Promise<string[]> {
  const hostsPerService = Math.max(1, Math.round(rrds / (SERVICES.length * METRICS.length)));
  const tplDir = join(dir, 'templates');
  mkdirSync(tplDir, { recursive: true });
  const start = end - WEEKS * 7 * 86400;
  const pipe = new RrdPipe();
  for (const [si, service] of SERVICES.entries()) {
    for (const m of METRICS) {
      const tpl = join(tplDir, `${service}-${m.file}.rrd`);
      pipe.send(`create ${tpl} --start ${start - 60} --step 60 DS:${m.ds}:GAUGE:120:0:U ${RRAS.join(' ')}`);
      let batch: string[] = [];
      for (let t = start; t <= end; t += 60) {
        batch.push(`${t}:${valueAt(m.file, t, si, shiftS).toFixed(3)}`);
        if (batch.length === 500) {
          pipe.send(`update ${tpl} ${batch.join(' ')}`);
          batch = [];
        }
      }
      if (batch.length > 0) pipe.send(`update ${tpl} ${batch.join(' ')}`);
    }
  }
  await pipe.close();
  log(`templates: ${SERVICES.length * METRICS.length} RRDs with ${WEEKS} weeks of minute data (rrdtool create + update in batches of 500)`);
  const files: string[] = [];
  for (const service of SERVICES) {
    for (let h = 0; h < hostsPerService; h++) {
      const hostDir = join(dir, 'data/rrd', service, `host${String(h).padStart(4, '0')}`);
      mkdirSync(hostDir, { recursive: true });
      for (const m of METRICS) {
        const path = join(hostDir, `${m.file}.rrd`);
        copyFileSync(join(tplDir, `${service}-${m.file}.rrd`), path);
        files.push(path);
      }
    }
  }
  log(`copies: ${files.length} RRDs (${hostsPerService} hosts × ${METRICS.length} files × ${SERVICES.length} services)`);
  writeFileSync(join(dir, 'status.yaml'), configYaml());
  return files;
}

/** A config whose globs cover every host of every service. */
function configYaml(): string {
  return stringify({
    site: { title: { nl: 'Bench', fr: 'Bench' }, url: 'https://bench.example.org', languages: ['nl', 'fr'] },
    services: SERVICES.map((id) => ({
      id,
      name: { nl: id.toUpperCase(), fr: id.toUpperCase() },
      metrics: METRICS.map((m) => ({ key: m.file, role: m.role, files: `rrd/${id}/*/${m.file}.rrd`, ds: m.ds, unit: m.unit, combine: m.combine })),
    })),
  });
}

/** Adds one minute of data at `t` to every file (one `rrdtool -` process). */
export async function updateAll(files: readonly string[], t: number): Promise<void> {
  const pipe = new RrdPipe();
  for (const path of files) {
    const service = SERVICES.findIndex((s) => path.includes(`/rrd/${s}/`));
    const file = path.endsWith('calls.rrd') ? 'calls' : path.endsWith('errors.rrd') ? 'errors' : 'resptime';
    pipe.send(`update ${path} ${t}:${valueAt(file, t, service).toFixed(3)}`);
  }
  await pipe.close();
}

/**
 * Synthetic inputs for the reader benchmark: xport XML files shaped exactly like rrdtool 1.7.2's
 * `xport -t` output, and binary .rrd files made by the real rrdtool.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** End of the generated data (2025-11-04 15:30 CET, as in the sample corpus). */
export const END = 1762266600;
const STEP = 60;
const ROWS = 1440;
/** Distinct contents; files beyond them repeat a template (parsing cost does not depend on identity). */
const TEMPLATES = 50;

/** A number as rrdtool prints it: `%0.10e` with a two-digit exponent, `NaN` for unknown. */
export function printed(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  const s = x.toExponential(10);
  const e = s.indexOf('e');
  const exp = s.slice(e + 2);
  return `${s.slice(0, e + 2)}${exp.length < 2 ? `0${exp}` : exp}`;
}

/** A deterministic pseudo-random generator (so runs are comparable). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** 24 h at 60 s of calls/s, errors/s and response time (ms) with a day rhythm, noise and ~1 % NaN. */
export function xportXml(seed: number): string {
  const rnd = random(seed);
  const start = END - (ROWS - 1) * STEP;
  const rows: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const t = start + i * STEP;
    const day = Math.max(0.05, Math.sin(((t % 86400) / 86400) * Math.PI));
    const calls = 40 * day * (0.9 + 0.2 * rnd());
    const values = [calls, calls * 0.004 * rnd(), 180 + 60 * rnd() + 40 * day].map((v) => (rnd() < 0.01 ? NaN : v));
    rows.push(`    <row><t>${t}</t>${values.map((v) => `<v>${printed(v)}</v>`).join('')}</row>\n`);
  }
  return (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n\n<xport>\n  <meta>\n' +
    `    <start>${start}</start>\n    <end>${END}</end>\n    <step>${STEP}</step>\n    <rows>${ROWS}</rows>\n    <columns>3</columns>\n` +
    '    <legend>\n      <entry>calls/s</entry>\n      <entry>errors/s</entry>\n      <entry>avg response (ms)</entry>\n    </legend>\n' +
    `  </meta>\n  <data>\n${rows.join('')}  </data>\n</xport>\n`
  );
}

/** Writes `count` xport XML files (TEMPLATES distinct contents) and returns their paths. */
export function writeXportFiles(dir: string, count: number): string[] {
  mkdirSync(dir, { recursive: true });
  const templates = Array.from({ length: Math.min(TEMPLATES, count) }, (_, k) => xportXml(k + 1));
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `svc-${i}.xml`);
    if (!existsSync(path)) writeFileSync(path, templates[i % templates.length]!);
    return path;
  });
}

/** True when the rrdtool binary can be run. */
export function hasRrdtool(): boolean {
  try {
    execFileSync('rrdtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `count` binary .rrd files: a few templates created and fed 2 days of minute data by rrdtool
 * (3 GAUGE DSs, AVERAGE and MAX at 1 min × 2 days, 5 min × 14 days, 1 h × 13 months, like the sample
 * corpus, ~790 kB each), then copied. Each create puts cur_row at a random row, so the templates
 * differ in where the 24 h window wraps around the ring.
 */
export function writeRrdFiles(dir: string, count: number): { paths: string[]; lastUpdate: number } {
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, LC_ALL: 'C', TZ: 'UTC' };
  const rras = ['AVERAGE', 'MAX'].flatMap((cf) => [`RRA:${cf}:0.5:1:2880`, `RRA:${cf}:0.5:5:4032`, `RRA:${cf}:0.5:60:9504`]);
  const first = END - 2 * 86400;
  const templates = Array.from({ length: Math.min(4, count) }, (_, k) => {
    const path = join(dir, `template-${k}.rrd`);
    if (existsSync(path)) return path;
    execFileSync('rrdtool', ['create', path, '--start', String(first), '--step', '60', 'DS:calls:GAUGE:120:0:U', 'DS:errors:GAUGE:120:0:U', 'DS:resptime:GAUGE:120:0:U', ...rras], { env });
    const rnd = random(k + 100);
    const updates = Array.from({ length: 2 * 1440 }, (_, i) => `${first + (i + 1) * STEP}:${(40 * rnd()).toFixed(3)}:${rnd().toFixed(4)}:${(180 + 60 * rnd()).toFixed(2)}`);
    for (let i = 0; i < updates.length; i += 500) execFileSync('rrdtool', ['update', path, ...updates.slice(i, i + 500)], { env });
    return path;
  });
  const paths = Array.from({ length: count }, (_, i) => {
    const path = join(dir, `svc-${i}.rrd`);
    if (!existsSync(path)) copyFileSync(templates[i % templates.length]!, path);
    return path;
  });
  return { paths, lastUpdate: END };
}

/**
 * RRD files laid out as other collectors make them, written by the real rrdtool (create + update),
 * for the end-to-end tests of collector layouts and of `ds:` errors.
 *
 * - collectd (rrdtool plugin defaults: 10-s step, heartbeat 2 × step, xff 0.1, RRARows 1200 and
 *   RRATimespan 3600, 86400, 604800, 2678400, 31622400 s, each as AVERAGE, MIN and MAX). collectd
 *   derives the rows per RRA as its utils_rrdcreate.c does: 10 s × 1200, then 70 s × 1235,
 *   500 s × 1210, 2230 s × 1202, 26350 s × 1201 — odd resolutions that do not divide a minute.
 * - Cacti (its default RRAs, 300-s step, xff 0.5, AVERAGE and MAX): 5 min × 600 (50 h),
 *   30 min × 700 (~2 weeks), 2 h × 775 (~2 months), 1 day × 797 (~2 years).
 */
import { execFileSync } from 'node:child_process';
import { rrdtool } from './rrdtool';

/** The RRAs collectd's rrdtool plugin creates for a step, with its defaults (utils_rrdcreate.c). */
export function collectdRras(step = 10, rows = 1200, timespans = [3600, 86400, 604800, 2678400, 31622400], xff = 0.1): string[] {
  const out: string[] = [];
  let cdpLen = 0;
  for (const timespan of timespans) {
    const span = timespan / step < rows ? step * rows : timespan;
    cdpLen = cdpLen === 0 ? 1 : Math.floor(span / (rows * step));
    const cdpNum = Math.ceil(span / (cdpLen * step));
    for (const cf of ['AVERAGE', 'MIN', 'MAX']) out.push(`RRA:${cf}:${xff}:${cdpLen}:${cdpNum}`);
  }
  return out;
}

/** Cacti's default RRAs (Daily 5 min, Weekly 30 min, Monthly 2 h, Yearly 1 day), AVERAGE and MAX. */
export const CACTI_RRAS: readonly string[] = ['AVERAGE', 'MAX'].flatMap((cf) => [`RRA:${cf}:0.5:1:600`, `RRA:${cf}:0.5:6:700`, `RRA:${cf}:0.5:24:775`, `RRA:${cf}:0.5:288:797`]);

/** `rrdtool create` with a fixed start (the tests never depend on the wall clock). */
export function createRrd(path: string, step: number, start: number, dataSources: readonly string[], rras: readonly string[]): void {
  rrdtool(['create', path, '--start', String(start), '--step', String(step), ...dataSources, ...rras]);
}

/** `rrdtool update` with `time:value[:value…]` lines, in batches (one process per ~20,000 rows). */
export function updateRrd(path: string, rows: readonly string[]): void {
  const env = { ...process.env, LC_ALL: 'C', TZ: 'Europe/Brussels' };
  for (let i = 0; i < rows.length; i += 20_000) execFileSync('rrdtool', ['update', path, ...rows.slice(i, i + 20_000)], { env });
}

/**
 * Garbage is never green and no single input stops the run (issue 11): hostile variants of the
 * sample's GFD calls.rrd, made by the tests themselves, each end with the metric unknown, one line
 * naming the file once with the problem and the fix, exit 1, and no incident written.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { reduce, type ReduceResult } from '../../scripts/lib/reduce-run';
import { liveAt } from '../../src/lib/cycle/now';
import { parseIso } from '../../src/lib/time/zone';
import { doubles, noise, overwriteRows, setLastUpdate, setRows, text } from './helpers/hostile-rrd';
import { requireRrdtool, rrdtool } from './helpers/rrdtool';

const NOW = parseIso('2025-11-04T15:30:30+01:00');
const root = mkdtempSync(join(tmpdir(), 'fluxstatus-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = parse(readFileSync('data/status.yaml', 'utf8')) as { services: { id: string }[] };
config.services = config.services.filter((s) => s.id === 'gfd');
const configText = stringify(config);

let n = 0;
/** A fresh copy of the GFD data; `spoil` turns its calls.rrd (path given) into the case. */
function deployment(spoil: (calls: string, data: string) => void): { dir: string; calls: string; run: () => Promise<ReduceResult> } {
  const dir = join(root, String(n++));
  const data = join(dir, 'data');
  cpSync('data/rrd/gfd', join(data, 'rrd/gfd'), { recursive: true });
  writeFileSync(join(dir, 'status.yaml'), configText);
  const calls = join(data, 'rrd/gfd/calls.rrd');
  spoil(calls, data);
  const run = () =>
    reduce({ config: join(dir, 'status.yaml'), data, now: liveAt(NOW * 1000), wallMs: Date.now(), newLedger: true, out: join(dir, 'snapshot.json'), report: join(dir, 'report.json'), ledger: join(dir, 'ledger.json'), progress: false });
  return { dir, calls, run };
}

/** The case's outcome: exit 1, GFD not green, no incident written, and exactly one line about the file, naming it once. */
async function expectRejected(spoil: (calls: string, data: string) => void, pattern: RegExp): Promise<string> {
  const { calls, run } = deployment(spoil);
  const r = await run();
  const lines = r.messages.filter((m) => m.includes(resolve(calls)));
  expect(lines, r.messages.join('\n')).toHaveLength(1);
  const line = lines[0]!;
  expect(line.split(resolve(calls)).length - 1, line).toBe(1);
  expect(line).not.toMatch(/\n/);
  expect(line).toMatch(pattern);
  expect(r.exitCode).toBe(1);
  const gfd = r.snapshot?.services.find((s) => s.id === 'gfd');
  expect(gfd?.level).not.toBe('operational');
  expect(r.ledgerAdded).toEqual([]);
  return line;
}

describe('hostile RRD files end unknown with one line, exit 1 and no incident', { timeout: 60_000 }, () => {
  it('reads the untouched sample as operational, exit 0 (the reference)', async () => {
    const r = await deployment(() => {}).run();
    expect(r.exitCode).toBe(0);
    expect(r.snapshot?.services.find((s) => s.id === 'gfd')?.level).toBe('operational');
  });

  it.each([
    ['random bit patterns', (p: string) => overwriteRows(p, (len) => noise(len)), /look like random or foreign bytes/],
    ['foreign data (a log file copied over the rows)', (p: string) => overwriteRows(p, text), /look like random or foreign bytes/],
    ['negative values under a DS min of 0', (p: string) => overwriteRows(p, doubles(-5)), /outside the data sources’ min\/max/],
    ['values of 1e300', (p: string) => overwriteRows(p, doubles(1e300)), /look like random or foreign bytes/],
  ])('refuses rows of %s', async (_, spoil, pattern) => {
    await expectRejected(spoil, pattern);
  });

  it('does not read rows of zeros or of NaN as green, and says why', async () => {
    await expectRejected((p) => overwriteRows(p, doubles(Number.NaN)), /no known value of "calls" between .* — the file is new, its collector stopped, or its rows were wiped/);
    await expectRejected((p) => overwriteRows(p, (len) => new Uint8Array(len)), /every known value of "calls" between .* is 0 — no traffic at all gives no baseline/);
  });

  it.each([
    ['an hour ahead of the clock', () => Date.now() / 1000 + 3600, /last_update .* is 60 min ahead of the clock/],
    ['in 2100', () => Date.UTC(2100, 0, 1) / 1000, /last_update 2100-01-01 00:00 UTC is \d+ years ahead of the clock/],
    ['in 1990', () => Date.UTC(1990, 0, 1) / 1000, /last_update 1990-01-01 00:00 UTC is before 2000/],
  ])('refuses a last_update %s', async (_, when, pattern) => {
    await expectRejected((p) => setLastUpdate(p, when()), pattern);
  });

  it('refuses a header claiming 2^31 rows over a sparse 17 GB file without reading it', async () => {
    await expectRejected((p) => truncateSync(p, setRows(p, 0, 2 ** 31)), /RRA 0 declares 2147483648 rows/);
  });

  it('refuses a file with 1,000 data sources', async () => {
    requireRrdtool();
    await expectRejected((p) => {
      rmSync(p);
      const ds = ['DS:calls:COUNTER:120:0:U', ...Array.from({ length: 999 }, (_, i) => `DS:d${i}:GAUGE:120:0:U`)];
      rrdtool(['create', p, '--start', String(NOW - 3600), '--step', '60', ...ds, 'RRA:AVERAGE:0.5:1:10']);
    }, /declares 1000 data sources/);
  });

  it.each([
    ['a symlink to a FIFO (never opened, so never a hang)', (p: string) => {
      rmSync(p);
      execFileSync('mkfifo', [`${p}.fifo`]);
      symlinkSync(`${p}.fifo`, p);
    }, /is a FIFO \(named pipe\), not a regular file/],
    ['a FIFO', (p: string) => {
      rmSync(p);
      execFileSync('mkfifo', [p]);
    }, /is a FIFO \(named pipe\), not a regular file/],
    ['a directory', (p: string) => {
      rmSync(p);
      mkdirSync(p);
    }, /is a directory, not a regular file/],
    ['a symlink loop', (p: string) => {
      rmSync(p);
      symlinkSync(p, p);
    }, /is a symbolic link loop/],
    ['a 2 GiB file', (p: string) => {
      writeFileSync(p, '<?xml version="1.0"?>\n<xport>');
      truncateSync(p, 2 ** 31);
    }, /the file is 2048 MB, more than the 256 MB read for a text export or dump; export a shorter window/],
  ])('names %s as such, never "no file matches"', async (_, spoil, pattern) => {
    const line = await expectRejected(spoil, pattern);
    expect(line).not.toMatch(/no file matches|out of range/);
  });

  it('refuses an xport cut at 60 %', async () => {
    requireRrdtool();
    await expectRejected((p) => {
      const xml = rrdtool(['xport', '-s', String(NOW - 2 * 86400), '-e', String(NOW - 600), '--step', '60', '-t', `DEF:c=${p}:calls:AVERAGE`, 'XPORT:c:calls']);
      rmSync(p);
      writeFileSync(p, xml.slice(0, Math.floor(xml.length * 0.6)));
    }, /ends after \d+ complete rows, before its end: it is truncated/);
  });
});

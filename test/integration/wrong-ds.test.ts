import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reduce, type ReduceResult } from '../../scripts/lib/reduce-run';
import { replayAt } from '../../src/lib/cycle/now';
import { ReduceCache } from '../../scripts/lib/reduce-cache';
import { INPUT_FAILED_REASON } from '../../src/lib/health/reasons';
import { parseIso } from '../../src/lib/time/zone';
import { createRrd, updateRrd } from './helpers/collector-rrd';
import { requireRrdtool, rrdtool } from './helpers/rrdtool';

/** Tuesday 2026-03-10 14:00 in Brussels: the files end here; six hours of 1-minute rows before it. */
const END = parseIso('2026-03-10T14:00:00+01:00');
const START = END - 6 * 3600;
const RRA = ['RRA:AVERAGE:0.5:1:1440'];
const gauge = (name: string): string => `DS:${name}:GAUGE:120:0:U`;

/** Rows of a file: `time:v1:v2…` every minute, values from the column index. */
function rows(columns: number): string[] {
  const out: string[] = [];
  for (let t = START + 60; t <= END; t += 60) out.push(`${t}:${Array.from({ length: columns }, (_, c) => 10 + c).join(':')}`);
  return out;
}

function file(dir: string, rel: string, dataSources: string[]): string {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  createRrd(path, 60, START, dataSources.map(gauge), RRA);
  updateRrd(path, rows(dataSources.length));
  return path;
}

/** One service per case; every metric is calls (traffic), one file or a glob. */
function service(id: string, files: string, ds: string): string {
  return `  - id: ${id}\n    name: { nl: ${id} }\n    metrics:\n      - key: calls\n        role: traffic\n        files: ${files}\n        ds: ${ds}\n`;
}

const CASES = [
  { id: 'good', files: 'rrd/good/calls.rrd', ds: 'req_total' },
  { id: 'single', files: 'rrd/single/errors.rrd', ds: 'req_total' },
  { id: 'multi', files: 'rrd/multi/gfd.rrd', ds: 'req_totl' },
  { id: 'mixed', files: 'rrd/mixed/*.rrd', ds: 'req_total' },
  { id: 'dump', files: 'dump/gfd.xml', ds: 'req_totl' },
  { id: 'fetch', files: 'fetch/gfd.txt', ds: 'req_totl' },
  { id: 'xportxml', files: 'xport/gfd.xml', ds: 'req_totl' },
  { id: 'xportjson', files: 'xport/gfd.json', ds: 'req_totl' },
  { id: 'graphcsv', files: 'graph/gfd.csv', ds: 'req_totl' },
  { id: 'unnamed', files: 'xport/unnamed.xml', ds: 'req_total' },
] as const;

describe('a ds: that is not in its file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-wrong-ds-'));
  const data = join(dir, 'data');
  const config = join(dir, 'status.yaml');
  const paths = { config, data, out: join(dir, 'snapshot.json'), report: join(dir, 'report.json'), ledger: join(dir, 'ledger.json'), progress: false, now: replayAt((END + 30) * 1000), wallMs: Date.now() };
  const at = (rel: string): string => join(data, rel);
  let result: ReduceResult;
  const cache = new ReduceCache();

  beforeAll(async () => {
    requireRrdtool();
    file(data, 'rrd/good/calls.rrd', ['req_total']);
    file(data, 'rrd/single/errors.rrd', ['req_failed']);
    const multi = file(data, 'rrd/multi/gfd.rrd', ['req_total', 'req_failed', 'p95_ms']);
    file(data, 'rrd/mixed/a.rrd', ['req_total']);
    file(data, 'rrd/mixed/b.rrd', ['req_failed']);
    const write = (rel: string, text: string): void => {
      mkdirSync(join(at(rel), '..'), { recursive: true });
      writeFileSync(at(rel), text);
    };
    write('dump/gfd.xml', rrdtool(['dump', multi]));
    write('fetch/gfd.txt', rrdtool(['fetch', multi, 'AVERAGE', '-s', String(START), '-e', String(END)]));
    const defs = [`DEF:a=${multi}:req_total:AVERAGE`, `DEF:b=${multi}:req_failed:AVERAGE`];
    const window = ['--start', String(START), '--end', String(END), '--step', '60'];
    write('xport/gfd.xml', rrdtool(['xport', ...window, ...defs, 'XPORT:a:req_total', 'XPORT:b:req_failed']));
    write('xport/gfd.json', rrdtool(['xport', '--json', ...window, ...defs, 'XPORT:a:req_total', 'XPORT:b:req_failed']));
    write('graph/gfd.csv', rrdtool(['graph', '-', '--imgformat', 'CSV', '--start', String(START), '--end', String(END), ...defs, 'XPORT:a:req_total', 'XPORT:b:req_failed']));
    // XPORT without a legend: the vname is not in the output, the column is only "col1".
    write('xport/unnamed.xml', rrdtool(['xport', ...window, defs[0]!, 'XPORT:a']));
    writeFileSync(config, `site:\n  title: { nl: Test }\n  url: https://status.example.org\n  languages: [nl]\nservices:\n${CASES.map((c) => service(c.id, c.files, c.ds)).join('')}`);
    result = await reduce({ ...paths, cache });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const line = (id: string): string | undefined => result.messages.find((m) => m.endsWith(`(service ${id}, metric calls is unknown)`));
  /** Where services[k].metrics[0].ds is written: each service block is 7 lines after the 5 lines of site. */
  const dsAt = (id: string): string => `${config}:${5 + 7 * CASES.findIndex((c) => c.id === id) + 7}:9 (services[${CASES.findIndex((c) => c.id === id)}].metrics[0].ds)`;

  it('exits 1, not 0: the run goes on with the services that are configured right', () => {
    expect(result.exitCode).toBe(1);
    expect(result.messages.filter((m) => m.includes('is unknown)'))).toHaveLength(CASES.length - 1);
    expect(line('good')).toBeUndefined();
    expect(result.snapshot?.services.find((s) => s.id === 'good')?.metrics[0]?.value).toBe(600);
  });

  it('refuses a single-DS file whose data source is not the configured one instead of reading its only column', () => {
    expect(line('single')).toBe(
      `${at('rrd/single/errors.rrd')}: no data source "req_total" in this file (it has: req_failed) — set ds: at ${dsAt('single')} to one of them. (service single, metric calls is unknown)`,
    );
  });

  it('names the file, the config line, the wrong name, the names the file has and the likely one, for a multi-DS binary .rrd', () => {
    expect(line('multi')).toBe(
      `${at('rrd/multi/gfd.rrd')}: no data source "req_totl" in this file (it has: req_total, req_failed, p95_ms) — did you mean "req_total"? Set ds: at ${config}:26:9 (services[2].metrics[0].ds) to one of them. (service multi, metric calls is unknown)`,
    );
  });

  it('says the same of a dump and of fetch text, which carry the DS names too', () => {
    for (const [id, rel] of [['dump', 'dump/gfd.xml'], ['fetch', 'fetch/gfd.txt']] as const) {
      expect(line(id)).toBe(`${at(rel)}: no data source "req_totl" in this file (it has: req_total, req_failed, p95_ms) — did you mean "req_total"? Set ds: at ${dsAt(id)} to one of them. (service ${id}, metric calls is unknown)`);
    }
  });

  it('matches an export column by its legend, and says so for xport XML, xport JSON and graph CSV', () => {
    for (const [id, rel] of [['xportxml', 'xport/gfd.xml'], ['xportjson', 'xport/gfd.json'], ['graphcsv', 'graph/gfd.csv']] as const) {
      expect(line(id)).toBe(
        `${at(rel)}: no column with the legend "req_totl" in this export (its legends: req_total, req_failed) — did you mean "req_total"? Set ds: at ${dsAt(id)} to the legend of the column to read, or export that column with the legend "req_totl" (XPORT:vname:req_totl). (service ${id}, metric calls is unknown)`,
      );
    }
    expect(line('unnamed')).toBe(
      `${at('xport/unnamed.xml')}: no column with the legend "req_total" in this export (its legends: col1) — set ds: at ${dsAt('unnamed')} to the legend of the column to read, or export that column with the legend "req_total" (XPORT:vname:req_total). (service unnamed, metric calls is unknown)`,
    );
  });

  it('makes the whole metric unknown when one of its files lacks the data source (no partial sum read as the whole)', () => {
    expect(line('mixed')).toBe(`${at('rrd/mixed/b.rrd')}: no data source "req_total" in this file (it has: req_failed) — set ds: at ${dsAt('mixed')} to one of them. (service mixed, metric calls is unknown)`);
    expect(result.snapshot?.services.find((s) => s.id === 'mixed')?.metrics[0]?.value).toBeNull();
  });

  it('shows every such service grey with the true public reason, not "no data since …"', () => {
    for (const c of CASES.filter((x) => x.id !== 'good')) {
      const s = result.snapshot?.services.find((x) => x.id === c.id);
      expect(s?.level, c.id).toBe('unknown');
      expect(s?.reason, c.id).toEqual(INPUT_FAILED_REASON);
    }
  });

  it('writes no incident for them: unknown is not an outage', () => {
    expect(result.ledgerAdded.filter((id) => !id.includes('-good-'))).toEqual([]);
  });

  it('publishes the grey service and exits 1 even when the only service of the config is the misconfigured one', async () => {
    const only = join(dir, 'only.yaml');
    writeFileSync(only, `site:\n  title: { nl: Test }\n  url: https://status.example.org\n  languages: [nl]\nservices:\n${service('single', 'rrd/single/errors.rrd', 'req_total')}`);
    const r = await reduce({ ...paths, config: only, out: join(dir, 'only.json'), ledger: join(dir, 'only-ledger.json') });
    expect(r.exitCode).toBe(1);
    expect(r.messages).toEqual([
      `${at('rrd/single/errors.rrd')}: no data source "req_total" in this file (it has: req_failed) — set ds: at ${only}:12:9 (services[0].metrics[0].ds) to one of them. (service single, metric calls is unknown)`,
    ]);
    expect(r.snapshot?.services[0]).toMatchObject({ level: 'unknown', reason: INPUT_FAILED_REASON });
  });

  it('publishes no data-source name, right or wrong', () => {
    const published = readFileSync(paths.out, 'utf8');
    for (const name of ['req_total', 'req_failed', 'req_totl', 'p95_ms']) expect(published).not.toContain(name);
  });

  it('reports it again on the next run over unchanged files (a kept cache does not hide it)', async () => {
    const again = await reduce({ ...paths, now: replayAt((END + 90) * 1000), wallMs: Date.now(), cache });
    expect(again.exitCode).toBe(1);
    expect(again.messages.filter((m) => m.includes('is unknown)'))).toEqual(result.messages.filter((m) => m.includes('is unknown)')));
    expect(again.snapshot?.services.find((s) => s.id === 'multi')?.level).toBe('unknown');
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const S = 'test/fixtures/rrd-samples';

/**
 * Runs the CLI as `npm run rrd -- …` does (`tsx scripts/rrd.ts`), through `node --import tsx`, which is
 * the same loader without the few seconds npx spends resolving the binary.
 */
function rrd(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/rrd.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run rrd', () => {
  it('prints an export as JSON with null for unknown values and exits 0', { timeout: 60_000 }, () => {
    const run = rrd(`${S}/xport/pcdh-48h-step60-showtime.json`, '--start', '1762157700', '--end', '1762157760');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { format: string; step: number; columns: string[]; rows: (number | null)[][] };
    expect(out.format).toBe('xport-json');
    expect(out.step).toBe(60);
    expect(out.columns).toHaveLength(4);
    expect(out.rows).toEqual([[1762157760, 0, 0, null, null]]);
  });

  it('reads the finest AVERAGE RRA of a .rrd by default, and --info prints its RRAs', { timeout: 60_000 }, () => {
    const run = rrd(`${S}/rrd/pcdh/calls.rrd`, '--start', '1762266480', '--end', '1762266600');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { format: string; step: number; rows: unknown[][] };
    expect([out.format, out.step, out.rows.length]).toEqual(['rrd', 60, 2]);
    const info = JSON.parse(rrd(`${S}/rrd/pcdh/calls.rrd`, '--info').stdout) as { version: string; rras: unknown[]; lastUpdate: number };
    expect(info.version).toBe('0003');
    expect(info.rras).toHaveLength(9);
    expect(info.lastUpdate).toBe(1762266617);
  });

  it('goes on after a failing file, prints its one-line error on stderr and exits 1', { timeout: 60_000 }, () => {
    const run = rrd('test/fixtures/no-such-file.xml', `${S}/graph/gfd-24h.csv`, '--start', '1762266540');
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'test/fixtures/no-such-file.xml: no such file; check the path in data/status.yaml or on the command line',
    ]);
    expect((JSON.parse(run.stdout) as { rows: unknown[] }).rows).toHaveLength(1);
  });

  it('exits 2 when no file is usable', { timeout: 60_000 }, () => {
    const run = rrd(`${S}/info/gfd-calls.txt`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^test\/fixtures\/rrd-samples\/info\/gfd-calls\.txt: unrecognised input at byte 0: the content is not a known rrdtool output/);
  });

  it('exits 2 with a one-line usage error on an unknown flag', { timeout: 60_000 }, () => {
    const run = rrd('--step', '60', `${S}/graph/gfd-24h.csv`);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'rrd: unknown option --step; see --help\n',
    );
  });
});

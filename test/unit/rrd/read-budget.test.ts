/**
 * The per-file time budget (issue 11 item 2): a file whose open, reads and parse take longer than
 * the budget is refused with one line naming it, the budget and the fix. The slow file system is a
 * monotonic clock that the test advances; the files are real (copies of the sample, or made here).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { withOpenedRrd } from '../../../scripts/lib/rrd-open';
import { ConfigSchema, DEFAULT_READ_BUDGET_SECONDS } from '../../../src/lib/config/schema';
import type { OpenedRrd } from '../../../src/lib/rrd/read';
import { RrdReadError } from '../../../src/lib/rrd/series';

const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const copy = (): string => {
  const path = join(dir, `calls-${n++}.rrd`);
  copyFileSync('test/fixtures/rrd-samples/rrd/gfd/calls.rrd', path);
  return path;
};
/** A clock where every look at it costs `stepMs` (each read "takes" that long). */
const slowClock = (stepMs: number) => {
  let t = 0;
  return () => (t += stepMs);
};
const lastUpdate = (path: string, options: Parameters<typeof withOpenedRrd>[2]) =>
  withOpenedRrd(path, (opened) => (opened.kind === 'database' ? opened.db.meta.lastUpdate : NaN), options);

describe('the time budget of one input file', () => {
  it('reads a file that stays within its budget as usual', () => {
    expect(lastUpdate(copy(), { budgetMs: 1000, monotonicMs: slowClock(1) })).toBe(1762266617);
  });

  it('defaults to 10 s, a positive read_budget_seconds in the config', () => {
    expect(DEFAULT_READ_BUDGET_SECONDS).toBe(10);
    const base = parse(readFileSync('data/status.yaml', 'utf8')) as object;
    const withKey = (value: unknown) => ConfigSchema.safeParse({ ...base, read_budget_seconds: value });
    expect(withKey(undefined).error?.issues).toBeUndefined();
    expect(withKey(undefined).data?.read_budget_seconds).toBe(10);
    expect(withKey(2.5).success).toBe(true);
    expect(withKey(0).success).toBe(false);
    expect(withKey(601).success).toBe(false);
  });

  it('refuses a file on a slow file system with one line naming it, the budget and the fix', () => {
    const path = copy();
    // open 0.4 s, header 0.4 s, then the rows of the last day: over 1 s on that read.
    const rows = (opened: OpenedRrd) => (opened.kind === 'database' ? opened.db.select({ cf: 'AVERAGE', resolution: 60, start: 1762266617 - 86_400 }).timestamps.length : 0);
    const read = () => withOpenedRrd(path, rows, { budgetMs: 1000, monotonicMs: slowClock(400) });
    expect(withOpenedRrd(path, rows, { budgetMs: 1000, monotonicMs: slowClock(1) })).toBeGreaterThan(1000);
    expect(read).toThrow(RrdReadError);
    expect(read).toThrow(
      /calls-\d+\.rrd: reading it took longer than its 1 s time budget \(1\.2 s when reading byte 25288 of 396232\); a slow or hung file system, or a file far larger than usual: move the RRDs to a local disk or shorten their RRAs, or raise read_budget_seconds in data\/status\.yaml$/,
    );
  });

  it('stops reading a large export between chunks instead of reading it to the end', () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, `{"meta":{},"data":[${'[1],'.repeat(1_500_000)}[1]]}`); // ~6 MB of text
    // open 1 s, first block 1 s, first 1 MiB 1 s: over 2.5 s after 1 of the 6 MB.
    expect(() => withOpenedRrd(path, () => 0, { budgetMs: 2500, monotonicMs: slowClock(1000) })).toThrow(/took longer than its 2\.5 s time budget \(3 s when reading byte 1048576 of 6000024\)/);
  });

  it('refuses a file whose parse and checks ran past the budget, even without a slow read', () => {
    const path = copy();
    let t = 0;
    const read = () =>
      withOpenedRrd(
        path,
        () => {
          t += 5000; // the work on the opened file "takes" 5 s
          return 1;
        },
        { budgetMs: 2000, monotonicMs: () => t },
      );
    expect(read).toThrow(/reading it took longer than its 2 s time budget \(5 s when parsing and checking its rows\)/);
  });

  it('counts both attempts of a file that changed while it was read against one budget', () => {
    const path = copy();
    let t = 0;
    let calls = 0;
    const read = () =>
      withOpenedRrd(
        path,
        () => {
          calls++;
          t += 600; // each attempt "takes" 0.6 s: alone within 1 s, together over it
          if (calls === 1) utimesSync(path, new Date(), new Date(Date.now() + 5000));
          return calls;
        },
        { budgetMs: 1000, monotonicMs: () => t },
      );
    expect(read).toThrow(/took longer than its 1 s time budget \(1\.2 s when parsing and checking its rows\)/);
    expect(calls).toBe(2);
  });
});

import { copyFileSync, mkdtempSync, openSync, rmSync, statSync, utimesSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withOpenedRrd } from '../../../scripts/lib/rrd-open';
import { RrdReadError } from '../../../src/lib/rrd/series';

const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-change-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const copy = (): string => {
  const path = join(dir, `calls-${n++}.rrd`);
  copyFileSync('test/fixtures/rrd-samples/rrd/gfd/calls.rrd', path);
  return path;
};
const touch = (path: string, bump: number): void => {
  const st = statSync(path);
  utimesSync(path, st.atime, new Date(st.mtimeMs + bump));
};

describe('a file that changes while it is read', () => {
  it('is read again once when its modification time moved during the read', () => {
    const path = copy();
    let calls = 0;
    const last = withOpenedRrd(path, (opened) => {
      calls++;
      if (calls === 1) touch(path, 5000);
      return opened.kind === 'database' ? opened.db.meta.lastUpdate : NaN;
    });
    expect(calls).toBe(2);
    expect(last).toBe(1762266617);
  });

  it('is refused with one line when it changes during the second read too', () => {
    const path = copy();
    let calls = 0;
    const read = () =>
      withOpenedRrd(path, () => {
        calls++;
        touch(path, 5000 * calls);
        return calls;
      });
    expect(read).toThrow(RrdReadError);
    expect(calls).toBe(2);
    expect(read).toThrow(/calls-\d+\.rrd: the file changed twice while it was read \(its modification time moved\); it is being rewritten in place; it is read again at the next cycle$/);
  });

  it('notices a header rewritten in place even when the writer restored the modification time', () => {
    const path = copy();
    let calls = 0;
    withOpenedRrd(path, () => {
      calls++;
      if (calls === 1) {
        const st = statSync(path);
        const fd = openSync(path, 'r+');
        writeSync(fd, Buffer.from([0x41]), 0, 1, 200); // inside the DS definitions
        closeSync(fd);
        utimesSync(path, st.atime, st.mtime);
      }
      return calls;
    });
    expect(calls).toBe(2);
  });

  it('retries a read that failed because the file was being rewritten', () => {
    const path = copy();
    let calls = 0;
    const r = withOpenedRrd(path, () => {
      calls++;
      if (calls === 1) {
        touch(path, 5000);
        throw new RrdReadError(path, 'rrd', undefined, 'file truncated while reading RRA 0', 'read it again');
      }
      return 'second';
    });
    expect(r).toBe('second');
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRrdBytes } from '../../../src/lib/rrd/read';

const S = 'test/fixtures/rrd-samples';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const corpus = ['xport', 'graph', 'fetch', 'dump', 'rrd'].flatMap((dir) => filesUnder(join(S, dir)));
const expectedFormat: Record<string, string> = { xport: 'xport', graph: 'graph', fetch: 'fetch', dump: 'dump', rrd: 'rrd' };

describe('the sample corpus read through readRrdBytes', { timeout: 30_000 }, () => {
  it('holds every kind of file', () => {
    expect(corpus.length).toBeGreaterThan(100);
  });

  it.each(corpus)('reads %s into a well-formed Series', (path) => {
    const s = readRrdBytes(new Uint8Array(readFileSync(path)), path);
    const dir = path.split('/')[3] as string;
    if (dir === 'xport') expect(s.format).toMatch(/^xport-(xml|json)$/);
    else if (dir === 'graph') expect(s.format).toMatch(/^(xport-xml|xport-json|graph-csv)$/);
    else expect(s.format).toBe(expectedFormat[dir]);
    expect(s.step).toBeGreaterThan(0);
    expect(s.timestamps.length).toBeGreaterThan(0);
    expect(s.values.length).toBe(s.columns.length);
    for (const column of s.values) expect(column.length).toBe(s.timestamps.length);
    for (let i = 1; i < s.timestamps.length; i++) {
      if ((s.timestamps[i] as number) - (s.timestamps[i - 1] as number) !== s.step) {
        expect.fail(`${path}: row ${i} is not one step after the previous one`);
      }
    }
  });
});

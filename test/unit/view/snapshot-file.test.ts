import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../../src/site/snapshot';
import { missingTexts, missingTextWarnings } from '../../../src/lib/view/missing-texts';
import { generateSnapshot } from '../../fixtures/snapshots/generate';

const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-snapshot-'));
const sample = generateSnapshot();

describe('readSnapshot', () => {
  it('fails with one line that says to run the reduce step when the file is missing', () => {
    const path = join(dir, 'nope.json');
    expect(() => readSnapshot(path)).toThrow(`fluxstatus: no snapshot at ${path} — run \`npm run reduce\` first (or set FLUXSTATUS_SNAPSHOT)`);
  });
  it('names the key path of the first schema problem', () => {
    const path = join(dir, 'bad.json');
    const snapshot = sample;
    writeFileSync(path, JSON.stringify({ ...snapshot, services: [{ ...snapshot.services[0], level: 'green' }] }));
    expect(() => readSnapshot(path)).toThrow(/does not match the snapshot schema at services\[0\]\.level: .*run `npm run reduce` again/);
  });
  it('reports invalid JSON without a stack trace', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"schema_version": 1,');
    expect(() => readSnapshot(path)).toThrow(/^fluxstatus: .*broken\.json is not valid JSON/);
  });
  it('accepts the sample snapshot', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, JSON.stringify(sample));
    expect(readSnapshot(path).services.map((s) => s.level)).toEqual(['operational', 'under_maintenance', 'partial_outage', 'degraded']);
  });
});

describe('missingTexts', () => {
  it('finds operator texts without a site language and summarises beyond the limit', () => {
    const missing = missingTexts(sample);
    expect(missing).toContainEqual({ path: 'incidents[0].still_works', lang: 'en' });
    expect(missing.every((m) => m.lang === 'en')).toBe(true);
    const lines = missingTextWarnings(missing, 'nl', 2);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^fluxstatus: no en text at .* — showing nl$/);
    expect(lines[2]).toBe(`fluxstatus: … and ${missing.length - 2} more texts without a translation`);
  });
});

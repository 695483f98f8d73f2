import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../scripts/lib/atomic-write';
import { ledgerPath, readLedger, serializeLedger, writeLedger } from '../../scripts/lib/ledger-file';
import { emptyLedger, mergeEpisodes } from '../../src/lib/ledger/ledger';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sample = mergeEpisodes(
  emptyLedger(),
  [
    { service_id: 'raotd', start: 1762265760, end: null, peak_level: 'partial_outage', reasons: [{ fr: 'Erreurs', nl: 'Fouten' }] },
    { service_id: 'pcdh', start: 1762157640, end: 1762158180, peak_level: 'major_outage', reasons: [] },
  ],
  { now: 1762266600, coveredFrom: 1760452200, timeZone: 'Europe/Brussels' },
).ledger;

describe('ledger file', () => {
  it('reads a missing file as an empty ledger, saying that it does not exist', () => {
    expect(readLedger(ledgerPath(dir))).toEqual({ ok: true, ledger: emptyLedger(), exists: false });
  });

  it('writes under <data>/ledger/incidents.json and reads back the same ledger', () => {
    const path = ledgerPath(dir);
    expect(path).toBe(join(dir, 'ledger', 'incidents.json'));
    expect(writeLedger(path, emptyLedger(), sample)).toBeNull();
    expect(readLedger(path)).toEqual({ ok: true, ledger: sample, exists: true });
    expect(readdirSync(join(dir, 'ledger'))).toEqual(['incidents.json', 'incidents.json.last-good']);
  });

  it('writes stable, sorted, 2-space JSON with sorted language keys and a final newline', () => {
    const path = ledgerPath(dir);
    expect(writeLedger(path, emptyLedger(), { version: 1, incidents: [...sample.incidents].reverse() })).toBeNull();
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(serializeLedger(sample));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "incidents": [\n    {\n      "id": "2025-11-03-pcdh-1",');
    expect(text.indexOf('"fr": "Erreurs"')).toBeLessThan(text.indexOf('"nl": "Fouten"'));
  });

  it('refuses a corrupt file with one line and leaves it untouched', () => {
    const path = ledgerPath(dir);
    mkdirSync(join(dir, 'ledger'));
    writeFileSync(path, '{"version": 1, "incidents": [');
    const r = readLedger(path);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/incidents\.json: the incident ledger is not valid JSON \(.+\) — repair it or restore it from a backup or version control; nothing was written and the published site stays as it was$/);
      expect(r.error).not.toContain('\n');
    }
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1, "incidents": [');
  });

  it('refuses a ledger that does not match the schema, naming the key path', () => {
    const path = ledgerPath(dir);
    mkdirSync(join(dir, 'ledger'));
    writeFileSync(path, JSON.stringify({ version: 1, incidents: [{ ...sample.incidents[0], peak_level: 'red' }] }));
    const r = readLedger(path);
    expect(r.ok ? '' : r.error).toMatch(/incidents\.json: incidents\[0\]\.peak_level: .* — the incident ledger does not match its schema; repair it or restore it from a backup or version control; nothing was written and the published site stays as it was$/);
  });

  it('replaces a file atomically, leaving no temp file behind', () => {
    const path = join(dir, 'out', 'x.json');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'out'))).toEqual(['x.json']);
  });
});

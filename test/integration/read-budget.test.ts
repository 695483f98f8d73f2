/**
 * The per-file time budget end to end (issue 11 item 2): with read_budget_seconds far below what any
 * read takes, every GFD file is over it; reduce runs to its end, prints one line per file naming it,
 * the budget and the fix, and ends as for any set of unreadable inputs (nothing readable: exit 2, no
 * snapshot, no incident). A budget error is an RrdReadError like every other per-file refusal, whose
 * "metric unknown, exit 1, the other services go on" path hostile-inputs.test.ts covers.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { reduce } from '../../scripts/lib/reduce-run';
import { liveAt } from '../../src/lib/cycle/now';
import { parseIso } from '../../src/lib/time/zone';

const NOW = parseIso('2025-11-04T15:30:30+01:00');
const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-budget-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a file over its time budget', { timeout: 60_000 }, () => {
  it('is refused with one line per file naming it, the budget and the fix, and never written as an incident', async () => {
    const config = parse(readFileSync('data/status.yaml', 'utf8')) as { services: { id: string }[]; read_budget_seconds?: number };
    config.services = config.services.filter((s) => s.id === 'gfd');
    config.read_budget_seconds = 0.000001;
    const data = join(dir, 'data');
    cpSync('data/rrd/gfd', join(data, 'rrd/gfd'), { recursive: true });
    writeFileSync(join(dir, 'status.yaml'), stringify(config));
    const r = await reduce({ config: join(dir, 'status.yaml'), data, now: liveAt(NOW * 1000), wallMs: Date.now(), newLedger: true, out: join(dir, 'snapshot.json'), report: join(dir, 'report.json'), ledger: join(dir, 'ledger.json'), progress: false });

    const calls = resolve(data, 'rrd/gfd/calls.rrd');
    const lines = r.messages.filter((m) => m.includes(calls));
    expect(lines, r.messages.join("\n")).toHaveLength(1);
    expect(lines[0]).toMatch(/calls\.rrd: reading it took longer than its 0\.001 ms time budget \([\d.]+ (ms|s) when [a-z ]+.*\); .*raise read_budget_seconds in data\/status\.yaml/);
    expect(r.messages.filter((m) => m.includes('time budget')).length).toBeGreaterThanOrEqual(2);
    expect(r.messages.some((m) => m.includes('no readable RRD data for any service'))).toBe(true);
    expect(r.exitCode).toBe(2);
    expect(r.snapshot?.services.find((s) => s.id === 'gfd')?.level).not.toBe('operational');
    expect(r.ledgerAdded ?? []).toEqual([]);
  });
});

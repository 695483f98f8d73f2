import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reduce, type ReduceResult } from '../../scripts/lib/reduce-run';
import { replayAt } from '../../src/lib/cycle/now';
import type { ServiceSnapshot } from '../../src/lib/snapshot/schema';
import { parseIso } from '../../src/lib/time/zone';
import { cactiInstallation, collectdInstallation, type Fault, type Installation } from './helpers/collector-installations';
import { requireRrdtool } from './helpers/rrdtool';

/** Tuesday 2026-03-10 09:00 in Brussels: five weeks of history end here, each scenario adds one hour. */
const BASE = parseIso('2026-03-10T09:00:00+01:00');
/** Evaluated 30 s after the scenario's last row (10:00), as a reduce run a minute after the data landed. */
const NOW = BASE + 3600 + 30;

interface Outcome {
  result: ReduceResult;
  service: ServiceSnapshot;
  /** The same files reduced at another instant (a replay; the files end at 10:00 whatever the instant). */
  at(now: number): Promise<ServiceSnapshot>;
}

/** Lays out one scenario of an installation and reduces it at NOW, with the rule defaults. */
async function run(root: string, name: string, installation: Installation, fault: Fault): Promise<Outcome> {
  const dir = join(root, name);
  const { data, config } = installation.scenario(dir, 60, fault);
  const reduceAt = async (now: number): Promise<{ result: ReduceResult; service: ServiceSnapshot }> => {
    const result = await reduce({ config, data, now: replayAt(now * 1000), wallMs: Date.now(), out: join(dir, 'snapshot.json'), report: join(dir, 'report.json'), ledger: join(dir, 'ledger.json'), progress: false });
    const service = result.snapshot?.services[0];
    if (service === undefined) throw new Error(`${name}: no snapshot (${result.messages.join(' | ')})`);
    return { result, service };
  };
  return { ...(await reduceAt(NOW)), at: async (now) => (await reduceAt(now)).service };
}

/** The incidents of a snapshot, as "start reason" lines a failure message can show. */
const falseIncidents = (o: Outcome): string[] => (o.result.snapshot?.incidents ?? []).map((e) => `${e.started_at} ${e.reasons[0]?.en ?? e.title.en}`);

const metric = (o: Outcome, key: string) => o.service.metrics.find((m) => m.key === key);

describe('a collectd installation: 10-s step, one "value" DS per file, collectd\'s RRAs, response time in seconds', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'fluxstatus-collectd-'));
  const slowFrom = BASE + 40 * 60;
  const downFrom = BASE + 45 * 60;
  let normal: Outcome;
  let slow: Outcome;
  let down: Outcome;
  beforeAll(async () => {
    requireRrdtool();
    const installation = collectdInstallation(join(root, 'history'), BASE);
    normal = await run(root, 'normal', installation, { kind: 'none' });
    slow = await run(root, 'slow', installation, { kind: 'slow', from: slowFrom, seconds: 3 });
    down = await run(root, 'down', installation, { kind: 'down', from: downFrom });
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads every file (exit 0) and is operational in a normal minute, calls per minute from the per-second DERIVE', () => {
    expect(normal.result.exitCode).toBe(0);
    expect(normal.result.messages).toEqual([]);
    expect(normal.service.level).toBe('operational');
    // 30 calls/s on a Tuesday morning ±5 %.
    expect(metric(normal, 'calls')?.value).toBeGreaterThan(1700);
    expect(metric(normal, 'calls')?.value).toBeLessThan(1900);
  });

  it('shows the response time stored in seconds in ms, as readers expect (~180 ms, not 0.18 ms)', () => {
    const p95 = metric(normal, 'p95');
    expect(p95?.unit).toBe('ms');
    expect(p95?.value).toBeGreaterThan(150);
    expect(p95?.value).toBeLessThan(210);
    expect(p95?.expected).toBeGreaterThan(150);
    expect(p95?.expected).toBeLessThan(210);
  });

  it('turns degraded when the response time in seconds passes latency_limit_ms (3 s against the default 2,000 ms)', () => {
    expect(slow.result.exitCode).toBe(0);
    expect(slow.service.level).toBe('degraded');
    expect(metric(slow, 'p95')?.value).toBe(3000);
    expect(slow.service.reason?.en).toContain('3,000 ms');
    expect(slow.service.reason?.en).toContain('2,000 ms');
  });

  it('shows a major outage when the calls stop, with the traffic reason', () => {
    expect(down.service.level).toBe('major_outage');
    expect(metric(down, 'calls')?.value).toBe(0);
    expect(down.service.reason?.en).toMatch(/^Calls 0\/min, ~1,[78]\d\d\/min expected at this hour$/);
  });

  it('never starts an episode before its fault: the 10-s rows are aggregated into their own minute, causally (since ≥ the fault start)', () => {
    expect(parseIso(slow.service.since!)).toBeGreaterThanOrEqual(slowFrom);
    expect(parseIso(down.service.since!)).toBeGreaterThanOrEqual(downFrom);
  });
  // Nights and opening ramps once read "Calls 120/min, ~410/min expected" from baselines of collectd's 2,230-s and 26,350-s rows.
  it('records no incident over its five weeks of normal history (the ledger of the normal scenario is empty)', () => {
    expect(falseIncidents(normal)).toEqual([]);
    expect(normal.result.ledgerAdded).toEqual([]);
  });

  it('shows a total collapse on its first minute (decisive) and a slow response within 180 s, both from the fault\'s start', async () => {
    const collapse = await down.at(downFrom + 60);
    expect([collapse.level, parseIso(collapse.since!)]).toEqual(['major_outage', downFrom]);
    const slowed = await slow.at(slowFrom + 180);
    expect([slowed.level, parseIso(slowed.since!)]).toEqual(['degraded', slowFrom]);
  });

  it('counts the uptime of a 24/7 service (its own schedule) over the whole day, not over pharmacy hours', () => {
    expect(normal.service.uptime_90d.schedule).toBe(normal.service.uptime_90d.all);
    const sunday = normal.service.uptime_days.find((d) => d.date === '2026-03-08');
    expect(sunday?.schedule_uptime).not.toBeNull();
    expect(sunday?.schedule_uptime).toBe(sunday?.uptime);
  });
});

describe('a Cacti/MRTG installation: 300-s step, traffic_in/traffic_out 32-bit counters, Cacti\'s RRAs up to 1-day rows', { timeout: 120_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'fluxstatus-cacti-'));
  const downFrom = BASE + 45 * 60;
  let normal: Outcome;
  let down: Outcome;
  beforeAll(async () => {
    requireRrdtool();
    const installation = cactiInstallation(join(root, 'history'), BASE);
    normal = await run(root, 'normal', installation, { kind: 'none' });
    down = await run(root, 'down', installation, { kind: 'down', from: downFrom });
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is operational in a normal minute, reading traffic_in across its counter wraps (octets per minute)', () => {
    expect(normal.result.exitCode).toBe(0);
    expect(normal.result.messages).toEqual([]);
    expect(normal.service.level).toBe('operational');
    // 1.2 MB/s ±5 %: the 32-bit counter wraps about once an hour and every wrap is read as traffic, not a reset.
    expect(metric(normal, 'traffic_in')?.value).toBeGreaterThan(68e6);
    expect(metric(normal, 'traffic_in')?.value).toBeLessThan(76e6);
    expect(metric(normal, 'traffic_out')?.value).toBeGreaterThan(3 * 68e6);
  });

  it('shows a major outage when the traffic stops, from the fault\'s start', () => {
    expect(down.service.level).toBe('major_outage');
    expect(metric(down, 'traffic_in')?.value).toBe(0);
    expect(parseIso(down.service.since!)).toBe(downFrom);
  });

  it('shows it when the 5-minute row that holds it has landed, not before: a 5-minute RRD cannot show an outage sooner', async () => {
    expect((await down.at(downFrom + 240)).level).toBe('operational');
    const shown = await down.at(downFrom + 300);
    expect([shown.level, parseIso(shown.since!)]).toEqual(['major_outage', downFrom]);
  });

  // Every weekday 07:00-07:30 once read "~31,000,000/min expected" (the ramp starts at 07:30) from Cacti's 2-h rows.
  it('records no incident over its five weeks of normal history (the ledger of the normal scenario is empty)', () => {
    expect(falseIncidents(normal)).toEqual([]);
    expect(normal.result.ledgerAdded).toEqual([]);
  });

  it('measures its uptime over the site\'s pharmacy hours (no schedule of its own): none on a Sunday', () => {
    const sunday = normal.service.uptime_days.find((d) => d.date === '2026-03-08');
    expect(sunday?.uptime).not.toBeNull();
    expect(sunday?.schedule_uptime).toBeNull();
  });
});

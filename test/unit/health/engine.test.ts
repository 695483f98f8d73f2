/**
 * One service through the whole engine on a short history (eight days, one week of baseline):
 * levels, scores, the reason and the start of every kind of level, data_until, and what the
 * engine passes on to the signals (several files, their smallest value, coarse rows).
 */
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/lib/config/schema';
import { evaluateService, serviceRules, type MetricValues } from '../../../src/lib/health/engine';
import { gridBetween, rowTime, wallClock } from '../../../src/lib/health/grid';
import { holidayCalendar } from '../../../src/lib/health/holidays';
import { findingsReason, INPUT_FAILED_REASON, MAINTENANCE_REASON, NO_EVIDENCE_REASON, staleReason } from '../../../src/lib/health/reasons';
import { rowCode } from '../../../src/lib/health/row-span';
import { parseIso } from '../../../src/lib/time/zone';

const NOW = parseIso('2025-11-04T15:30:00+01:00');
const config = ConfigSchema.parse({
  site: { title: { nl: 'Status' }, url: 'https://status.example.org', languages: ['nl', 'en'] },
  rules: { baseline_weeks: 1 },
  services: [
    {
      id: 'gfd',
      name: { nl: 'GFD' },
      rules: { enter_after_minutes: 3 },
      metrics: [
        { key: 'calls', role: 'traffic', files: 'rrd/gfd/calls-*.rrd', ds: 'calls', unit: 'per_minute' },
        { key: 'p95', role: 'latency', label: { nl: 'Antwoordtijd (p95)' }, files: 'rrd/gfd/p95.rrd', ds: 'p95', unit: 'ms' },
      ],
    },
  ],
});
const service = config.services[0]!;
const rules = serviceRules(config, service);
const grid = gridBetween(NOW - 8 * 86_400, NOW);
const clock = wallClock(grid, 'Europe/Brussels', holidayCalendar('none', []));
const n = grid.length;
const last = n - 1;
const series = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

function health(calls: (i: number) => number, p95: (i: number) => number, over: { maintenance?: Uint8Array; failed?: boolean; traffic?: Partial<MetricValues> } = {}) {
  const metrics: MetricValues[] = [
    { config: service.metrics[0]!, values: series(calls), ...(over.failed === true ? { failed: true } : {}), ...over.traffic },
    { config: service.metrics[1]!, values: series(p95) },
  ];
  return evaluateService({ service, rules, clock, metrics, formatTime: (t, rel) => `${t}@${rel}`, ...(over.maintenance === undefined ? {} : { maintenance: over.maintenance }) });
}

describe('the rules of a service', () => {
  it('are the site rules with the service\'s own on top', () => {
    expect(rules.enter_after_minutes).toBe(3);
    expect(rules.baseline_weeks).toBe(1);
    expect(rules.leave_after_minutes).toBe(5);
    expect(serviceRules(config, { ...service, rules: undefined } as never).enter_after_minutes).toBe(2);
  });
});

describe('a green service', () => {
  const h = health(() => 600, () => 300);
  it('is operational with score 100 and no reason, since the first minutes of the grid', () => {
    expect(h.dwell.levels[last]).toBe('operational');
    expect(h.scores[last]).toBe(100);
    expect(h.reasonAt(last)).toBeNull();
    expect(h.sinceAt(last)).toBe(rowTime(grid, 2) - 60);
    expect(h.sinceAt(0)).toBe(grid.start - 60);
  });

  it('has a normal band for the traffic chart only; the other metrics get their expectation alone', () => {
    // Evaluated inside the test, so Stryker's per-test coverage links the band's mutants to it.
    const h = health(() => 600, () => 300);
    expect(h.metrics[0]?.baseline.lower[last]).toBe(600);
    expect(h.metrics[0]?.baseline.upper[last]).toBe(600);
    expect(h.metrics[1]?.baseline.expected[last]).toBe(300);
    expect(Number.isNaN(h.metrics[1]!.baseline.lower[last]!)).toBe(true);
    expect(Number.isNaN(h.metrics[1]!.baseline.upper[last]!)).toBe(true);
  });

  it('has data until its last minute, also when asked past the end of the grid', () => {
    expect(h.dataUntilAt(last)).toBe(rowTime(grid, last));
    expect(h.dataUntilAt(last + 10)).toBe(rowTime(grid, last));
    expect(h.dataUntilAt(5)).toBe(rowTime(grid, 5));
  });
});

describe('a collapse', () => {
  const h = health((i) => (i > last - 10 ? 0 : 600), (i) => (i > last - 10 ? Number.NaN : 300));
  it('shows a major outage with score 0, the reason of the calls, since the first minute without calls', () => {
    expect(h.dwell.levels[last]).toBe('major_outage');
    expect(h.scores[last]).toBe(0);
    expect(h.reasonAt(last)?.en).toBe('Calls 0/min, ~600/min expected at this hour');
    expect(h.sinceAt(last)).toBe(rowTime(grid, last - 9) - 60);
    expect(h.episodes).toEqual([expect.objectContaining({ service_id: 'gfd', start: rowTime(grid, last - 9) - 60, end: null, peak_level: 'major_outage' })]);
  });

  it('gives the newest reason seen while recovery is being confirmed', () => {
    const back = health((i) => (i > last - 10 && i <= last - 3 ? 0 : 600), () => 300);
    expect(back.dwell.levels[last]).toBe('major_outage');
    expect(back.signals.findings.get(last)).toBeUndefined();
    expect(back.reasonAt(last)).toEqual(findingsReason(back.signals.findings.get(last - 1)!, () => undefined));
    expect(back.reasonAt(last)?.en).toBe('Calls 240/min, ~600/min expected at this hour');
  });
});

describe('unknown, and why', () => {
  it('names the newest data of any metric when one metric is stale', () => {
    const h = health(() => 600, (i) => (i > last - 10 ? Number.NaN : 300));
    expect(h.dwell.levels[last]).toBe('unknown');
    expect(h.reasonAt(last)).toEqual(staleReason(`${rowTime(grid, last)}@${rowTime(grid, last)}`));
    expect(Number.isNaN(h.scores[last])).toBe(true);
  });

  it('names the last minute any data came when all are gone, infinite values counting as none', () => {
    const h = health((i) => (i > last - 10 ? Number.POSITIVE_INFINITY : 600), (i) => (i > last - 10 ? Number.NEGATIVE_INFINITY : 300));
    expect(h.reasonAt(last)).toEqual(staleReason(`${rowTime(grid, last - 10)}@${rowTime(grid, last)}`));
    expect(h.dataUntilAt(last)).toBe(rowTime(grid, last - 10));
  });

  it('says no data is available when none ever came', () => {
    const h = health(() => Number.NaN, () => Number.NaN);
    expect(h.reasonAt(last)).toEqual(staleReason(null));
    expect(Number.isNaN(h.dataUntilAt(last))).toBe(true);
  });

  it('says there is no history to compare with when no calls ever came', () => {
    const h = health(() => 0, () => Number.NaN);
    expect(h.dwell.levels[last]).toBe('unknown');
    expect(h.reasonAt(last)).toBe(NO_EVIDENCE_REASON);
  });

  it('says the data could not be read when an input failed', () => {
    const h = health(() => Number.NaN, () => Number.NaN, { failed: true });
    expect(h.reasonAt(last)).toBe(INPUT_FAILED_REASON);
  });
});

describe('maintenance', () => {
  it('shows under_maintenance with its reason and no score', () => {
    const maintenance = Uint8Array.from({ length: n }, (_, i) => (i > last - 10 ? 1 : 0));
    const h = health(() => 600, () => 300, { maintenance });
    expect(h.dwell.levels[last]).toBe('under_maintenance');
    expect(h.reasonAt(last)).toBe(MAINTENANCE_REASON);
    expect(Number.isNaN(h.scores[last])).toBe(true);
    expect(h.sinceAt(last)).toBe(rowTime(grid, last - 9) - 60);
  });
});

describe('what the engine passes on to the signals', () => {
  it('passes the number of files and their smallest value: one silent input of two loses its share', () => {
    const fileMin = series((i) => (i > last - 10 ? 0 : 300));
    const h = health((i) => (i > last - 10 ? 300 : 600), () => 300, { traffic: { files: 2, detail: { fileMin, span: new Uint16Array(n).fill(1) } } });
    expect(h.metrics[0]).toMatchObject({ files: 2 });
    expect(h.signals.findings.get(last)?.[0]).toMatchObject({ kind: 'input_silent', files: 2 });
  });

  it('passes the rows: a 5-minute row is judged once, at its end', () => {
    // The aggregates code each minute's row (row-span.ts): its span and the parity of its number.
    const startMinute = Math.round(grid.start / 60);
    const span = Uint16Array.from({ length: n }, (_, i) => rowCode(5, Math.ceil((startMinute + i) / 5) % 2 === 1));
    const h = health(() => 600, () => 300, { traffic: { detail: { fileMin: series(() => 600), span } } });
    expect(h.metrics[0]?.span).toEqual(new Uint16Array(n).fill(5));
    const judged = Array.from(h.signals.severity.slice(last - 9)).filter((s) => s >= 0).length;
    expect(judged).toBe(2);
  });

  it('learns the expectation from coarse past rows reshaped downwards (baseline.ts), never from their raw means alone', () => {
    // 5-min rows alternating 600 and 1,200 calls a minute: read as rows, the 1,200 rows slope down towards their neighbours.
    const startMinute = Math.round(grid.start / 60);
    const row = (i: number): number => Math.ceil((startMinute + i) / 5);
    const span = Uint16Array.from({ length: n }, (_, i) => rowCode(5, row(i) % 2 === 1));
    const calls = (i: number): number => (row(i) % 2 === 1 ? 1200 : 600);
    const rows = health(calls, () => 300, { traffic: { detail: { fileMin: series(calls), span } } });
    const raw = health(calls, () => 300);
    const widened = rows.metrics[0]!.baseline.expected;
    const plain = raw.metrics[0]!.baseline.expected;
    const lower = [...widened.keys()].filter((i) => widened[i]! < plain[i]!);
    expect(lower.length).toBeGreaterThan(0);
    expect([...widened.keys()].every((i) => !(widened[i]! > plain[i]!))).toBe(true);
  });
});

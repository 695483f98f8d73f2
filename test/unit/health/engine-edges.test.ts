/**
 * The engine on a few hours without history (no baseline needed): response times judged against
 * the absolute limit, the rows the aggregates pass on, and what the reasons, data_until and the
 * normal band say at the edges of the grid. Light, so the mutants of engine.ts are tested quickly.
 */
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/lib/config/schema';
import { evaluateService, serviceRules, type MetricValues } from '../../../src/lib/health/engine';
import { gridBetween, rowTime, wallClock } from '../../../src/lib/health/grid';
import { holidayCalendar } from '../../../src/lib/health/holidays';
import { findingsReason, RECOVERING_REASON, staleReason } from '../../../src/lib/health/reasons';
import { rowCode } from '../../../src/lib/health/row-span';

const config = ConfigSchema.parse({
  site: { title: { nl: 'Status' }, url: 'https://status.example.org', languages: ['nl', 'en'] },
  rules: { baseline_weeks: 1, holidays: 'none' },
  services: [
    {
      id: 'api',
      name: { nl: 'API' },
      metrics: [
        // Two response times: the one without a label comes first, so a wrong lookup finds it.
        { key: 'p50', role: 'latency', files: 'rrd/api/p50.rrd', ds: 'p50', unit: 'ms' },
        { key: 'p95', role: 'latency', label: { nl: 'Antwoordtijd (p95)', en: 'Response time (p95)' }, files: 'rrd/api/p95.rrd', ds: 'p95', unit: 'ms' },
      ],
    },
  ],
});
const service = config.services[0]!;
const rules = serviceRules(config, service);
// Three and a half hours: the first minute is stamped 12:01 UTC, the last 15:30 (inside an hour row).
const START = Date.UTC(2025, 10, 4, 12, 0) / 1000;
const grid = gridBetween(START, START + 3.5 * 3600);
const clock = wallClock(grid, 'UTC', holidayCalendar('none', []));
const n = grid.length;
const last = n - 1;
const startMinute = grid.start / 60;
const values = (f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i));
const labelsOf = (key: string) => service.metrics.find((m) => m.key === key)?.label;

function health(p50: (i: number) => number, p95: (i: number) => number, over: Partial<MetricValues> = {}) {
  const metrics: MetricValues[] = [
    { config: service.metrics[0]!, values: values(p50) },
    { config: service.metrics[1]!, values: values(p95), ...over },
  ];
  return evaluateService({ service, rules, clock, metrics, formatTime: (t) => `${t}` });
}

/** The codes of 60-min rows (row-span.ts) for every minute of the grid: a row ends on each whole hour. */
const hourRows = (length = n): Uint16Array => Uint16Array.from({ length }, (_, i) => rowCode(60, Math.ceil((startMinute + i) / 60) % 2 === 1));

describe('the reason of a slow response time', () => {
  it('names the metric by its own label', () => {
    const h = health(() => 100, (i) => (i > last - 5 ? 5000 : 100));
    expect(h.dwell.levels[last]).toBe('degraded');
    expect(h.reasonAt(last)?.en).toBe('Response time (p95) 5,000 ms, above the 2,000 ms limit');
    expect(h.reasonAt(last)?.nl).toBe('Antwoordtijd (p95) 5.000 ms, boven de grens van 2.000 ms');
  });

  it('uses the role\'s own word for a metric without a label', () => {
    const h = health((i) => (i > last - 5 ? 5000 : 100), () => 100);
    expect(h.reasonAt(last)).toEqual(findingsReason(h.signals.findings.get(last)!, () => undefined));
  });
});

describe('the reason while a level is held after the last finding', () => {
  // One slow hour-long row, judged at its end (minute 59), then a good one: the next 59 minutes wait for their row's end.
  const rowEnd = 59;
  const h = health(() => 100, (i) => (i <= rowEnd ? 5000 : 100), { detail: { fileMin: values(() => 100), span: hourRows(n + 1) } });

  it('gives the finding of the held level up to leave + 5 minutes after it', () => {
    const edge = rowEnd + rules.leave_after_minutes + 5;
    expect(h.dwell.levels[edge]).toBe('degraded');
    expect(h.signals.findings.has(rowEnd)).toBe(true);
    expect(h.reasonAt(edge)).toEqual(findingsReason(h.signals.findings.get(rowEnd)!, labelsOf));
  });

  it('says recovery is being confirmed once that finding is further back', () => {
    const later = rowEnd + rules.leave_after_minutes + 6;
    expect(h.dwell.levels[later]).toBe('degraded');
    expect(h.reasonAt(later)).toBe(RECOVERING_REASON);
  });
});

describe('the reason of a finding in the grid\'s first minute', () => {
  it('is still given a few minutes later while its level is held', () => {
    // 5-min rows numbered so that row 0 ends in the grid's first minute (rows 1, 2, … cover minutes 1–5, 6–10, …).
    const span = Uint16Array.from({ length: n + 1 }, (_, i) => rowCode(5, Math.ceil(i / 5) % 2 === 1));
    const h = health(() => 100, (i) => (i === 0 ? 5000 : 100), { detail: { fileMin: values(() => 100), span } });
    expect(h.metrics[1]?.rowEnds?.[0]).toBe(1);
    expect(h.dwell.levels[3]).toBe('degraded');
    expect(h.signals.findings.has(3)).toBe(false);
    expect(h.reasonAt(3)).toEqual(findingsReason(h.signals.findings.get(0)!, labelsOf));
  });
});

describe('the rows the aggregates pass on (row-span.ts codes, possibly one minute past the grid)', () => {
  it('ends the last row at the grid\'s last minute when nothing is known after it', () => {
    // The last minute (15:30) lies inside an hour row, which ends there when no code follows it.
    const h = health(() => 100, () => 100, { detail: { fileMin: values(() => 100), span: hourRows(n) } });
    expect((startMinute + last) % 60).not.toBe(0);
    expect(h.metrics[1]?.rowEnds?.[last]).toBe(1);
  });

  it('does not end a row that goes on in the minute after the grid', () => {
    const h = health(() => 100, () => 100, { detail: { fileMin: values(() => 100), span: hourRows(n + 1) } });
    expect(h.metrics[1]?.span?.[last]).toBe(60);
    expect(h.metrics[1]?.rowEnds?.[last]).toBe(0);
  });

  it('ends a coarse row cut by finer rows on its own stamp, counted from the grid\'s start', () => {
    // 5-min rows for the first 20 minutes, then minute rows: the coarse row under the cut ends on a multiple of 5 minutes.
    const span = Uint16Array.from({ length: n + 1 }, (_, i) => (i < 20 ? rowCode(5, Math.ceil((startMinute + i) / 5) % 2 === 1) : 1));
    const h = health(() => 100, () => 100, { detail: { fileMin: values(() => 100), span } });
    const ends = h.metrics[1]!.rowEnds!;
    const endStamps = [...ends.keys()].filter((i) => i < 20 && ends[i] === 1).map((i) => startMinute + i);
    expect(endStamps.every((m) => m % 5 === 0)).toBe(true);
    expect(endStamps).toHaveLength(4);
  });
});

describe('data only in the grid\'s first minute', () => {
  const h = health((i) => (i === 0 ? 100 : Number.NaN), (i) => (i === 0 ? 100 : Number.NaN));

  it('names that first minute as the newest data', () => {
    expect(h.dwell.levels[last]).toBe('unknown');
    expect(h.reasonAt(last)).toEqual(staleReason(`${rowTime(grid, 0)}`));
    expect(h.dataUntilAt(last)).toBe(rowTime(grid, 0));
  });
});

describe('what the engine hands on per metric', () => {
  it('counts files only where the aggregates gave them', () => {
    const h = health(() => 100, () => 100, { files: 2 });
    expect(h.metrics[1]).toMatchObject({ files: 2 });
    expect('files' in h.metrics[0]!).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { failedCycle, formatCycleLine, formatDuration, formatSkippedTicks, type CycleSummary } from '../../../src/lib/cycle/log-line';

const base: CycleSummary = {
  startedAt: '2025-11-30T01:23:00Z',
  now: '2025-11-04T15:30:17+01:00',
  replay: true,
  outcome: 'published',
  files: { read: 14, skipped: 5986, failed: 0 },
  phases: { reduceMs: 412.4, buildMs: 9120, publishMs: 8 },
  totalMs: 9600,
  levels: [
    { id: 'gfd', level: 'operational' },
    { id: 'pcdh', level: 'degraded' },
  ],
  overall: 'degraded',
  notes: [],
  error: null,
};

describe('formatCycleLine', () => {
  it('puts files, phase times and levels on one greppable line', () => {
    expect(formatCycleLine(base)).toBe(
      'cycle published | at=2025-11-30T01:23:00Z | now=2025-11-04T15:30:17+01:00 (replay) | files read=14 skipped=5986 failed=0 | reduce=412ms build=9120ms publish=8ms total=9600ms | levels gfd=operational pcdh=degraded overall=degraded',
    );
  });

  it('keeps a multi-line error on one line and shows phases that did not run as -', () => {
    const line = formatCycleLine({
      ...base,
      outcome: 'failed',
      phases: { reduceMs: 300, buildMs: null, publishMs: null },
      levels: [],
      overall: null,
      error: 'astro build failed:\n  at page /nl/\n',
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('build=- publish=-');
    expect(line).toContain('error: astro build failed: ⏎ at page /nl/');
    expect(line).not.toContain('levels');
  });

  it('appends notes such as the reason a build was skipped', () => {
    expect(formatCycleLine({ ...base, outcome: 'unchanged', notes: ['build skipped: unchanged'] })).toMatch(/ \| build skipped: unchanged$/);
  });
});

describe('formatDuration', () => {
  it.each([
    [null, '-'],
    [0, '0ms'],
    [9_999, '9999ms'],
    [10_000, '10.0s'],
    [61_234, '61.2s'],
  ])('formats %s as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatSkippedTicks', () => {
  it('says how long the cycle took and how many ticks it skips', () => {
    expect(formatSkippedTicks(1, 75_000, 60_000)).toBe('cycle overran: took 75.0s for a 60.0s interval, skipping 1 tick');
  });
});

describe('failedCycle', () => {
  it('is a cycle that read nothing and ran no phase, with its notes and error on the line', () => {
    const s = failedCycle(Date.parse('2025-11-30T01:23:00Z'), false, ['trigger: tick'], 'cycle stopped: boom');
    expect(formatCycleLine(s)).toBe('cycle failed | at=2025-11-30T01:23:00.000Z | now=- | files read=0 skipped=0 failed=0 | reduce=- build=- publish=- total=0ms | error: cycle stopped: boom | trigger: tick');
  });

  it('copies the notes, so a cycle adding its own does not change the caller\'s list', () => {
    const notes = ['trigger: start'];
    failedCycle(0, true, notes, null).notes.push('more');
    expect(notes).toEqual(['trigger: start']);
  });
});

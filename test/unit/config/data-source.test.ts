import { describe, expect, it } from 'vitest';
import { dsColumn, missingDsMessage } from '../../../src/lib/config/data-source';
import { columnIndex } from '../../../src/lib/health/assemble';
import type { Series } from '../../../src/lib/rrd/series';

const place = { file: 'data/status.yaml', position: { line: 12, col: 9 }, path: ['services', 0, 'metrics', 1, 'ds'] };

describe('which column a ds: names', () => {
  it('finds the data source by its exact name, or with the spaces an export legend may carry', () => {
    expect(dsColumn(['calls', 'errors'], 'errors')).toBe(1);
    expect(dsColumn([' calls ', 'errors'], 'calls')).toBe(0);
  });

  it('never falls back to the only column of a single-DS file whose name is another (errors.rrd configured as calls)', () => {
    expect(dsColumn(['errors'], 'calls')).toBe(-1);
    const single: Series = { source: 'errors.rrd', format: 'rrd', step: 60, columns: ['errors'], timestamps: new Float64Array(0), values: [new Float64Array(0)], meta: { quirks: [] } };
    expect(columnIndex(single, 'calls')).toBe(-1);
  });

  it('is case-sensitive, as rrdtool is', () => {
    expect(dsColumn(['Calls'], 'calls')).toBe(-1);
  });
});

describe('the message for a ds: not in the file', () => {
  it('names the wrong name, the names the file has, the likely one and the config line', () => {
    expect(missingDsMessage('cals', ['calls', 'errors'], 'rrd', place)).toBe(
      'no data source "cals" in this file (it has: calls, errors) — did you mean "calls"? Set ds: at data/status.yaml:12:9 (services[0].metrics[1].ds) to one of them.',
    );
  });

  it('gives no guess when no name is close', () => {
    expect(missingDsMessage('value', ['traffic_in', 'traffic_out'], 'dump', place)).toBe(
      'no data source "value" in this file (it has: traffic_in, traffic_out) — set ds: at data/status.yaml:12:9 (services[0].metrics[1].ds) to one of them.',
    );
  });

  it('speaks of legends for exports and says how to name the column', () => {
    expect(missingDsMessage('calls', ['GFD calls/s'], 'graph-csv', place)).toBe(
      'no column with the legend "calls" in this export (its legends: GFD calls/s) — set ds: at data/status.yaml:12:9 (services[0].metrics[1].ds) to the legend of the column to read, or export that column with the legend "calls" (XPORT:vname:calls).',
    );
  });

  it('lists at most twelve names of a file with hundreds of data sources', () => {
    const names = Array.from({ length: 300 }, (_, i) => `ds${i}`);
    const m = missingDsMessage('calls', names, 'rrd', place);
    expect(m).toContain('(it has: ds0, ds1, ds2, ds3, ds4, ds5, ds6, ds7, ds8, ds9, ds10, ds11 … (300 in all))');
    expect(m.length).toBeLessThan(300);
  });

  it('stays one line when a legend holds line breaks, and shortens a long legend', () => {
    const m = missingDsMessage('calls', ['GFD\ncalls\r\n/s', 'x'.repeat(200)], 'xport-xml', place);
    expect(m).not.toMatch(/[\r\n]/);
    expect(m).toContain(`(its legends: GFD calls /s, ${'x'.repeat(39)}…)`);
  });

  it('points at the key path when the config was not read from a file', () => {
    expect(missingDsMessage('cals', ['calls'], 'fetch', { file: 'the config', path: ['services', 2, 'metrics', 0, 'ds'] })).toBe(
      'no data source "cals" in this file (it has: calls) — did you mean "calls"? Set ds: of services[2].metrics[0].ds in the config to one of them.',
    );
  });
});

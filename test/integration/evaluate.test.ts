import { describe, expect, it } from 'vitest';
import { evaluate } from '../../scripts/evaluate';

const TRUTH = 'test/fixtures/rrd-samples/ground-truth.json';

describe('evaluate on the sample corpus', () => {
  const result = evaluate({ config: 'data/status.yaml', data: 'test/fixtures/rrd-samples', truth: TRUTH });
  const byId = new Map(result.incidents.map((s) => [s.id, s]));

  it('finds every labelled service incident (full recall)', () => {
    expect(result.recall).toBe(1);
    for (const id of ['INC-A', 'INC-B', 'INC-C', 'INC-D', 'INC-G', 'INC-I']) expect(byId.get(id)?.found, id).toBe(true);
  });

  it('reports no false incidents', () => {
    expect(result.false_incidents).toEqual([]);
    expect(result.precision).toBe(1);
  });

  it('does not report the data gap, the 2-minute dip or the counter reset as outages', () => {
    for (const id of ['INC-E', 'INC-F', 'INC-H']) expect(byId.get(id)?.found, id).toBe(false);
  });

  it('detects incidents visible in 1-minute data within 3 minutes', () => {
    for (const id of ['INC-A', 'INC-B', 'INC-C', 'INC-D', 'INC-G']) {
      const delay = byId.get(id)?.delay_s;
      expect(delay, id).not.toBeNull();
      expect(delay!, id).toBeLessThanOrEqual(180);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { compareLevels, isDisrupted, LEVELS, levelColor, worstLevel, type Level } from '../../../src/lib/levels';

describe('levels', () => {
  it('ranks the levels operational < maintenance < degraded < unknown < partial < major', () => {
    const order: Level[] = ['operational', 'under_maintenance', 'degraded', 'unknown', 'partial_outage', 'major_outage'];
    for (let a = 0; a < order.length; a++) {
      for (let b = 0; b < order.length; b++) expect(Math.sign(compareLevels(order[a]!, order[b]!))).toBe(Math.sign(a - b));
    }
    expect([...LEVELS]).toEqual(order);
  });

  it('rolls unknown up above degraded, so stale data never hides behind orange', () => {
    expect(worstLevel(['degraded', 'unknown'])).toBe('unknown');
    expect(worstLevel(['unknown', 'degraded'])).toBe('unknown');
    expect(worstLevel(['unknown', 'partial_outage'])).toBe('partial_outage');
    expect(worstLevel(['operational', 'under_maintenance'])).toBe('under_maintenance');
    expect(worstLevel(['major_outage', 'partial_outage', 'operational'])).toBe('major_outage');
  });

  it('gives unknown, not green, for an empty rollup', () => {
    expect(worstLevel([])).toBe('unknown');
  });

  it('keeps the first of equally bad levels (a stable rollup)', () => {
    expect(worstLevel(['operational', 'operational'])).toBe('operational');
  });

  it('calls only orange and red levels disrupted', () => {
    expect(LEVELS.filter(isDisrupted)).toEqual(['degraded', 'partial_outage', 'major_outage']);
  });

  it('maps every level to its colour family', () => {
    expect(LEVELS.map(levelColor)).toEqual(['green', 'blue', 'orange', 'grey', 'red', 'red']);
  });
});

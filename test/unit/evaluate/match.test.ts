import { describe, expect, it } from 'vitest';
import type { Level } from '../../../src/lib/levels';
import { detectionDelay, MATCH_SLACK_SECONDS, scoreEpisodes, type LevelTimeline } from '../../../src/lib/evaluate/match';
import type { TruthIncident } from '../../../src/lib/evaluate/truth';

const T0 = 1_762_000_000;
const NOW = T0 + 6 * 3600;
const truth = (id: string, start: number, end: number | null, real = true, service = 'GFD'): TruthIncident => ({ id, service, start_epoch: T0 + start, end_epoch: end === null ? null : T0 + end, is_service_incident: real });
const episode = (start: number, end: number | null, service = 'GFD') => ({ service_id: service, start: T0 + start, end: end === null ? null : T0 + end });

/** A timeline starting at T0 with the given level from minute `from` to minute `to` (exclusive), green elsewhere. */
function timeline(from: number, to: number, level: Level = 'major_outage', minutes = 360): LevelTimeline {
  return { start: T0, levels: Array.from({ length: minutes }, (_, i): Level => (i >= from && i < to ? level : 'operational')) };
}

describe('matching detected episodes to labelled incidents', () => {
  it('finds an incident, with start and end errors and the detection delay', () => {
    const r = scoreEpisodes([truth('INC-A', 600, 1800)], [episode(600, 1920)], new Map([['GFD', timeline(12, 32)]]), NOW);
    expect(r.incidents).toEqual([{ id: 'INC-A', found: true, start_error_s: 0, end_error_s: 120, delay_s: 120, onset_delay_s: 120 }]);
    expect(r.false_incidents).toEqual([]);
    expect(r).toMatchObject({ precision: 1, recall: 1 });
  });

  it('misses an incident no episode overlaps, and counts an unrelated episode as false', () => {
    const r = scoreEpisodes([truth('INC-A', 600, 1800)], [episode(10_000, 10_600)], new Map(), NOW);
    expect(r.incidents[0]).toEqual({ id: 'INC-A', found: false, start_error_s: null, end_error_s: null, delay_s: null, onset_delay_s: null });
    expect(r.false_incidents).toEqual([{ service: 'GFD', start: T0 + 10_000, end: T0 + 10_600 }]);
    expect(r).toMatchObject({ precision: 0, recall: 0 });
  });

  it('gives the delay of a gradual incident from its labelled onset as well as from its start', () => {
    const t = { ...truth('INC-A', 600, 1800), onset_epoch: T0 + 600 + 300 };
    const r = scoreEpisodes([t], [episode(600, 1920)], new Map([['GFD', timeline(17, 32)]]), NOW);
    expect(r.incidents[0]).toMatchObject({ delay_s: 420, onset_delay_s: 120 });
  });

  it.each([
    [MATCH_SLACK_SECONDS, true],
    [MATCH_SLACK_SECONDS + 60, false],
  ])('matches an episode starting %d s after the labelled end only within the slack (%s)', (after, found) => {
    const r = scoreEpisodes([truth('INC-A', 600, 1800)], [episode(1800 + after, 1800 + after + 300)], new Map(), NOW);
    expect(r.incidents[0]!.found).toBe(found);
  });

  it('does not match an episode of another service', () => {
    const r = scoreEpisodes([truth('INC-A', 600, 1800)], [episode(600, 1800, 'PCDH')], new Map(), NOW);
    expect(r.incidents[0]!.found).toBe(false);
    expect(r.false_incidents).toHaveLength(1);
  });

  it('reports an episode over a labelled non-incident (a gap, a dip) as a false incident, not as found', () => {
    const r = scoreEpisodes([truth('INC-E', 600, 900, false)], [episode(600, 900)], new Map(), NOW);
    expect(r.incidents[0]!.found).toBe(true);
    expect(r.false_incidents).toHaveLength(1);
    expect(r).toMatchObject({ precision: 0, recall: 1 });
  });

  it('gives an end error of 0 when both the incident and the episode are still ongoing, and none when only one is', () => {
    expect(scoreEpisodes([truth('INC-G', 600, null)], [episode(660, null)], new Map(), NOW).incidents[0]!.end_error_s).toBe(0);
    expect(scoreEpisodes([truth('INC-G', 600, null)], [episode(660, 1200)], new Map(), NOW).incidents[0]!.end_error_s).toBeNull();
  });

  it('takes the first start and the last end when an incident was split into several episodes', () => {
    const r = scoreEpisodes([truth('INC-A', 600, 3000)], [episode(660, 1200), episode(1500, 3060)], new Map(), NOW);
    expect(r.incidents[0]).toMatchObject({ start_error_s: 60, end_error_s: 60 });
    expect(r.precision).toBe(1);
  });

  it('scores precision and recall of 1 when there is nothing to find and nothing was found', () => {
    expect(scoreEpisodes([], [], new Map(), NOW)).toEqual({ incidents: [], false_incidents: [], precision: 1, recall: 1 });
  });
});

describe('detection delay', () => {
  it('is the time from the labelled start to the first orange or red minute', () => {
    expect(detectionDelay(truth('X', 600, 1800), timeline(12, 20, 'degraded'), NOW)).toBe(120);
  });

  it('is zero when the level was already red at the labelled start', () => {
    expect(detectionDelay(truth('X', 600, 1800), timeline(5, 20), NOW)).toBe(0);
  });

  it('ignores unknown (grey) minutes and is null when nothing shows within the slack after the end', () => {
    expect(detectionDelay(truth('X', 600, 1800), timeline(10, 40, 'unknown'), NOW)).toBeNull();
    expect(detectionDelay(truth('X', 600, 1800), timeline(50, 60), NOW)).toBeNull();
    expect(detectionDelay(truth('X', 600, 1800), undefined, NOW)).toBeNull();
  });
});

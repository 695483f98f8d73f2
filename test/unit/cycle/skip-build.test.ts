import { describe, expect, it } from 'vitest';
import { contentOf, decideSkipBuild } from '../../../src/lib/cycle/skip-build';
import { snapshotWith } from './snapshot-factory';

const wall = Date.UTC(2025, 10, 4, 14, 30, 0);
const margin = 120_000;

describe('decideSkipBuild', () => {
  it('builds when nothing was published yet', () => {
    expect(decideSkipBuild('d1', null, wall, margin)).toEqual({ skip: false, reason: 'nothing published yet' });
  });

  it('builds when the content changed', () => {
    expect(decideSkipBuild('d2', { contentDigest: 'd1', validUntilMs: wall + 600_000 }, wall, margin).skip).toBe(false);
  });

  it('skips when the content is unchanged and the published build stays valid beyond the margin', () => {
    expect(decideSkipBuild('d1', { contentDigest: 'd1', validUntilMs: wall + margin + 1 }, wall, margin)).toEqual({ skip: true, reason: 'unchanged' });
  });

  it('rebuilds an unchanged site whose published build expires within the margin, so it never turns grey while rebuilds run', () => {
    expect(decideSkipBuild('d1', { contentDigest: 'd1', validUntilMs: wall + margin }, wall, margin)).toEqual({
      skip: false,
      reason: 'unchanged, but the published build expires in 120 s',
    });
  });

  it('skips an unchanged site near its expiry when the new build would not be valid any longer (valid_until follows the next change, not the build time)', () => {
    const published = { contentDigest: 'd1', validUntilMs: wall + margin };
    expect(decideSkipBuild('d1', published, wall, margin, wall + margin)).toEqual({ skip: true, reason: 'unchanged' });
    expect(decideSkipBuild('d1', published, wall, margin, wall + margin + 1_000).skip).toBe(false);
  });

  it('rebuilds when the published build already expired', () => {
    expect(decideSkipBuild('d1', { contentDigest: 'd1', validUntilMs: wall - 5_000 }, wall, margin).reason).toBe(
      'unchanged, but the published build expires in 0 s',
    );
  });
});

describe('contentOf', () => {
  it('leaves out the instant and the expiry, which move every cycle', () => {
    const a = contentOf(snapshotWith({ gfd: 'operational' }));
    const b = contentOf(snapshotWith({ gfd: 'operational' }, { generated_at: '2025-11-04T15:31:00+01:00', valid_until: '2025-11-04T15:36:00+01:00' }));
    expect(a).toEqual(b);
    expect(a).not.toHaveProperty('valid_until');
  });

  it('keeps the levels, so a level change is a content change', () => {
    expect(contentOf(snapshotWith({ gfd: 'operational' }))).not.toEqual(contentOf(snapshotWith({ gfd: 'unknown' })));
  });
});

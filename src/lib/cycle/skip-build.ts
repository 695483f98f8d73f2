/**
 * Whether a cycle may skip the Astro build. Pure.
 *
 * The build is skipped only when the public content is unchanged (same content digest as the published
 * build) AND the published build stays valid long enough, or the new build would not be valid any
 * longer (`valid_until` follows the next instant the status can change by itself, not the build
 * time, so an unchanged corpus keeps its valid_until and is not rendered again).
 */
import type { Snapshot } from '../snapshot/schema';

/** The snapshot without the fields that move every cycle (the instant it was made and its expiry). */
export function contentOf(snapshot: Snapshot): Omit<Snapshot, 'generated_at' | 'valid_until'> {
  const { generated_at: _g, valid_until: _v, ...content } = snapshot;
  return content;
}

/** What is known about the published build. */
export interface PublishedInfo {
  contentDigest: string;
  validUntilMs: number;
}

/** The decision and its reason (for the cycle log). */
export interface SkipDecision {
  skip: boolean;
  reason: string;
}

/**
 * Decides whether to skip the build. `marginMs` is how long the published build must stay valid after
 * now (at least the next interval plus a build's duration, so the rebuild that renews it ends in time).
 */
export function decideSkipBuild(contentDigest: string, published: PublishedInfo | null, wallMs: number, marginMs: number, validUntilMs = Number.POSITIVE_INFINITY): SkipDecision {
  if (published === null) return { skip: false, reason: 'nothing published yet' };
  if (published.contentDigest !== contentDigest) return { skip: false, reason: 'content changed' };
  // valid_until follows the next instant the status can change (next-change.ts): a build that would not
  // be valid any longer than the published one renews nothing.
  if (validUntilMs <= published.validUntilMs) return { skip: true, reason: 'unchanged' };
  const left = published.validUntilMs - wallMs;
  if (left <= marginMs) return { skip: false, reason: `unchanged, but the published build expires in ${Math.max(0, Math.round(left / 1000))} s` };
  return { skip: true, reason: 'unchanged' };
}

/**
 * Level intervals → disjoint, sorted segments (overlaps resolved by the worst level), and the
 * seconds per level inside a window. The building block of daily uptime.
 */
import { LEVELS, worstLevel, type Level } from '../levels';

/** A level held over [start, end) (epoch seconds). */
export interface LevelInterval {
  start: number;
  end: number;
  level: Level;
}

/** Disjoint segments, ascending; where intervals overlap, the worst level wins. Empty and reversed intervals are ignored. */
export function normaliseIntervals(intervals: readonly LevelInterval[]): LevelInterval[] {
  const events: { t: number; level: Level; delta: 1 | -1 }[] = [];
  for (const iv of intervals) {
    if (!(iv.end > iv.start) || !Number.isFinite(iv.start) || !Number.isFinite(iv.end)) continue;
    events.push({ t: iv.start, level: iv.level, delta: 1 }, { t: iv.end, level: iv.level, delta: -1 });
  }
  events.sort((a, b) => a.t - b.t);
  const active = new Map<Level, number>(LEVELS.map((l) => [l, 0]));
  const out: LevelInterval[] = [];
  let i = 0;
  let prevT: number | undefined;
  while (i < events.length) {
    const t = (events[i] as { t: number }).t;
    if (prevT !== undefined && t > prevT) {
      const on = LEVELS.filter((l) => (active.get(l) ?? 0) > 0);
      if (on.length > 0) {
        const level = worstLevel(on);
        const last = out[out.length - 1];
        if (last && last.end === prevT && last.level === level) last.end = t;
        else out.push({ start: prevT, end: t, level });
      }
    }
    while (i < events.length && (events[i] as { t: number }).t === t) {
      const e = events[i] as { level: Level; delta: number };
      active.set(e.level, (active.get(e.level) ?? 0) + e.delta);
      i++;
    }
    prevT = t;
  }
  return out;
}

/** Seconds per level of the segments inside [from, to); time not covered by any segment is `unknown`. */
export function secondsByLevel(segments: readonly LevelInterval[], from: number, to: number): Record<Level, number> {
  const acc = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  if (!(to > from)) return acc;
  // First segment that ends after `from` (binary search: segments are sorted and disjoint).
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((segments[mid] as LevelInterval).end <= from) lo = mid + 1;
    else hi = mid;
  }
  let covered = 0;
  for (let i = lo; i < segments.length; i++) {
    const s = segments[i] as LevelInterval;
    if (s.start >= to) break;
    const secs = Math.min(s.end, to) - Math.max(s.start, from);
    if (secs > 0) {
      acc[s.level] += secs;
      covered += secs;
    }
  }
  acc.unknown += to - from - covered;
  return acc;
}

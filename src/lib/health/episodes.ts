/**
 * Episodes: the runs of a disrupted shown level (orange or red), with their real start (the first
 * bad minute, backdated over the dwell) and end (the last bad minute), merged when closer than the
 * merge gap. Unknown and maintenance never open an episode: a gap is not an outage.
 */
import { compareLevels, isDisrupted, type Level } from '../levels';
import type { Localized } from '../snapshot/schema';
import type { DwellResult } from './dwell';
import { MINUTE, rowTime, type Grid } from './grid';
import { findingsReason } from './reasons';
import type { Finding } from './signals';

/** A detected non-green episode of one service (the ledger's input). Times in epoch seconds. */
export interface DetectedEpisode {
  service_id: string;
  start: number;
  /** null while ongoing at the end of the evaluated span. */
  end: number | null;
  peak_level: Level;
  reasons: Localized[];
}

/** Builds the episodes of a service from its dwell result and findings. */
export function buildEpisodes(
  serviceId: string,
  grid: Grid,
  dwell: DwellResult,
  findings: Map<number, Finding[]>,
  labelsOf: (metric: string) => Localized | undefined,
  mergeGapMinutes: number,
): DetectedEpisode[] {
  const raw: { from: number; to: number | null; peak: Level }[] = [];
  let open: { from: number; peak: Level } | undefined;
  dwell.levels.forEach((level, i) => {
    if (isDisrupted(level)) {
      if (open === undefined) open = { from: dwell.runStart.get(i) ?? i, peak: level };
      else if (compareLevels(level, open.peak) > 0) open.peak = level;
    } else if (open !== undefined) {
      const last = dwell.runEnd.get(i) ?? i - 1;
      raw.push({ from: open.from, to: Math.max(open.from, last), peak: open.peak });
      open = undefined;
    }
  });
  if (open !== undefined) raw.push({ from: open.from, to: null, peak: open.peak });

  const merged: typeof raw = [];
  for (const e of raw) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && prev.to !== null && e.from - prev.to <= mergeGapMinutes) {
      prev.to = e.to;
      if (compareLevels(e.peak, prev.peak) > 0) prev.peak = e.peak;
    } else merged.push({ ...e });
  }

  return merged.map((e) => ({
    service_id: serviceId,
    start: rowTime(grid, e.from) - MINUTE,
    end: e.to === null ? null : rowTime(grid, e.to),
    peak_level: e.peak,
    reasons: episodeReasons(findings, e.from, e.to ?? grid.length - 1, labelsOf),
  }));
}

/** One reason per signal and metric, in order of appearance, with the numbers of its worst minute. */
function episodeReasons(findings: Map<number, Finding[]>, from: number, to: number, labelsOf: (metric: string) => Localized | undefined): Localized[] {
  const worst = new Map<string, Finding>();
  const sev = (f: Finding): number => ['degraded', 'partial_outage', 'major_outage'].indexOf(f.level);
  const extremity = (f: Finding): number =>
    f.kind === 'traffic_low' || f.kind === 'input_silent' ? -f.value / Math.max(1, f.expected) : f.kind === 'errors_high' ? f.ratio : f.value;
  for (let i = from; i <= to; i++) {
    for (const f of findings.get(i) ?? []) {
      const key = `${f.kind}:${f.metric}`;
      const prev = worst.get(key);
      if (prev === undefined || sev(f) > sev(prev) || (sev(f) === sev(prev) && extremity(f) > extremity(prev))) worst.set(key, f);
    }
  }
  return [...worst.values()].map((f) => findingsReason([f], labelsOf));
}

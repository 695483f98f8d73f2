/**
 * The synthesis chart, computed for the server-rendered SVG: the health score (0–100) over a range,
 * the level bands of docs/health.md behind it, incidents marked, and a small table. Pure: numbers
 * in, geometry and rows out; the component draws and formats them. No script is needed to see it.
 */
import type { Level } from '../levels';
import type { Chart, Incident } from '../snapshot/schema';
import { parseIso } from '../time/zone';

/** The score bands of docs/health.md, top to bottom: each level owns [low, high]. */
export const SCORE_BANDS: ReadonlyArray<{ level: Level; low: number; high: number }> = [
  { level: 'operational', low: 90, high: 100 },
  { level: 'degraded', low: 50, high: 89 },
  { level: 'partial_outage', low: 20, high: 49 },
  { level: 'major_outage', low: 0, high: 19 },
];

/** Where each band is drawn: a quarter of the height each, top to bottom. */
export function bandBoxes(): Array<{ level: Level; y: number; height: number }> {
  return SCORE_BANDS.map((b, i) => ({ level: b.level, y: i * 25, height: 25 }));
}

/** A score series: ascending epoch seconds, one score or null (unknown, maintenance) per time. */
export interface ScoreSeries {
  t: number[];
  v: Array<number | null>;
}

/** The score series of a chart (empty when the snapshot has no scores). */
export function scoreSeries(chart: Chart): ScoreSeries {
  return chart.score ? { t: chart.timestamps, v: chart.score } : { t: chart.timestamps, v: chart.timestamps.map(() => null) };
}

/**
 * The whole platform: at each time the worst known score of the services (the score of the overall
 * level, as the snapshot's overall score is the lowest service score); null when none is known.
 */
export function platformSeries(charts: readonly Chart[]): ScoreSeries {
  const first = charts[0];
  if (first === undefined) return { t: [], v: [] };
  const t = first.timestamps;
  const at = charts.map((c) => new Map(c.timestamps.map((ts, i) => [ts, c.score?.[i] ?? null])));
  const v = t.map((ts) => {
    let worst: number | null = null;
    for (const m of at) {
      const s = m.get(ts) ?? null;
      if (s !== null && (worst === null || s < worst)) worst = s;
    }
    return worst;
  });
  return { t, v };
}

/** At most `points` points: consecutive buckets merged, keeping the worst (lowest) score and the last time. */
export function downsample(series: ScoreSeries, points: number): ScoreSeries {
  const n = series.t.length;
  const per = Math.max(1, Math.ceil(n / points));
  if (per === 1) return series;
  const t: number[] = [];
  const v: Array<number | null> = [];
  for (let start = 0; start < n; start += per) {
    const end = Math.min(n, start + per);
    let worst: number | null = null;
    for (let i = start; i < end; i++) {
      const s = series.v[i] ?? null;
      if (s !== null && (worst === null || s < worst)) worst = s;
    }
    t.push(series.t[end - 1]!);
    v.push(worst);
  }
  return { t, v };
}

/** Width of the plot in SVG units (the height is 100). */
export const PLOT_WIDTH = 1000;

/**
 * Vertical position (0 = top, 100 = bottom) of a score: each level band gets a quarter of the
 * height, linear inside it, so which band the line is in reads at a glance and the small moves
 * inside "operational" (90–100) stay visible.
 */
export function scoreY(score: number): number {
  const s = Math.min(100, Math.max(0, score));
  const y = s >= 90 ? ((100 - s) / 10) * 25 : s >= 50 ? 25 + ((90 - s) / 40) * 25 : s >= 20 ? 50 + ((50 - s) / 30) * 25 : 75 + ((20 - s) / 20) * 25;
  return Math.round(y * 10) / 10;
}

/** An incident as the chart marks it. */
export interface ScoreIncident {
  id: string;
  level: Level;
  /** Epoch seconds; end null while ongoing. */
  start: number;
  end: number | null;
}

/** The incidents as the chart marks them (every listed incident: detected and written). */
export function scoreIncidents(incidents: readonly Incident[]): ScoreIncident[] {
  return incidents.map((i) => ({ id: i.id, level: i.peak_level, start: parseIso(i.started_at), end: i.resolved_at === null ? null : parseIso(i.resolved_at) }));
}

export interface ScoreGeometry {
  /** SVG path of the line ("M x y L x y …"), a new subpath after each gap. */
  path: string;
  /** Incident spans clipped to the range, in SVG x units. */
  marks: Array<{ id: string; level: Level; x: number; width: number }>;
  /** Start and end of the range, epoch seconds. */
  from: number;
  to: number;
}

/** Where the line and the incident marks go, in a 1000 × 100 box (y from scoreY). */
export function scoreGeometry(series: ScoreSeries, incidents: readonly ScoreIncident[], step: number): ScoreGeometry {
  const from = (series.t[0] ?? 0) - step;
  const to = series.t.at(-1) ?? from + step;
  const span = Math.max(1, to - from);
  const x = (ts: number) => Math.round(((ts - from) / span) * PLOT_WIDTH * 10) / 10;
  const parts: string[] = [];
  let drawing = false;
  series.t.forEach((ts, i) => {
    const s = series.v[i] ?? null;
    if (s === null) {
      drawing = false;
      return;
    }
    const y = scoreY(s);
    parts.push(`${drawing ? 'L' : 'M'}${x(ts)} ${y}`);
    drawing = true;
  });
  const marks = incidents
    .filter((inc) => inc.start < to && (inc.end === null || inc.end > from))
    .map((inc) => {
      const a = x(Math.max(from, inc.start));
      const b = x(Math.min(to, inc.end ?? to));
      return { id: inc.id, level: inc.level, x: a, width: Math.max(2, Math.round((b - a) * 10) / 10) };
    });
  return { path: parts.join(''), marks, from, to };
}

/** One table row: a period and the worst and latest known score in it. */
export interface ScoreRow {
  /** Period (from, to], epoch seconds. */
  from: number;
  to: number;
  lowest: number | null;
}

/** The series as at most `rows` periods of equal length, oldest first (the data table). */
export function scoreRows(series: ScoreSeries, step: number, rows = 24): ScoreRow[] {
  const merged = downsample(series, rows);
  const per = Math.max(1, Math.ceil(series.t.length / rows));
  return merged.t.map((to, k) => {
    const firstIndex = k * per;
    const from = (series.t[firstIndex] ?? to) - step;
    return { from, to, lowest: merged.v[k] ?? null };
  });
}

/** Latest known and lowest score of a series (null when none is known). */
export function scoreSummary(series: ScoreSeries): { latest: number | null; lowest: number | null } {
  let latest: number | null = null;
  let lowest: number | null = null;
  for (const s of series.v) {
    if (s === null) continue;
    latest = s;
    if (lowest === null || s < lowest) lowest = s;
  }
  return { latest, lowest };
}

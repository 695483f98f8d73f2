/**
 * Expected values from the service's own history: the same local time of day on past days of the
 * same class (same weekday; Sunday and public holidays together) over the last weeks.
 * Robust: a median over days and a few neighbouring minutes, so one past incident does not move it.
 * Causal: the expectation for a day uses only earlier days.
 */
import type { WallClock } from './grid';

/** Expected value and a normal band (10th..90th percentile) per grid row; NaN where no history. */
export interface Baseline {
  expected: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export interface BaselineOptions {
  /** Weeks of history to look back. */
  weeks: number;
  /** Minutes on each side of the same local minute that also count (smooths minute noise). */
  halfWindow: number;
  /**
   * Quantile taken as expected. Traffic uses a slightly high one: past incidents only ever lower
   * traffic, so the upper median keeps them from dragging the expectation down.
   */
  quantile: number;
  /**
   * Minutes of the RRA row behind each value (aggregate.ts). A past value that is a coarse row's
   * mean (5 min, 1 h) is reshaped towards the side that cannot raise a false alarm (`widened`).
   */
  span?: Uint16Array;
  widen?: 'down' | 'up';
  /** Whether the normal band (lower, upper) is computed (default true); without it both are NaN (only the chart of traffic draws it). */
  band?: boolean;
}

/** True when wall day `k` of the clock is a real Sunday (not a holiday classed as one). */
export function isSunday(clock: WallClock, k: number): boolean {
  return (((clock.firstDay + k + 4) % 7) + 7) % 7 === 0;
}

/**
 * Past days (as day offsets, nearest first) whose history predicts each wall day of the clock.
 * Sundays and holidays share a class, but a holiday whose traffic was not Sunday-like (pharmacies
 * open as on a weekday: its day total more than twice, or less than half, the median of the real
 * Sundays it is compared with) is dropped from the sample, so it cannot inflate the next Sunday.
 */
export function candidateDays(clock: WallClock, known: (day: number) => boolean, weeks: number, dayTotal?: (day: number) => number): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < clock.classes.length; k++) {
    const cls = clock.classes[k]!;
    let same: number[] = [];
    for (let d = 1; d <= weeks * 7 && k - d >= 0 && same.length < weeks; d++) {
      if (clock.classes[k - d] === cls && known(k - d)) same.push(d);
    }
    if (cls === 0 && dayTotal !== undefined) same = withoutUnusualHolidays(clock, k, same, dayTotal);
    // Too little history of the same weekday (a new service, a long gap): Monday..Friday stand in
    // for each other, nearest first, up to two weeks back.
    if (same.length < 2 && cls >= 1 && cls <= 5) {
      for (let d = 1; d <= 14 && k - d >= 0 && same.length < 3; d++) {
        const c = clock.classes[k - d]!;
        if (c >= 1 && c <= 5 && !same.includes(d) && known(k - d)) same.push(d);
      }
    }
    out.push(same);
  }
  return out;
}

/** Drops the holidays among Sunday-class candidate days whose day total is far from the real Sundays' median. */
function withoutUnusualHolidays(clock: WallClock, k: number, days: number[], dayTotal: (day: number) => number): number[] {
  const sundays = days.filter((d) => isSunday(clock, k - d)).map((d) => dayTotal(k - d)).sort((a, b) => a - b);
  if (sundays.length === 0) return days;
  const median = sundays[Math.floor((sundays.length - 1) / 2)]!;
  return days.filter((d) => {
    if (isSunday(clock, k - d)) return true;
    const t = dayTotal(k - d);
    return t <= 2 * median && t >= 0.5 * median;
  });
}

function quantileSorted(xs: Float64Array, n: number, q: number): number {
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (pos - lo);
}

/** Computes the baseline of a per-minute series on the clock's grid. */
export function computeBaseline(values: Float64Array, clock: WallClock, options: BaselineOptions): Baseline {
  const n = clock.grid.length;
  const band = options.band !== false;
  const expected = new Float64Array(n).fill(Number.NaN);
  const lower = new Float64Array(n).fill(Number.NaN);
  // Without a band, lower and upper are one all-NaN array (one allocation less per metric and cycle).
  const upper = band ? new Float64Array(n).fill(Number.NaN) : lower;
  // A day counts as history only when it has data at all.
  const knownPerDay = new Int32Array(clock.classes.length);
  const totalPerDay = new Float64Array(clock.classes.length);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === v && v !== Infinity && v !== -Infinity) {
      knownPerDay[clock.day[i]! - clock.firstDay]! += 1;
      totalPerDay[clock.day[i]! - clock.firstDay]! += v;
    }
  }
  // Mean per known minute, so a day with a gap is not taken for a quiet one.
  const candidates = candidateDays(clock, (k) => knownPerDay[k]! >= 60, options.weeks, (k) => totalPerDay[k]! / Math.max(1, knownPerDay[k]!));
  const source = options.span === undefined ? values : widened(values, options.span, options.widen ?? 'down');
  const hw = options.halfWindow;
  const buf = new Float64Array(options.weeks * 3 * (2 * hw + 1) + 4);
  const { wallIndex, wallStart, day, minuteOfDay, firstDay } = clock;
  const wallLength = wallIndex.length;
  // The known values laid out by wall minute (NaN where no row or no value): one lookup per candidate value.
  const byWall = new Float64Array(wallLength).fill(Number.NaN);
  for (let w = 0; w < wallLength; w++) {
    const idx = wallIndex[w]!;
    if (idx >= 0) byWall[w] = source[idx]!;
  }
  const q = options.quantile;
  for (let i = 0; i < n; i++) {
    const days = candidates[day[i]! - firstDay]!;
    if (days.length === 0) continue;
    const mod = minuteOfDay[i]!;
    let m = 0;
    for (const d of days) {
      const base = (day[i]! - d) * 1440 + mod - wallStart;
      const from = Math.max(0, base - hw);
      const to = Math.min(wallLength - 1, base + hw);
      for (let w = from; w <= to; w++) {
        const v = byWall[w]!;
        if (v !== v || v === Infinity || v === -Infinity) continue;
        // Insertion sort as the values come (a few dozen at most): much cheaper than a sort call per minute.
        let p = m++;
        while (p > 0 && buf[p - 1]! > v) {
          buf[p] = buf[p - 1]!;
          p--;
        }
        buf[p] = v;
      }
    }
    if (m === 0) continue;
    expected[i] = quantileSorted(buf, m, q);
    if (!band) continue;
    lower[i] = quantileSorted(buf, m, 0.1);
    upper[i] = quantileSorted(buf, m, 0.9);
  }
  return { expected, lower, upper };
}

/**
 * The values with each coarse row's mean (span S > 1) reshaped towards the side that cannot raise a
 * false alarm: each minute takes the lower (`down`) or higher (`up`) of its row's mean and what its
 * neighbours allow. A row of up to an hour is no longer than an opening ramp: the truth inside it is
 * read as the straight line between the means of the neighbouring rows at their centres. A longer row
 * (Cacti's 2-h rows, collectd's 7-h rows) can hide a whole ramp anywhere inside it (an opening at
 * 07:30 in a 06:00–08:00 row), so its minutes take the lowest (highest) of its own and its two
 * neighbours' means: the finer truth can never contradict that expectation.
 * Rows are found as runs of minutes with one span and one mean, so rows of any span are read right
 * (collectd's 37-min rows, rows not aligned to the minute or to a multiple of their span).
 */
export function widened(values: Float64Array, span: Uint16Array, side: 'down' | 'up'): Float64Array {
  const n = values.length;
  let coarse = false;
  for (let i = 0; i < n && !coarse; i++) coarse = span[i]! > 1;
  if (!coarse) return values;
  const out = new Float64Array(values);
  const down = side === 'down';
  for (let a = 0; a < n; ) {
    const s = span[a]!;
    const v = values[a]!;
    let b = a;
    while (b + 1 < n && span[b + 1] === s && values[b + 1] === v) b++;
    if (s > 1 && v === v) {
      if (s <= LINE_SPAN) alongLine(values, out, a, b, v, down);
      else towardsNeighbours(values, out, a, b, v, down);
    }
    a = b + 1;
  }
  return out;
}

/** Rows up to an hour: no longer than an opening ramp, the line between row centres reads them right. */
const LINE_SPAN = 60;

const known = (x: number): boolean => x === x && x !== Infinity && x !== -Infinity;

/** A short row a..b on the line between its mean at its centre and its neighbours' at theirs (one row length away). */
function alongLine(values: Float64Array, out: Float64Array, a: number, b: number, v: number, down: boolean): void {
  const length = b - a + 1;
  const centre = (a + b) / 2;
  for (let i = a; i <= b; i++) {
    const j = Math.round(i < centre ? centre - length : centre + length);
    const other = j >= 0 && j < values.length ? values[j]! : Number.NaN;
    if (!known(other)) continue;
    const line = v + ((other - v) * Math.abs(i - centre)) / length;
    out[i] = down ? Math.min(v, line) : Math.max(v, line);
  }
}

/** A long row a..b: the lowest (highest) of its mean and the means of the rows on either side of it. */
function towardsNeighbours(values: Float64Array, out: Float64Array, a: number, b: number, v: number, down: boolean): void {
  let w = v;
  for (const j of [a - 1, b + 1]) {
    const other = j >= 0 && j < values.length ? values[j]! : Number.NaN;
    if (known(other) && (down ? other < w : other > w)) w = other;
  }
  out.fill(w, a, b + 1);
}

/** Sliding minimum over ±half rows, ignoring NaN (NaN when the whole window is NaN). */
export function slidingMin(values: Float64Array, half: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  // Monotone deque: O(n) whatever the window.
  const dq = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const hi = Math.min(n - 1, i + half);
    for (; next <= hi; next++) {
      const v = values[next]!;
      if (!Number.isFinite(v)) continue;
      while (tail > head && values[dq[tail - 1]!]! >= v) tail--;
      dq[tail++] = next;
    }
    while (tail > head && dq[head]! < i - half) head++;
    if (tail > head) out[i] = values[dq[head]!]!;
  }
  return out;
}

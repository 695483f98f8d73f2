/**
 * Growable column storage shared by the text readers: one Float64Array of times and one per column,
 * preallocated from the row count the header announces and doubled when it was wrong.
 */
export class ColumnBuffer {
  timestamps: Float64Array;
  values: Float64Array[];
  length = 0;

  constructor(
    readonly columns: number,
    capacity: number,
  ) {
    const size = Math.max(16, Math.min(Number.isFinite(capacity) ? Math.floor(capacity) : 0, 1 << 24));
    this.timestamps = new Float64Array(size);
    this.values = Array.from({ length: columns }, () => new Float64Array(size).fill(NaN));
  }

  /** Makes room for row index `row` (doubling). */
  ensure(row: number): void {
    if (row < this.timestamps.length) return;
    const size = Math.max(row + 1, this.timestamps.length * 2);
    const grow = (a: Float64Array, fill: number): Float64Array => {
      const b = new Float64Array(size);
      if (fill !== 0) b.fill(fill, a.length);
      b.set(a);
      return b;
    };
    this.timestamps = grow(this.timestamps, 0);
    this.values = this.values.map((a) => grow(a, NaN));
  }

  /** The filled part: exact-size arrays (copied only when the buffer was larger than needed). */
  finish(): { timestamps: Float64Array; values: Float64Array[] } {
    const n = this.length;
    const cut = (a: Float64Array): Float64Array => (a.length === n ? a : a.slice(0, n));
    return { timestamps: cut(this.timestamps), values: this.values.map(cut) };
  }
}

/** Column names: the legends, or `col1`, `col2` … where a legend is missing or empty. */
export function columnNames(legends: readonly string[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const legend = legends[i];
    return legend === undefined || legend.trim() === '' ? `col${i + 1}` : legend;
  });
}

/**
 * Times for exports printed without a time column (xport without -t, JSON without -t).
 *
 * rrdtool ≥ 1.7.1 (and 1.2–1.4.x) print meta start = the first row; 1.5.0–1.5.6 printed the period
 * start, one step BEFORE the first row, while its end is still the last row. The two are told apart by
 * the arithmetic: ≥ 1.7.1 has (end − start)/step + 1 rows, 1.5.x has (end − start)/step. When end is
 * missing or inconsistent with the row count we trust start, as ≥ 1.7.1 means it.
 */
export function impliedTimes(count: number, start: number, end: number | undefined, step: number, quirks: string[]): Float64Array {
  let first = start;
  if (end !== undefined && count > 0 && end - start === count * step) {
    first = start + step;
    quirks.push('meta start is one step before the first row (rrdtool 1.5.0-1.5.6): times anchored on meta end');
  } else if (end !== undefined && count > 0 && end === start && count > 1) {
    quirks.push('rrdtool 1.4.7-1.4.9 wrong end (equal to start) ignored');
  } else if (end !== undefined && count > 0 && end !== start + (count - 1) * step) {
    quirks.push(`meta end ${end} does not match ${count} rows from start ${start} at step ${step}: times taken from start`);
  }
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = first + i * step;
  return times;
}

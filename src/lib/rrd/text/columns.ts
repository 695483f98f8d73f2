/** Memory the column storage of one text file may take (rows × (columns + 1) × 8 bytes): the per-file budget. */
export const MAX_COLUMN_BYTES = 256 * 1024 * 1024;

/**
 * Growable column storage shared by the text readers: one Float64Array of times and one per column,
 * preallocated from the row count the header announces — never more than the file's size can hold
 * (`maxRows`) — and doubled when it was wrong.
 */
export class ColumnBuffer {
  timestamps: Float64Array;
  values: Float64Array[];
  length = 0;

  /**
   * `capacity` is the announced row count (untrusted); `maxRows` the most rows the bytes of the file
   * can hold. Throws a plain Error (the reader words it) when even that exceeds the budget.
   */
  constructor(
    readonly columns: number,
    capacity: number,
    readonly maxRows = Number.POSITIVE_INFINITY,
  ) {
    const wanted = Number.isFinite(capacity) && capacity > 0 ? Math.floor(capacity) : 0;
    const size = Math.max(16, Math.min(wanted, maxRows, 1 << 24));
    if (size * (columns + 1) * 8 > MAX_COLUMN_BYTES) throw new BudgetError(size, columns);
    this.timestamps = new Float64Array(size);
    this.values = Array.from({ length: columns }, () => new Float64Array(size).fill(NaN));
  }

  /** Makes room for row index `row` (doubling, up to `maxRows`). */
  ensure(row: number): void {
    if (row < this.timestamps.length) return;
    const size = Math.max(row + 1, Math.min(this.timestamps.length * 2, this.maxRows));
    if (size * (this.values.length + 1) * 8 > MAX_COLUMN_BYTES) throw new BudgetError(size, this.values.length);
    const grow = (a: Float64Array, fill: number): Float64Array => {
      const b = new Float64Array(size);
      if (fill !== 0) b.fill(fill, a.length);
      b.set(a);
      return b;
    };
    this.timestamps = grow(this.timestamps, 0);
    this.values = this.values.map((a) => grow(a, NaN));
  }

  /** Adds one column (JSON without a legend: the first row fixes the count), within the budget. */
  addColumn(): Float64Array {
    const size = this.timestamps.length;
    if (size * (this.values.length + 2) * 8 > MAX_COLUMN_BYTES) throw new BudgetError(size, this.values.length + 1);
    const column = new Float64Array(size).fill(NaN);
    this.values.push(column);
    return column;
  }

  /** The filled part: exact-size arrays (copied only when the buffer was larger than needed). */
  finish(): { timestamps: Float64Array; values: Float64Array[] } {
    const n = this.length;
    const cut = (a: Float64Array): Float64Array => (a.length === n ? a : a.slice(0, n));
    return { timestamps: cut(this.timestamps), values: this.values.map(cut) };
  }
}

/** Thrown when a file's rows would take more memory than the per-file budget. */
export class BudgetError extends Error {
  constructor(
    readonly rows: number,
    readonly columns: number,
  ) {
    super(`${rows} rows × ${columns} columns would take ${Math.round((rows * (columns + 1) * 8) / 2 ** 20)} MB, over the per-file budget of ${MAX_COLUMN_BYTES / 2 ** 20} MB`);
  }
}

/** Longest legend kept, in characters: legends name columns in messages and notes, nothing more. */
export const MAX_LEGEND_CHARS = 200;

/** The legends kept: at most one per column (and never fewer than `count` slots are needed), each cut to MAX_LEGEND_CHARS. */
export function capLegends(legends: readonly string[], count: number): string[] {
  return legends.slice(0, Math.max(count, 0)).map((l) => (l.length > MAX_LEGEND_CHARS ? `${l.slice(0, MAX_LEGEND_CHARS)}…` : l));
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

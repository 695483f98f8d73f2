/** Plain-text table of benchmark results. */
import type { Pass } from './measure';

export interface Row {
  reader: string;
  pass: Pass;
  /** Use the inner (parse-only) time for throughput, instead of the whole pass. */
  inner?: boolean;
  note?: string;
}

const MB = 1e6;
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

/** Wall seconds of a row (the inner part only when `inner`). */
export function wallSeconds(row: Row): number {
  return row.inner === true ? row.pass.innerSeconds : row.pass.seconds;
}

/** CPU seconds of a row: what one core spent, whatever else ran on the machine. */
export function cpuSeconds(row: Row): number {
  return row.inner === true ? row.pass.innerCpuSeconds : row.pass.cpuSeconds;
}

/** Throughput of a row in MB/s, by wall time or by CPU time. */
export function mbPerSecond(row: Row, clock: 'wall' | 'cpu' = 'wall'): number {
  return row.pass.bytes / MB / (clock === 'cpu' ? cpuSeconds(row) : wallSeconds(row));
}

/** Renders rows as an aligned table. */
export function renderTable(rows: readonly Row[]): string {
  const head = ['reader', 'files', 'MB', 'wall s', 'cpu s', 'files/s', 'MB/s', 'MB/s (cpu)', 'peak RSS MB', 'heap MB (¼ / ½ / all)', 'note'];
  const body = rows.map((r) => {
    const s = wallSeconds(r);
    const [q, h, all] = r.pass.heapByProgress.map((b) => fmt(b / MB, 0));
    return [r.reader, String(r.pass.files), fmt(r.pass.bytes / MB), fmt(s, 3), fmt(cpuSeconds(r), 3), fmt(r.pass.files / s, 0), fmt(mbPerSecond(r)), fmt(mbPerSecond(r, 'cpu')), fmt(r.pass.peakRss / MB, 0), `${q} / ${h} / ${all}`, r.note ?? ''];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * The RRA row behind each minute, as the aggregates keep it (aggregate.ts: one number per minute,
 * combined over files by their maximum): 0 = no row known, 1 = a minute row (or finer), and for a
 * coarse row of S > 1 minutes S × 2 + its parity — the parity of the row's number (its stamp over its
 * step), which alternates from one row to the next. Every minute of one row carries the same code, so
 * the aggregates' compact cells (one per run of identical minutes) stay as few as before, and the
 * maximum keeps the coarsest row of the files. A row ends where the next minute holds another code:
 * the engine finds each coarse row's last minute exactly (`decodeRows`), whatever its span (500 s,
 * 37 min) or alignment, from the per-minute flags fileMinutes sets (assemble.ts).
 */

/** The largest span a code holds (22 days of minutes); longer rows count as this long. */
export const MAX_ROW_SPAN = 0x7fff;

/** fileMinutes' per-minute flags: the minute is its row's last, and the row's number is odd. */
export const ROW_ENDS = 1;
export const ROW_ODD = 2;

/** The code of a minute of a row of `span` minutes whose number's parity is `odd`. */
export function rowCode(span: number, odd: boolean): number {
  if (span <= 1) return span;
  return Math.min(MAX_ROW_SPAN, span) * 2 + (odd ? 1 : 0);
}

/** Writes the codes of `spans` (row span per minute, fileMinutes) with `flags` (ROW_ODD) into `spans`. */
export function encodeRows(spans: Uint16Array, flags: Uint8Array): Uint16Array {
  // Minute rows and unknown minutes keep their span as their code: only coarse minutes are rewritten
  // (a cold read walks ~170,000 minutes per file, most of them minute rows or unknown).
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (s > 1) spans[i] = Math.min(MAX_ROW_SPAN, s) * 2 + (flags[i]! & ROW_ODD ? 1 : 0);
  }
  return spans;
}

const spanOfCode = (c: number): number => (c <= 1 ? c : c >> 1);

/**
 * Per grid minute, the row span (0 where no row is known) and 1 where a coarse row ends, from the
 * codes of the grid's minutes and of the minute after it (`after`, 0 when none is known). A coarse row
 * ends where the next minute is unknown or holds another row of at least its span; where finer rows
 * take over (the next minute holds a finer row: the coarse row was cut by a finer RRA, its real end
 * lies under the finer rows), it ends only on a stamp that is a multiple of its span, as aligned rows do.
 */
export function decodeRows(codes: Uint16Array, after: number, startMinute: number): { span: Uint16Array; ends: Uint8Array } {
  const n = codes.length;
  const span = new Uint16Array(n);
  const ends = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    const s = spanOfCode(c);
    span[i] = s;
    if (s <= 1) {
      ends[i] = 1;
      continue;
    }
    const next = i + 1 < n ? codes[i + 1]! : after;
    if (next === c) continue;
    const ns = spanOfCode(next);
    ends[i] = next === 0 || ns >= s || (startMinute + i) % s === 0 ? 1 : 0;
  }
  return { span, ends };
}

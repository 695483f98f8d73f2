/**
 * The RRA row behind a minute, as one number per minute: the row's span in minutes, and whether that
 * row ends at this minute (its last minute on the grid). Coded as span × 2 + 1 at the row's last
 * minute (span × 2 inside it), so the aggregates' per-minute maximum over files (aggregate.ts) keeps
 * the coarsest row and, among rows of that span, one that ends here. signals.ts judges a coarse row
 * exactly at its last minute from this flag, whatever its span (70 s, 500 s, 37 min) or alignment.
 */

/** The largest span a code holds (22 days of minutes); longer rows count as this long. */
export const MAX_ROW_SPAN = 0x7fff;

/** The code of a minute row (span 1, ending at its minute): what a value without a span stands for. */
export const MINUTE_ROW = 3;

/** The code of a minute inside (`ends` false) or at the end of a row of `span` minutes. */
export function rowCode(span: number, ends: boolean): number {
  return Math.min(MAX_ROW_SPAN, span) * 2 + (ends ? 1 : 0);
}

/** Writes the codes of `spans` (row span per minute) and `ends` (1 at a row's last minute) into `spans`. */
export function encodeRows(spans: Uint16Array, ends: Uint8Array): Uint16Array {
  for (let i = 0; i < spans.length; i++) spans[i] = rowCode(spans[i]!, ends[i] === 1);
  return spans;
}

/** Per minute, the row span (0 where no row is known) and whether the row ends there (1), from the codes. */
export function decodeRows(codes: Uint16Array): { span: Uint16Array; ends: Uint8Array } {
  const span = new Uint16Array(codes.length);
  const ends = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    span[i] = c >> 1;
    ends[i] = c & 1;
  }
  return { span, ends };
}

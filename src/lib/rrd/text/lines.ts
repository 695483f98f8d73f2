/**
 * Line-oriented helpers for the small text formats (fetch, graph CSV): splitting, and the step
 * inferred from row spacing since neither format states it.
 */
import { RrdReadError, type SourceFormat } from '../series';

/** Longest line the line formats accept: a graph CSV of 1,000 columns has lines of ~20 KB. */
export const MAX_LINE_CHARS = 1024 * 1024;

/**
 * Lines without their CR/LF; `complete` is false when the text does not end with a newline (maybe
 * truncated). Throws an RrdReadError naming the line when one is longer than MAX_LINE_CHARS.
 */
export function splitLines(text: string, source: string, format: SourceFormat, fix: string): { lines: string[]; complete: boolean } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n|\r/);
  const complete = lines[lines.length - 1] === '';
  if (complete) lines.pop();
  const long = lines.findIndex((l) => l.length > MAX_LINE_CHARS);
  if (long >= 0) {
    throw new RrdReadError(source, format, { line: long + 1 }, `the line is ${lines[long]!.length} characters long, more than the ${MAX_LINE_CHARS} this format allows`, fix);
  }
  return { lines, complete };
}

/**
 * The step of rows that carry their own times: the spacing of the first two rows, checked on the
 * others. Times must ascend; uneven spacing is kept and noted as a quirk.
 */
export function stepFromTimes(
  times: Float64Array,
  lineOfRow: (row: number) => number,
  source: string,
  format: SourceFormat,
  fix: string,
  quirks: string[],
): number {
  if (times.length < 2) {
    throw new RrdReadError(source, format, { line: lineOfRow(Math.max(0, times.length - 1)) }, `only ${times.length} row(s): the step cannot be inferred`, fix);
  }
  const step = (times[1] as number) - (times[0] as number);
  let uneven = false;
  for (let i = 1; i < times.length; i++) {
    const d = (times[i] as number) - (times[i - 1] as number);
    if (!(d > 0)) throw new RrdReadError(source, format, { line: lineOfRow(i) }, `row time ${times[i]} is not after the row before it`, fix);
    if (d !== step && !uneven) {
      uneven = true;
      quirks.push(`row ${i + 1} is not one step (${step} s) after the row before it`);
    }
  }
  return step;
}

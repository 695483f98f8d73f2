/**
 * The median the benchmarks report: the lower middle of the sorted values (the middle one for the odd
 * repeat counts they run by default), NaN when there is none.
 */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
}

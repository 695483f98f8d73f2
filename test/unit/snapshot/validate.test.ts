import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type Snapshot } from '../../../src/lib/snapshot/schema';
import { validatedSnapshot } from '../../../src/lib/snapshot/validate';

// The sample's snapshot as reduce publishes it (test/fixtures/snapshots/sample.json).
const sample = (): Snapshot => JSON.parse(readFileSync(new URL('../../fixtures/snapshots/sample.json', import.meta.url), 'utf8')) as Snapshot;

/** A copy of the sample with `edit` applied to its first service's day chart. */
function withDayChart(edit: (chart: Snapshot['services'][number]['charts']['day']) => void): Snapshot {
  const s = sample();
  edit(s.services[0]!.charts.day);
  return s;
}

describe('validatedSnapshot', () => {
  it('gives what SnapshotSchema.parse gives: the same JSON, key order included, and copies of the chart arrays', () => {
    const s = sample();
    const out = validatedSnapshot(s);
    expect(JSON.stringify(out)).toBe(JSON.stringify(SnapshotSchema.parse(s)));
    expect(out.services[0]!.charts.day.timestamps).not.toBe(s.services[0]!.charts.day.timestamps);
    expect(out.services[0]!.charts.day.lines[0]!.values).toEqual(s.services[0]!.charts.day.lines[0]!.values);
  });

  it('drops unknown keys as zod does, outside and inside the charts', () => {
    const s = withDayChart((c) => Object.assign(c, { extra: 1 }));
    Object.assign(s, { stray: true });
    expect(JSON.stringify(validatedSnapshot(s))).toBe(JSON.stringify(SnapshotSchema.parse(s)));
  });

  const bad: [string, (c: Snapshot['services'][number]['charts']['day']) => void, RegExp][] = [
    ['a NaN value', (c) => (c.lines[0]!.values[3] = Number.NaN), /services\[0\]\.charts\.day\.lines\[0\]\.values\[3\] is NaN, not a number or null/],
    ['a string value', (c) => ((c.lines[0]!.values as unknown[])[0] = '1'), /values\[0\] is 1, not a number or null/],
    ['an undefined band value', (c) => ((c.lines[0]!.expected_lower as unknown[] | undefined)?.push(undefined) ?? (c.lines[0]!.expected_lower = [undefined as unknown as null])), /expected_lower\[\d+\] is undefined/],
    ['a timestamp that is not whole seconds', (c) => (c.timestamps[1] = c.timestamps[1]! + 0.5), /timestamps\[1\] is .*, not whole epoch seconds/],
    ['a null timestamp', (c) => ((c.timestamps as unknown[])[0] = null), /timestamps\[0\] is null, not whole epoch seconds/],
    ['a score above 100', (c) => (c.score = [...(c.score ?? []), 100.5]), /score\[\d+\] is 100.5, not a score 0..100 or null/],
    ['a score below 0', (c) => (c.score = [-1]), /score\[0\] is -1/],
    ['values that are not an array', (c) => ((c.lines[0] as unknown as { values: unknown }).values = { 0: 1 }), /lines\[0\]\.values is not an array/],
  ];
  it.each(bad)('refuses %s, as the schema does', (_, edit, message) => {
    const s = withDayChart(edit);
    expect(() => SnapshotSchema.parse(s)).toThrow();
    expect(() => validatedSnapshot(s)).toThrow(message);
  });

  it('accepts null values and scores at 0 and 100, as the schema does', () => {
    const s = withDayChart((c) => {
      c.lines[0]!.values[0] = null;
      c.score = [0, 100, null];
    });
    expect(JSON.stringify(validatedSnapshot(s))).toBe(JSON.stringify(SnapshotSchema.parse(s)));
  });

  it('still refuses what zod checks outside the charts (a bad level)', () => {
    const s = sample();
    (s.services[0] as { level: string }).level = 'green';
    expect(() => validatedSnapshot(s)).toThrow(/level/);
  });
});

import { describe, expect, it } from 'vitest';
import { ingestStep, markAfterRead, wentBackInTime, type IngestMark } from '../../../src/lib/reduce/ingest';

const T1 = 1_762_266_600; // a window ending 15:30 (row times)
const file = { size: 1000, mtimeMs: 5 };
const mark = (over: Partial<IngestMark> = {}): IngestMark => ({ ...file, until: T1, newest: T1 + 600, ...over });

describe('ingestStep (which rows of a file a run takes in)', () => {
  it('reads a file never seen from the row before the window\'s first minute', () => {
    expect(ingestStep(undefined, file, T1 - 3600, T1)).toEqual({ kind: 'read', from: T1 - 3660 });
  });

  it('does not open an unchanged file taken in as far as the window reaches', () => {
    expect(ingestStep(mark(), file, T1 - 3600, T1)).toEqual({ kind: 'unchanged' });
    expect(ingestStep(mark(), file, T1 - 7200, T1 - 600)).toEqual({ kind: 'unchanged' });
  });

  it('reads the later rows of an unchanged file when the window reaches further than its mark (a later now)', () => {
    expect(ingestStep(mark(), file, T1 - 3600 + 300, T1 + 300)).toEqual({ kind: 'read', from: T1 });
  });

  it('does not open an unchanged file whose every row was taken in, whatever the window', () => {
    expect(ingestStep(mark({ newest: T1 }), file, T1, T1 + 86_400)).toEqual({ kind: 'unchanged' });
  });

  it.each([
    ['size', { size: 1001 }],
    ['mtime', { mtimeMs: 6 }],
  ])('reads a file whose %s changed after its mark', (_, change) => {
    expect(ingestStep(mark(), { ...file, ...change }, T1 - 3600, T1 + 60)).toEqual({ kind: 'read', from: T1 });
  });

  it('reads nothing new from a changed file when its mark is already at the window\'s end (a replay of an earlier minute)', () => {
    expect(ingestStep(mark(), { ...file, size: 2000 }, T1 - 3600, T1)).toEqual({ kind: 'nothing-new' });
    expect(ingestStep(mark(), { ...file, size: 2000 }, T1 - 3600, T1 - 60)).toEqual({ kind: 'nothing-new' });
  });

  it('never reads from before the window, even after an old mark', () => {
    expect(ingestStep(mark({ until: T1 - 86_400 }), { ...file, size: 9 }, T1 - 3600, T1)).toEqual({ kind: 'read', from: T1 - 3660 });
  });
});

describe('wentBackInTime and markAfterRead', () => {
  it('sees a file whose rows end before what was taken in as replaced, and a new file never', () => {
    expect(wentBackInTime(mark(), T1 - 60)).toBe(true);
    expect(wentBackInTime(mark(), T1)).toBe(false);
    expect(wentBackInTime(undefined, 0)).toBe(false);
  });

  it('marks the rows taken in up to the window\'s end, and remembers how far the file goes', () => {
    expect(markAfterRead(file, T1 - 3660, T1 + 600, T1)).toEqual({ size: 1000, mtimeMs: 5, until: T1, newest: T1 + 600 });
    expect(markAfterRead(file, T1 - 3660, T1 - 120, T1)).toEqual({ size: 1000, mtimeMs: 5, until: T1 - 120, newest: T1 - 120 });
    // A file without a row after `from` keeps the mark at `from`.
    expect(markAfterRead(file, T1 - 60, T1 - 600, T1)).toMatchObject({ until: T1 - 60 });
  });
});

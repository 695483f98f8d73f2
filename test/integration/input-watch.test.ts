/**
 * Data-triggered cycles: the watcher on a real directory (inotify events, and the stat poll) reports
 * one settled change for a write and for a burst, nothing for the cycle's own ledger writes.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchInputs, type InputWatcher } from '../../scripts/lib/input-watch';

let dir: string;
let watcher: InputWatcher | null = null;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxstatus-watch-'));
  await mkdir(join(dir, 'rrd/gfd'), { recursive: true });
  await mkdir(join(dir, 'ledger'), { recursive: true });
  await writeFile(join(dir, 'rrd/gfd/calls.rrd'), 'a');
});
afterEach(async () => {
  watcher?.close();
  watcher = null;
  await rm(dir, { recursive: true, force: true });
});

describe.each(['events', 'poll'] as const)('the input watcher (%s)', (mode) => {
  // The poll sees changes once per poll: settled = quiet for several polls (the machine may pause a writer).
  const opts = { mode, settleMs: mode === 'poll' ? 800 : 400, maxSettleMs: 5_000, pollMs: 200 };

  it('reports one settled change for one write, then nothing more', async () => {
    watcher = watchInputs(dir, opts);
    await pause(mode === 'poll' ? 300 : 50);
    const waiting = watcher.next(5_000);
    await writeFile(join(dir, 'rrd/gfd/calls.rrd'), 'b');
    const wake = await waiting;
    expect(wake).toMatchObject({ kind: 'data', files: 1 });
    expect(await watcher.next(1_000)).toEqual({ kind: 'timeout' });
  });

  it('reports a burst of updates to 200 files over a second as one change', async () => {
    const files = Array.from({ length: 200 }, (_, i) => join(dir, 'rrd/gfd', `node${i}.rrd`));
    await Promise.all(files.map((f) => writeFile(f, 'a')));
    watcher = watchInputs(dir, opts);
    await pause(mode === 'poll' ? 300 : 50);
    const waiting = watcher.next(10_000);
    for (let i = 0; i < files.length; i += 20) {
      await Promise.all(files.slice(i, i + 20).map((f) => writeFile(f, 'b')));
      await pause(100);
    }
    const wake = await waiting;
    expect(wake).toMatchObject({ kind: 'data', files: 200 });
    expect(await watcher.next(1_000)).toEqual({ kind: 'timeout' });
  });

  it('ignores the ledger the cycle itself writes under the data directory', async () => {
    watcher = watchInputs(dir, opts);
    await pause(mode === 'poll' ? 300 : 50);
    const waiting = watcher.next(1_200);
    await writeFile(join(dir, 'ledger/incidents.json'), '{}');
    expect(await waiting).toEqual({ kind: 'timeout' });
  });
});

describe('the default watcher (poll)', () => {
  it('sees an rrdtool update, which writes through mmap and is invisible to inotify', async () => {
    const rrd = join(dir, 'rrd/gfd/real.rrd');
    await copyFile('test/fixtures/rrd/raotd/calls.rrd', rrd).catch(() => copyFile('data/rrd/raotd/calls.rrd', rrd));
    watcher = watchInputs(dir, { settleMs: 300, pollMs: 200 });
    expect(watcher.mode).toBe('poll');
    await pause(300);
    const waiting = watcher.next(5_000);
    const last = Number(execFileSync('rrdtool', ['last', rrd], { encoding: 'utf8' }).trim());
    execFileSync('rrdtool', ['update', rrd, `${last + 60}:5`]);
    expect(await waiting).toMatchObject({ kind: 'data', files: 1 });
  });
});

describe('a wait for data', () => {
  it('ends at once when interrupted (shutdown)', async () => {
    watcher = watchInputs(dir, { settleMs: 300 });
    const waiting = watcher.next(60_000);
    watcher.interrupt();
    expect(await waiting).toEqual({ kind: 'interrupted' });
  });
});

describe('the poll over many files (it does not stat every file every second)', () => {
  const many = async (n: number): Promise<string[]> => {
    const files: string[] = [];
    for (let h = 0; h < n / 3; h++) {
      const d = join(dir, 'rrd/gfd', `host${h}`);
      await mkdir(d, { recursive: true });
      for (const m of ['calls', 'errors', 'resptime']) files.push(join(d, `${m}.rrd`));
    }
    await Promise.all(files.map((f) => writeFile(f, 'a')));
    return files;
  };

  it('stats a slice of the files each idle second, and still finds a lone changed file within the rotation', async () => {
    const files = await many(1200);
    watcher = watchInputs(dir, { settleMs: 300, pollMs: 100, rotationMs: 2_000 });
    await pause(400);
    // 1,200 files and ~400 directories over 20 polls: about 80 stats a poll, not 1,600.
    expect(watcher.statsPerIdleSecond).toBeGreaterThan(0);
    expect(watcher.statsPerIdleSecond).toBeLessThan(200);
    const started = performance.now();
    const waiting = watcher.next(10_000);
    await writeFile(files[777]!, 'b');
    expect(await waiting).toMatchObject({ kind: 'data', files: 1 });
    // The rotation (2 s) plus the settle time, with room for a slow machine.
    expect(performance.now() - started).toBeLessThan(2_000 + 300 + 1_500);
  });

  it('finds a new file in a new directory (through the mtime of its parent)', async () => {
    await many(300);
    watcher = watchInputs(dir, { settleMs: 300, pollMs: 100, rotationMs: 1_000 });
    await pause(300);
    const waiting = watcher.next(8_000);
    await mkdir(join(dir, 'rrd/pcdh/host1'), { recursive: true });
    await writeFile(join(dir, 'rrd/pcdh/host1/calls.rrd'), 'new');
    expect(await waiting).toMatchObject({ kind: 'data', files: 1 });
  });

  it('meets a burst on the files of the last burst within a poll, even when a whole rotation takes 12 s', async () => {
    const files = await many(1200);
    const collector = files.slice(600, 604);
    watcher = watchInputs(dir, { settleMs: 300, pollMs: 100, rotationMs: 12_000 });
    await pause(300);
    // The first burst is found by the rotation (within 12 s); its files become sentinels.
    const first = watcher.next(20_000);
    await Promise.all(collector.map((f) => writeFile(f, 'b')));
    expect(await first).toMatchObject({ kind: 'data', files: 4 });
    await pause(800); // quiet again: the idle poll
    const started = performance.now();
    const second = watcher.next(20_000);
    await Promise.all(collector.map((f) => writeFile(f, 'c')));
    expect(await second).toMatchObject({ kind: 'data', files: 4 });
    // Sentinels: a poll or two plus the settle; the rotation alone would take ~2.4 s on average.
    expect(performance.now() - started).toBeLessThan(300 + 4 * 100 + 400);
  }, 30_000);
});

describe.each(['events', 'poll'] as const)('a config outside the data directory (%s)', (mode) => {
  it('is watched as an input', async () => {
    // In a hidden directory, as the drill keeps it (.fluxstatus/…): an extra path is never ignored.
    await mkdir(join(dir, '..', `.${dir.split('/').at(-1)}`), { recursive: true });
    const config = join(dir, '..', `.${dir.split('/').at(-1)}`, 'status.yaml');
    await writeFile(config, 'a: 1');
    try {
      watcher = watchInputs(dir, { mode, settleMs: 300, pollMs: 100, extra: [config] });
      await pause(300);
      const waiting = watcher.next(5_000);
      await writeFile(config, 'a: 22');
      expect(await waiting).toMatchObject({ kind: 'data', files: 1 });
    } finally {
      await rm(join(config, '..'), { recursive: true, force: true });
    }
  });
});

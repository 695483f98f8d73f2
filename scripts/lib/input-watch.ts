/**
 * Watches the data directory so that a cycle starts when data lands, not at the next whole minute.
 * A 1-s stat poll by default: rrdtool (and rrdcached) update RRDs through mmap(2), which inotify
 * does not report, and network file systems report nothing either. FLUXSTATUS_WATCH=events uses
 * fs.watch instead (inputs written with write(2), e.g. exports); a failing watch falls back to the poll. Changes are gathered until
 * the inputs are quiet for `settleMs` (at most `maxSettleMs` after the first), so a collector's burst
 * of updates to thousands of files is one cycle. Files the cycle itself writes under the data
 * directory (the ledger, derived history) and hidden or temporary files are ignored.
 */
import { watch, readdirSync, statSync, type Dirent, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Quiet time after the last change before a cycle starts, ms (more than two polls: a writer between two polls is not yet done). */
export const SETTLE_MS = 2_500;
/** Longest wait after the first change of a burst, ms. */
export const MAX_SETTLE_MS = 10_000;
/** Interval of the stat poll, ms. */
export const POLL_MS = 1_000;

/** What ended a wait. */
export type Wake = { kind: 'data'; files: number; firstAgoMs: number } | { kind: 'timeout' } | { kind: 'interrupted' };

export interface InputWatcher {
  readonly mode: 'events' | 'poll';
  /** Waits until changed inputs settled (`data`), `ms` passed (`timeout`) or interrupt() was called. */
  next(ms: number): Promise<Wake>;
  /** Forgets the changes seen so far (the cycle starting now reads them). */
  take(): number;
  /** Ends a running next() with `interrupted`. */
  interrupt(): void;
  close(): void;
}

export interface WatchOptions {
  mode?: 'events' | 'poll';
  settleMs?: number;
  maxSettleMs?: number;
  pollMs?: number;
  /** Relative paths (from the data directory) that never trigger a cycle. */
  ignore?: (relPath: string) => boolean;
  log?: (line: string) => void;
}

/** The cycle's own outputs under the data directory, and hidden or temporary files. */
export function defaultIgnore(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/);
  const top = parts[0] ?? '';
  const name = parts.at(-1) ?? '';
  return top === 'ledger' || top === 'history' || parts.some((p) => p.startsWith('.')) || /(~|\.tmp|\.swp)$/.test(name);
}

/** Starts watching `dir`. */
export function watchInputs(dir: string, options: WatchOptions = {}): InputWatcher {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const maxSettleMs = options.maxSettleMs ?? MAX_SETTLE_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  const ignore = options.ignore ?? defaultIgnore;
  const log = options.log ?? (() => {});
  const changed = new Set<string>();
  let firstAt = 0;
  let lastAt = 0;
  let poke: (() => void) | null = null;
  let wakeNow: (() => void) | null = null;
  let interrupted = false;

  const record = (rel: string): void => {
    if (rel === '' || ignore(rel)) return;
    const now = performance.now();
    if (changed.size === 0) firstAt = now;
    lastAt = now;
    changed.add(rel);
    poke?.();
  };

  let mode: 'events' | 'poll' = options.mode ?? 'poll';
  let watcher: FSWatcher | null = null;
  let poller: NodeJS.Timeout | null = null;
  let marks = new Map<string, string>();

  // The poll: rrdtool writes RRDs through mmap(2), which inotify never reports, so RRD inputs need
  // stat(2). An idle second stats a rotating slice (all files within ~20 s, ~0.05 s of CPU a minute at
  // 6,000 files); once a change is seen every file is statted each second until the burst is quiet.
  let files: string[] = [];
  let listedAt = -Infinity;
  let cursor = 0;
  const list = (): void => {
    try {
      files = readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e: Dirent) => e.isFile())
        .map((e: Dirent) => relative(dir, join(e.parentPath, e.name)))
        .filter((rel) => !ignore(rel));
    } catch {
      files = [];
    }
    listedAt = performance.now();
  };
  const mark = (rel: string): string => {
    const st = statSync(join(dir, rel), { throwIfNoEntry: false });
    return st === undefined ? 'gone' : `${st.ino}:${st.size}:${st.mtimeMs}`;
  };
  const pollOnce = (): void => {
    const hot = changed.size > 0 || performance.now() - lastAt < 2 * settleMs;
    if (performance.now() - listedAt > 10 * pollMs || hot) {
      const before = new Set(files);
      list();
      for (const rel of files) if (!before.has(rel) && !marks.has(rel)) record(rel);
    }
    const slice = hot ? files.length : Math.max(200, Math.ceil(files.length / 20));
    for (let i = 0; i < Math.min(slice, files.length); i++) {
      const rel = files[(cursor + i) % files.length] as string;
      const now = mark(rel);
      const before = marks.get(rel);
      marks.set(rel, now);
      if (before !== undefined && before !== now) record(rel);
    }
    cursor = files.length === 0 ? 0 : (cursor + slice) % files.length;
  };
  const startPoll = (): void => {
    mode = 'poll';
    list();
    for (const rel of files) marks.set(rel, mark(rel));
    poller = setInterval(pollOnce, pollMs);
  };
  if (mode === 'events') {
    try {
      watcher = watch(dir, { recursive: true, persistent: true }, (_event, filename) => {
        if (filename !== null) record(filename.split(sep).join('/'));
      });
      watcher.on('error', (e) => {
        log(`watch ${dir}: ${e.message}; polling every ${pollMs / 1000} s instead`);
        watcher?.close();
        watcher = null;
        startPoll();
      });
    } catch (e) {
      log(`watch ${dir}: ${(e as Error).message}; polling every ${pollMs / 1000} s instead`);
      startPoll();
    }
  } else startPoll();

  return {
    get mode() {
      return mode;
    },
    next(ms) {
      interrupted = false;
      const deadline = performance.now() + ms;
      return new Promise<Wake>((resolve) => {
        let timer: NodeJS.Timeout | null = null;
        const finish = (wake: Wake): void => {
          if (timer !== null) clearTimeout(timer);
          poke = null;
          wakeNow = null;
          resolve(wake);
        };
        const check = (): void => {
          if (timer !== null) clearTimeout(timer);
          if (interrupted) return finish({ kind: 'interrupted' });
          const now = performance.now();
          let wait = deadline - now;
          if (changed.size > 0) {
            const quiet = now - lastAt;
            const since = now - firstAt;
            if (quiet >= settleMs || since >= maxSettleMs) {
              const files = changed.size;
              changed.clear();
              return finish({ kind: 'data', files, firstAgoMs: since });
            }
            wait = Math.min(wait, settleMs - quiet, maxSettleMs - since);
          }
          if (deadline - now <= 0) return finish({ kind: 'timeout' });
          timer = setTimeout(check, Math.max(1, wait));
        };
        // Events only re-arm the timer when none is pending for the settle time (cheap in a burst).
        poke = () => {
          if (changed.size === 1) check();
        };
        wakeNow = check;
        check();
      });
    },
    take() {
      const n = changed.size;
      changed.clear();
      return n;
    },
    interrupt() {
      interrupted = true;
      wakeNow?.();
    },
    close() {
      watcher?.close();
      if (poller !== null) clearInterval(poller);
    },
  };
}

/**
 * Watches the data directory so that a cycle starts when data lands, not at the next whole minute.
 * A stat poll by default: rrdtool (and rrdcached) update RRDs through mmap(2), which inotify does
 * not report, and network file systems report nothing either. FLUXSTATUS_WATCH=events uses fs.watch
 * instead (inputs written with write(2), e.g. exports); a failing watch falls back to the poll.
 * Changes are gathered until the inputs are quiet for `settleMs` (at most `maxSettleMs` after the
 * first), so a collector's burst of updates to thousands of files is one cycle. Files the cycle
 * itself writes under the data directory (the ledger, derived history) and hidden or temporary files
 * are ignored.
 *
 * The poll does not stat every file every second (that alone cost ~0.6 s of CPU a minute at 6,000
 * files): each second it stats the sentinels (a few files of each of the last bursts: collectors
 * update in bursts, so one changed sentinel starts the settle within a second) and the next slice of
 * a shuffled rotation over every file and directory, so that each is stat-ed at least once per
 * `rotationMs` (a lone file written outside any burst is seen within that bound; a new file through
 * its directory's mtime). Once a change is seen every file is stat-ed each second until the burst is
 * quiet. Extra paths outside the directory (the config file) are stat-ed every second.
 */
import { watch, readdirSync, statSync, type Dirent, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';

/** Quiet time after the last change before a cycle starts, ms (more than two polls: a writer between two polls is not yet done). */
export const SETTLE_MS = 2_500;
/** Longest wait after the first change of a burst, ms. */
export const MAX_SETTLE_MS = 10_000;
/** Interval of the stat poll, ms. */
export const POLL_MS = 1_000;
/** Every file and directory is stat-ed at least once in this time, ms (npm start passes its --interval). */
export const ROTATION_MS = 60_000;
/** Files kept from each settled burst as sentinels, and how many bursts are remembered. */
const SAMPLE = 8;
const BURSTS = 8;

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
  /** Stats per second of the poll in the last idle second (for tests and the bench). */
  readonly statsPerIdleSecond: number;
  close(): void;
}

export interface WatchOptions {
  mode?: 'events' | 'poll';
  settleMs?: number;
  maxSettleMs?: number;
  pollMs?: number;
  /** The poll's bound: every file and directory is stat-ed at least once in this time (ms). */
  rotationMs?: number;
  /** Relative paths (from the data directory) that never trigger a cycle. */
  ignore?: (relPath: string) => boolean;
  /** Absolute paths outside the directory (the config file) watched as inputs, stat-ed every poll. */
  extra?: readonly string[];
  log?: (line: string) => void;
}

/** The cycle's own outputs under the data directory, and hidden or temporary files. */
export function defaultIgnore(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/);
  const top = parts[0] ?? '';
  const name = parts.at(-1) ?? '';
  return top === 'ledger' || top === 'history' || parts.some((p) => p.startsWith('.')) || /(~|\.tmp|\.swp)$/.test(name);
}

/** A file or directory the poll knows: where it is and its last identity (-1: missing). */
interface Entry {
  rel: string;
  abs: string;
  dir: boolean;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** Starts watching `dir`. */
export function watchInputs(dir: string, options: WatchOptions = {}): InputWatcher {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const maxSettleMs = options.maxSettleMs ?? MAX_SETTLE_MS;
  const pollMs = options.pollMs ?? POLL_MS;
  const rotationMs = Math.max(pollMs, options.rotationMs ?? ROTATION_MS);
  const ignore = options.ignore ?? defaultIgnore;
  const log = options.log ?? (() => {});
  const changed = new Set<string>();
  let firstAt = 0;
  let lastAt = -Infinity;
  let poke: (() => void) | null = null;
  let wakeNow: (() => void) | null = null;
  let interrupted = false;
  /** A few files of the burst being gathered (reservoir sample), and those of the last bursts. */
  let sample: string[] = [];
  let seen = 0;
  const bursts: string[][] = [];
  const endBurst = (): void => {
    if (sample.length > 0) bursts.unshift(sample);
    bursts.length = Math.min(bursts.length, BURSTS);
    sample = [];
    seen = 0;
    sentinels = [...new Set(bursts.flat())];
    sentinelEntries = sentinels.map((rel) => entries.get(rel)).filter((e): e is Entry => e !== undefined);
  };
  let sentinels: string[] = [];

  /** Notes a changed input; `extra` paths (outside the directory) are never ignored. */
  const record = (rel: string, extraPath = false): void => {
    if (rel === '' || (!extraPath && ignore(rel))) return;
    const now = performance.now();
    if (changed.size === 0) firstAt = now;
    lastAt = now;
    if (!changed.has(rel)) {
      seen++;
      if (sample.length < SAMPLE) sample.push(rel);
      else {
        const j = Math.floor(Math.random() * seen);
        if (j < SAMPLE) sample[j] = rel;
      }
    }
    changed.add(rel);
    poke?.();
  };

  let mode: 'events' | 'poll' = options.mode ?? 'poll';
  let watcher: FSWatcher | null = null;
  let poller: NodeJS.Timeout | null = null;

  // The poll. `entries` holds every known file and directory by relative path ('' is the data
  // directory itself, directories end in '/'), with its absolute path and last identity; the
  // rotation visits them in a shuffled order, so a burst over part of the tree is met within the
  // first seconds wherever it lies. Nothing is allocated per stat but the Stats object itself.
  const entries = new Map<string, Entry>();
  const extra: Entry[] = (options.extra ?? []).map((path) => ({ rel: path, abs: path, dir: false, ino: -1, size: -1, mtimeMs: -1 }));
  let order: Entry[] = [];
  let cursor = 0;
  let idleStats = 0;
  /** Stats `e`; true when its identity changed (and then stores the new one). */
  const moved = (e: Entry): boolean => {
    const st = statSync(e.abs, { throwIfNoEntry: false });
    const ino = st?.ino ?? -1;
    const size = st?.size ?? -1;
    const mtimeMs = st?.mtimeMs ?? -1;
    if (ino === e.ino && size === e.size && mtimeMs === e.mtimeMs) return false;
    e.ino = ino;
    e.size = size;
    e.mtimeMs = mtimeMs;
    return true;
  };
  const add = (rel: string, dirEntry: boolean): Entry => {
    const e: Entry = { rel, abs: rel === '' ? dir : join(dir, dirEntry ? rel.slice(0, -1) : rel), dir: dirEntry, ino: -1, size: -1, mtimeMs: -1 };
    moved(e);
    entries.set(rel, e);
    return e;
  };
  const reshuffle = (): void => {
    order = [...entries.values()];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    cursor = 0;
    sentinelEntries = sentinels.map((rel) => entries.get(rel)).filter((e): e is Entry => e !== undefined);
  };
  let sentinelEntries: Entry[] = [];
  /** Lists one directory entry: new files and directories are added (recorded unless `quiet`), vanished ones removed and recorded. */
  const scan = (d: Entry, quiet: boolean): void => {
    let listing: Dirent[];
    try {
      listing = readdirSync(d.abs, { withFileTypes: true });
    } catch {
      listing = [];
    }
    const present = new Set<string>();
    for (const item of listing) {
      const rel = `${d.rel}${item.name}`;
      if ((!item.isDirectory() && !item.isFile()) || ignore(rel)) continue;
      const key = item.isDirectory() ? `${rel}/` : rel;
      present.add(key);
      if (entries.has(key)) continue;
      const e = add(key, item.isDirectory());
      if (e.dir) scan(e, quiet);
      else if (!quiet) record(rel);
    }
    if (quiet) return; // the first listing: nothing was known before
    // Entries directly under this directory that are gone (a removed file is a change too).
    for (const key of [...entries.keys()]) {
      if (key === '' || key === d.rel || !key.startsWith(d.rel) || present.has(key)) continue;
      const rest = key.slice(d.rel.length);
      const slash = rest.indexOf('/');
      if (slash !== -1 && slash !== rest.length - 1) continue; // deeper: handled with its directory
      for (const sub of [...entries.keys()]) {
        if (sub !== key && !(key.endsWith('/') && sub.startsWith(key))) continue;
        entries.delete(sub);
        if (!sub.endsWith('/')) record(sub);
      }
    }
  };
  /** Stats one entry; a changed file is recorded, a changed directory listed again (true: the tree changed). */
  const check = (e: Entry): boolean => {
    if (!moved(e)) return false;
    if (e.dir) {
      scan(e, false);
      return true;
    }
    record(e.rel);
    return false;
  };
  const pollOnce = (): void => {
    for (const e of extra) if (moved(e)) record(e.rel, true);
    const hot = changed.size > 0 || performance.now() - lastAt < 2 * settleMs;
    let grew = false;
    if (hot) {
      // A burst is being gathered: everything, so that "quiet for settleMs" means quiet.
      for (const e of [...entries.values()]) grew = check(e) || grew;
    } else {
      const slice = Math.min(order.length, Math.ceil((order.length * pollMs) / rotationMs));
      for (const e of sentinelEntries) grew = check(e) || grew;
      for (let i = 0; i < slice; i++) {
        grew = check(order[cursor]!) || grew;
        cursor = (cursor + 1) % order.length;
      }
      idleStats = sentinelEntries.length + slice + extra.length;
    }
    if (grew) reshuffle();
  };
  const startPoll = (): void => {
    mode = 'poll';
    scan(add('', true), true);
    for (const e of extra) moved(e);
    reshuffle();
    poller = setInterval(pollOnce, pollMs);
  };
  if (mode === 'events') {
    try {
      watcher = watch(dir, { recursive: true, persistent: true }, (_event, filename) => {
        if (filename !== null) record(filename.split(sep).join('/'));
      });
      // The extra paths (a config outside the directory) are stat-ed as in the poll.
      if (extra.length > 0) {
        for (const e of extra) moved(e);
        poller = setInterval(() => {
          for (const e of extra) if (moved(e)) record(e.rel, true);
        }, pollMs);
      }
      watcher.on('error', (e) => {
        log(`watch ${dir}: ${e.message}; polling every ${pollMs / 1000} s instead`);
        watcher?.close();
        watcher = null;
        if (poller !== null) clearInterval(poller);
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
              endBurst();
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
      endBurst();
      return n;
    },
    get statsPerIdleSecond() {
      return idleStats;
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

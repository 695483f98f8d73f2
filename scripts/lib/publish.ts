/**
 * Atomic publication of built sites.
 *
 * Layout (all under the state directory, `.fluxstatus/` by default):
 *   builds/<UTC timestamp>-<pid>/   one directory per build (builds-out/<out name>-<hash>/… for an --out path): client/ + server/ from Astro, snapshot.json,
 *                                   and BUILD_COMPLETE.json written last (a build without it is unfinished)
 *   site -> builds/<name>           the published build: a relative symlink, switched by renaming a fresh
 *                                   symlink over it, so a reader sees the old build or the new one, never a mix
 *   cycle.lock                      pid of the process running cycles (a stale one, of a dead pid, is taken over)
 *
 * A failed or killed build leaves `site` untouched; its directory is removed by the next cleanup.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, readlink, rename, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { SnapshotSchema, type Snapshot } from '../../src/lib/snapshot/schema';

/** The marker written last into a build directory: its presence means the build is complete and checked. */
export const COMPLETE_MARKER = 'BUILD_COMPLETE.json';
/** The snapshot a build was made from, kept beside client/ and server/ (not served as a static file). */
export const BUILD_SNAPSHOT = 'snapshot.json';

/** Files every publishable build must contain (paths inside the build directory). */
export const REQUIRED_FILES = [
  'client/nl/index.html',
  'client/fr/index.html',
  'client/api/v2/status.json',
  'client/badge.svg',
] as const;

/** Where builds live and what is published. */
export interface SiteLayout {
  buildsDir: string;
  /** The published symlink (what the server and CI serve). */
  siteLink: string;
  lockFile: string;
}

/**
 * The layout for a state directory and an optional published path (`--out`). Each `--out` path has
 * its own builds directory (builds-out/<name>-<hash of the path>/), so the cleanup of one published
 * path never deletes the build another one points to.
 */
export function siteLayout(stateDir: string, out?: string): SiteLayout {
  const root = resolve(stateDir);
  const siteLink = resolve(out ?? join(root, 'site'));
  const own = `${basename(siteLink).replace(/[^\w.-]/g, '_')}-${createHash('sha256').update(siteLink).digest('hex').slice(0, 12)}`;
  const buildsDir = out === undefined ? join(root, 'builds') : join(root, 'builds-out', own);
  return { buildsDir, siteLink, lockFile: join(root, 'cycle.lock') };
}

/** Creates a fresh, empty build directory named after the wall-clock instant and this pid. */
export async function newBuildDir(layout: SiteLayout, wallMs: number): Promise<string> {
  const stamp = new Date(wallMs).toISOString().replace(/[-:]/g, '').replace('.', '');
  await mkdir(layout.buildsDir, { recursive: true });
  for (let n = 0; ; n++) {
    const dir = join(layout.buildsDir, `${stamp}-${process.pid}${n === 0 ? '' : `-${n}`}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Problems that forbid publishing a build directory (empty when it may be published). */
export async function checkBuild(dir: string, required: readonly string[] = REQUIRED_FILES): Promise<string[]> {
  const problems: string[] = [];
  for (const file of required) {
    const s = await stat(join(dir, file)).catch(() => null);
    if (s === null || !s.isFile()) problems.push(`${file} is missing`);
    else if (s.size === 0) problems.push(`${file} is empty`);
  }
  const snapshot = await readBuildSnapshot(dir).catch((e: Error) => e);
  if (snapshot instanceof Error) problems.push(`${BUILD_SNAPSHOT}: ${snapshot.message}`);
  return problems;
}

/** Reads and validates the snapshot kept in a build directory. Throws a one-line error when invalid. */
export async function readBuildSnapshot(dir: string): Promise<Snapshot> {
  const text = await readFile(join(dir, BUILD_SNAPSHOT), 'utf8');
  const parsed = SnapshotSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not a valid snapshot at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Writes a file and flushes it to disk, so a crash right after cannot leave it empty. */
async function writeDurable(path: string, data: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Checks a build, marks it complete and switches the published symlink to it. Throws (site untouched) when the check fails. */
export async function publishBuild(layout: SiteLayout, dir: string, info: Record<string, unknown> = {}): Promise<void> {
  const problems = await checkBuild(dir);
  if (problems.length > 0) throw new Error(`build ${basename(dir)} not published: ${problems.join('; ')}`);
  await writeDurable(join(dir, COMPLETE_MARKER), `${JSON.stringify({ pid: process.pid, ...info })}\n`);
  await mkdir(dirname(layout.siteLink), { recursive: true });
  const existing = await lstat(layout.siteLink).catch(() => null);
  if (existing !== null && !existing.isSymbolicLink()) {
    throw new Error(`${layout.siteLink} is a real directory or file, not the published symlink: move it away (or pick another --out) and rebuild`);
  }
  const tmp = `${layout.siteLink}.tmp-${process.pid}`;
  await unlink(tmp).catch(() => undefined);
  await symlink(relative(dirname(layout.siteLink), dir), tmp);
  // rename(2) replaces the old link atomically: a reader resolves either the old or the new build.
  await rename(tmp, layout.siteLink);
  const dirHandle = await open(dirname(layout.siteLink), 'r');
  await dirHandle.sync().catch(() => undefined);
  await dirHandle.close();
}

/** The directory the published symlink points to (absolute), or null when nothing is published. */
export async function publishedDir(layout: SiteLayout): Promise<string | null> {
  const target = await readlink(layout.siteLink).catch(() => null);
  return target === null ? null : resolve(dirname(layout.siteLink), target);
}

/** The published build's snapshot, or null when nothing (valid) is published. */
export async function readPublishedSnapshot(layout: SiteLayout): Promise<Snapshot | null> {
  const dir = await publishedDir(layout);
  if (dir === null) return null;
  return readBuildSnapshot(dir).catch(() => null);
}

/**
 * Removes unfinished build directories (killed builds) and all but the newest `keep` complete ones.
 * Never removes the published build nor `keepAlso` (the build in progress). Call it while holding the cycle lock.
 */
export async function cleanupBuilds(layout: SiteLayout, keep = 3, keepAlso: string | null = null): Promise<string[]> {
  const current = await publishedDir(layout);
  const names = (await readdir(layout.buildsDir).catch(() => [] as string[])).sort();
  const complete: string[] = [];
  const removed: string[] = [];
  for (const name of names) {
    const dir = join(layout.buildsDir, name);
    if (dir === current || dir === keepAlso) continue;
    const done = await stat(join(dir, COMPLETE_MARKER)).then(() => true, () => false);
    if (done) complete.push(dir);
    else removed.push(dir);
  }
  // Names start with a UTC timestamp, so sorted order is age order; the published build counts towards `keep`.
  const room = Math.max(0, keep - (current === null ? 0 : 1));
  removed.push(...complete.slice(0, Math.max(0, complete.length - room)));
  for (const dir of removed) await rm(dir, { recursive: true, force: true });
  // Temporary symlinks of killed publishers.
  for (const name of await readdir(dirname(layout.siteLink)).catch(() => [] as string[])) {
    if (name.startsWith(`${basename(layout.siteLink)}.tmp-`)) await unlink(join(dirname(layout.siteLink), name)).catch(() => undefined);
  }
  return removed;
}

/** True when a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the cycle lock so two processes (a cron `npm run build` beside `npm start`) never build at once.
 * Returns a release function; throws a one-line error naming the other pid when it is alive.
 */
export async function acquireCycleLock(layout: SiteLayout): Promise<() => Promise<void>> {
  await mkdir(dirname(layout.lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(layout.lockFile, `${process.pid}\n`, { flag: 'wx' });
      return async () => {
        const owner = await readFile(layout.lockFile, 'utf8').catch(() => '');
        if (Number(owner.trim()) === process.pid) await unlink(layout.lockFile).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number((await readFile(layout.lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new Error(`another fluxstatus cycle (pid ${owner}) holds ${layout.lockFile}: wait for it, or stop that process`);
      }
      // Stale lock of a killed process (or a torn write): take it over.
      await unlink(layout.lockFile).catch(() => undefined);
    }
  }
  throw new Error(`could not take ${layout.lockFile}: remove it if no fluxstatus process is running`);
}

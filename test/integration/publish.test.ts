import { cp, mkdir, mkdtemp, readFile, readlink, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUILD_SNAPSHOT,
  COMPLETE_MARKER,
  REQUIRED_FILES,
  acquireCycleLock,
  checkBuild,
  cleanupBuilds,
  newBuildDir,
  publishBuild,
  publishedDir,
  readPublishedSnapshot,
  siteLayout,
  type SiteLayout,
} from '../../scripts/lib/publish';

const SAMPLE = resolve('test/fixtures/snapshots/sample.json');
let root: string;
let layout: SiteLayout;

/** A fake but complete build: the key pages (tagged with `tag`) and the sample snapshot. */
async function fakeBuild(tag: string, wallMs: number, omit: string | null = null): Promise<string> {
  const dir = await newBuildDir(layout, wallMs);
  for (const file of REQUIRED_FILES) {
    if (file === omit) continue;
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), `<!-- ${tag} -->`);
  }
  await cp(SAMPLE, join(dir, BUILD_SNAPSHOT));
  return dir;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fluxstatus-publish-'));
  layout = siteLayout(join(root, '.fluxstatus'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('publishBuild', () => {
  it('switches the published symlink to a complete build and marks it complete', async () => {
    const dir = await fakeBuild('one', 1_000);
    await publishBuild(layout, dir);
    expect(await publishedDir(layout)).toBe(dir);
    expect(await readlink(layout.siteLink)).toMatch(/^builds\//);
    expect(await readFile(join(layout.siteLink, 'client/nl/index.html'), 'utf8')).toBe('<!-- one -->');
    expect((await stat(join(dir, COMPLETE_MARKER))).isFile()).toBe(true);
    expect((await readPublishedSnapshot(layout))?.schema_version).toBe(1);
  });

  it('refuses a build without the badge and leaves the published site untouched', async () => {
    const good = await fakeBuild('good', 1_000);
    await publishBuild(layout, good);
    const bad = await fakeBuild('bad', 2_000, 'client/badge.svg');
    await expect(publishBuild(layout, bad)).rejects.toThrow(/not published: client\/badge\.svg is missing/);
    expect(await publishedDir(layout)).toBe(good);
    await expect(stat(join(bad, COMPLETE_MARKER))).rejects.toThrow();
  });

  it('refuses a build whose snapshot is not valid, naming the place', async () => {
    const dir = await fakeBuild('x', 1_000);
    await writeFile(join(dir, BUILD_SNAPSHOT), JSON.stringify({ schema_version: 2 }));
    expect((await checkBuild(dir)).join('; ')).toMatch(/^snapshot\.json: not a valid snapshot at schema_version/);
  });

  it('refuses to replace a real directory at the published path, telling what to do', async () => {
    await mkdir(layout.siteLink, { recursive: true });
    await expect(publishBuild(layout, await fakeBuild('x', 1_000))).rejects.toThrow(/is a real directory or file, not the published symlink: move it away/);
  });

  it('publishes to another path given with --out, with a relative link', async () => {
    const out = siteLayout(join(root, '.fluxstatus'), join(root, 'dist'));
    layout = out;
    const dir = await fakeBuild('out', 1_000);
    await publishBuild(out, dir);
    expect(await readlink(join(root, 'dist'))).toMatch(new RegExp(`^\\.fluxstatus/builds-out/dist-[0-9a-f]{12}/${dir.split('/').at(-1)}$`));
  });

  it('keeps an --out build while it is published, whatever is built for another --out or the default site', async () => {
    const a = siteLayout(join(root, '.fluxstatus'), join(root, 'A'));
    const b = siteLayout(join(root, '.fluxstatus'), join(root, 'B'));
    layout = a;
    const builtA = await fakeBuild('a', 1_000);
    await publishBuild(a, builtA);
    for (let i = 0; i < 4; i++) {
      for (const other of [b, siteLayout(join(root, '.fluxstatus'))]) {
        layout = other;
        await publishBuild(other, await fakeBuild(`b${i}`, 2_000 + i * 1_000));
        await cleanupBuilds(other, 2);
      }
    }
    expect(await publishedDir(a)).toBe(builtA);
    expect(await readFile(join(root, 'A', 'client/nl/index.html'), 'utf8')).toBe('<!-- a -->');
    expect(await checkBuild(builtA)).toEqual([]);
  });
});

describe('cleanupBuilds', () => {
  it('removes killed builds and keeps the newest three, the published one included', async () => {
    const dirs: string[] = [];
    for (let i = 0; i < 5; i++) {
      dirs.push(await fakeBuild(`b${i}`, 1_000 * (i + 1)));
      await publishBuild(layout, dirs[i]!);
    }
    const killed = await fakeBuild('killed', 9_000); // never marked complete
    await symlink('builds/x', `${layout.siteLink}.tmp-99999`);
    const removed = await cleanupBuilds(layout, 3);
    expect(removed.sort()).toEqual([dirs[0], dirs[1], killed].sort());
    expect((await readdir(layout.buildsDir)).length).toBe(3);
    expect(await publishedDir(layout)).toBe(dirs[4]);
    expect(await readdir(join(root, '.fluxstatus'))).not.toContain('site.tmp-99999');
  });

  it('never removes the published build, even when it is older than the others', async () => {
    const old = await fakeBuild('old', 1_000);
    await publishBuild(layout, old);
    for (let i = 0; i < 4; i++) await publishBuild(layout, await fakeBuild(`n${i}`, 5_000 + i)).then(() => undefined);
    const newest = await publishedDir(layout);
    await publishBuild(layout, old); // roll back to the old build
    await cleanupBuilds(layout, 2);
    expect(await publishedDir(layout)).toBe(old);
    expect((await readdir(layout.buildsDir)).map((n) => join(layout.buildsDir, n)).sort()).toEqual([old, newest].sort());
  });

  it('keeps the build in progress', async () => {
    const inProgress = await fakeBuild('wip', 1_000);
    await cleanupBuilds(layout, 3, inProgress);
    expect(await stat(inProgress).then(() => true)).toBe(true);
  });
});

describe('acquireCycleLock', () => {
  it('refuses a second cycle while a live process holds the lock, naming its pid', async () => {
    await mkdir(join(root, '.fluxstatus'), { recursive: true });
    await writeFile(layout.lockFile, `${process.ppid}\n`);
    await expect(acquireCycleLock(layout)).rejects.toThrow(`another fluxstatus cycle (pid ${process.ppid}) holds`);
  });

  it('takes over the lock of a killed process and releases it afterwards', async () => {
    await mkdir(join(root, '.fluxstatus'), { recursive: true });
    await writeFile(layout.lockFile, '2147483646\n');
    const release = await acquireCycleLock(layout);
    expect((await readFile(layout.lockFile, 'utf8')).trim()).toBe(String(process.pid));
    await release();
    await expect(stat(layout.lockFile)).rejects.toThrow();
  });
});

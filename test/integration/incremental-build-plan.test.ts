/**
 * The build plan decides, before Astro runs, which archive pages to render: only those whose
 * content hash changed, and all of them whenever anything is uncertain.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAN_MANIFEST, planBuild, routeHashes, templateFingerprint } from '../../scripts/lib/build-plan';
import { reusePages, writePlanManifest } from '../../scripts/lib/build-reuse';
import type { Snapshot } from '../../src/lib/snapshot/schema';
import { generateSnapshot } from '../fixtures/snapshots/generate';

const TEMPLATE = 'template-1';
let dir: string;
let snapshot: Snapshot;

/** A fake previous build holding every archive page of `snap` and its manifest. */
async function previousBuild(snap: Snapshot, template = TEMPLATE): Promise<string> {
  const prev = join(dir, 'prev');
  const plan = await planBuild(snap, template, null);
  for (const file of plan.render) {
    await mkdir(join(prev, 'client', file, '..'), { recursive: true });
    await writeFile(join(prev, 'client', file), `<!-- ${file} -->`);
  }
  await writePlanManifest(plan, prev);
  return prev;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxstatus-plan-'));
  snapshot = generateSnapshot({ incidents: 8 });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('route hashes', () => {
  it('do not change with the minute, the levels or the charts, only with what an archive page shows', () => {
    const before = routeHashes(snapshot, TEMPLATE);
    const next = structuredClone(snapshot);
    next.generated_at = '2025-11-04T15:31:00+01:00';
    next.valid_until = '2025-11-04T15:36:00+01:00';
    next.services[0]!.level = 'major_outage';
    next.services[0]!.uptime_days = [];
    expect(routeHashes(next, TEMPLATE)).toEqual(before);
    const resolved = next.incidents.find((i) => i.status === 'resolved')!;
    resolved.title = { nl: 'Nieuwe titel' };
    const after = routeHashes(next, TEMPLATE);
    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f));
    // Its page in three languages and its month page in three languages.
    expect(changed.filter((f) => f.includes(resolved.id))).toHaveLength(3);
    expect(changed).toHaveLength(6);
  });

  it('all change when the site template changes', () => {
    const a = routeHashes(snapshot, TEMPLATE);
    const b = routeHashes(snapshot, 'template-2');
    expect([...a.keys()].every((f) => a.get(f) !== b.get(f))).toBe(true);
  });

  it('leave ongoing incidents out: their pages show "now" and are rendered by every build', () => {
    const files = [...routeHashes(snapshot, TEMPLATE).keys()];
    expect(files.some((f) => f.includes('raotd-storing-tarificatie'))).toBe(false);
    expect(files).toContain('nl/incidents/2025-10/index.html');
    expect(files.some((f) => f.startsWith('nl/incidents/2025-11/'))).toBe(false);
  });
});

describe('planBuild', () => {
  it('builds everything when there is no previous build', async () => {
    const plan = await planBuild(snapshot, TEMPLATE, null);
    expect(plan).toMatchObject({ mode: 'full', reason: 'no previous build', reuse: [] });
    expect(plan.render.length).toBe(plan.hashes.size);
  });

  it('reuses every page of an unchanged snapshot', async () => {
    const plan = await planBuild(snapshot, TEMPLATE, await previousBuild(snapshot));
    expect(plan.mode).toBe('incremental');
    expect(plan.render).toEqual([]);
    expect(plan.reuse.length).toBe(plan.hashes.size);
  });

  it('builds everything when the site template changed', async () => {
    const plan = await planBuild(snapshot, 'template-2', await previousBuild(snapshot));
    expect(plan).toMatchObject({ mode: 'full', reason: 'the site template changed', reuse: [] });
  });

  it.each([
    ['is missing', null],
    ['is not JSON', '{"version":1,'],
    ['has an unknown key', JSON.stringify({ version: 1, template: TEMPLATE, routes: {}, extra: 1 })],
    ['is of another version', JSON.stringify({ version: 2, template: TEMPLATE, routes: {} })],
  ])('builds everything when the previous manifest %s', async (_why, text) => {
    const prev = await previousBuild(snapshot);
    await rm(join(prev, PLAN_MANIFEST));
    if (text !== null) await writeFile(join(prev, PLAN_MANIFEST), text);
    const plan = await planBuild(snapshot, TEMPLATE, prev);
    expect(plan.mode).toBe('full');
    expect(plan.reason).toBe(`no valid ${PLAN_MANIFEST} in the previous build`);
  });

  it('renders a page again when its file is gone from the previous build', async () => {
    const prev = await previousBuild(snapshot);
    await rm(join(prev, 'client', 'fr/incidents/2025-10/index.html'));
    const plan = await planBuild(snapshot, TEMPLATE, prev);
    expect(plan.render).toEqual(['fr/incidents/2025-10/index.html']);
  });
});

describe('reusePages', () => {
  it('links the reused pages into the new build and records them in its manifest', async () => {
    const prev = await previousBuild(snapshot);
    const plan = await planBuild(snapshot, TEMPLATE, prev);
    const out = join(dir, 'next');
    const result = reusePages(plan, out);
    expect(result).toEqual({ linked: plan.reuse.length, copied: 0 });
    const manifest = await writePlanManifest(plan, out);
    expect(Object.keys(manifest.routes).sort()).toEqual([...plan.hashes.keys()].sort());
  });
});

describe('templateFingerprint', () => {
  it('is stable for an unchanged project', async () => {
    await expect(templateFingerprint(process.cwd())).resolves.toBe(await templateFingerprint(process.cwd()));
  });

  it('changes when a page file or the render bundle script changes, and not otherwise', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fluxstatus-fingerprint-'));
    try {
      await mkdir(join(root, 'src/pages'), { recursive: true });
      await mkdir(join(root, 'scripts/lib'), { recursive: true });
      await writeFile(join(root, 'src/pages/index.astro'), '<p>a</p>');
      await writeFile(join(root, 'scripts/lib/render-bundle-integration.ts'), 'export {};');
      const first = await templateFingerprint(root);
      expect(await templateFingerprint(root)).toBe(first);
      await writeFile(join(root, 'src/pages/index.astro'), '<p>changed</p>');
      const second = await templateFingerprint(root);
      expect(second).not.toBe(first);
      await writeFile(join(root, 'scripts/lib/render-bundle-integration.ts'), 'export const x = 1;');
      expect(await templateFingerprint(root)).not.toBe(second);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

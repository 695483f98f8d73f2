/**
 * An incremental build (archive pages linked from the previous build) is byte for byte the site a
 * full build makes, for a one-minute change: one new incident in an old month and a level change.
 * Real Astro builds (three of them, ~20–60 s each on a shared machine), inside the project directory.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plannedAstroBuild, type PlannedBuildResult } from '../../scripts/lib/astro-build';
import { PLAN_MANIFEST } from '../../scripts/lib/build-plan';
import type { Snapshot } from '../../src/lib/snapshot/schema';
import { toZonedIso } from '../../src/lib/time/zone';
import { generateSnapshot, SAMPLE_NOW } from '../fixtures/snapshots/generate';
import { differingFiles, tree } from './helpers/build-compare';

const ROOT = resolve('.');
const WORK = join(ROOT, '.fluxstatus', `test-incremental-${process.pid}`);
/** A fixed server-island key, so two builds of the same snapshot are identical (Astro draws one per build otherwise). */
const ENV = { ASTRO_KEY: 'MsZEtLJP7fN+q7y1m2M1yQ0qlmOTIYuTudWbwSa9DFY=' };
const TZ = 'Europe/Brussels';

/** The next minute: a new resolved incident in an old month and GFD turning degraded. */
function nextMinute(before: Snapshot): Snapshot {
  const after: Snapshot = structuredClone(before);
  after.generated_at = toZonedIso(SAMPLE_NOW + 60, TZ);
  after.valid_until = toZonedIso(SAMPLE_NOW + 360, TZ);
  const gfd = after.services.find((s) => s.id === 'gfd');
  if (gfd) gfd.level = 'degraded';
  const start = SAMPLE_NOW - 40 * 86400;
  after.incidents.push({
    ...structuredClone(after.incidents.at(-1)!),
    id: 'late-written-postmortem',
    title: { nl: 'PCDH: laat gemelde storing', fr: 'PCDH : incident signalé tardivement' },
    service_ids: ['pcdh'],
    started_at: toZonedIso(start, TZ),
    resolved_at: toZonedIso(start + 3600, TZ),
    updates: [],
  });
  return after;
}

let incremental: PlannedBuildResult;
const dirA = join(WORK, 'a');
const dirB = join(WORK, 'b');

beforeAll(async () => {
  await mkdir(WORK, { recursive: true });
  const before = generateSnapshot({ incidents: 12 });
  await writeFile(join(WORK, 'a.json'), JSON.stringify(before));
  await writeFile(join(WORK, 'b.json'), JSON.stringify(nextMinute(before)));
  const build = (snap: string, outDir: string, previousDir: string | null) =>
    plannedAstroBuild({ root: ROOT, snapshotPath: join(WORK, snap), outDir, previousDir, env: ENV });
  await build('a.json', dirA, null);
  // The full build of the next minute goes to the same path as the incremental one (Astro writes
  // its output path into server/), then moves aside.
  await build('b.json', dirB, null);
  await rename(dirB, `${dirB}-full`);
  incremental = await build('b.json', dirB, dirA);
}, 600_000);

afterAll(async () => {
  await rm(WORK, { recursive: true, force: true });
});

describe('an incremental build after a one-minute change', () => {
  it('renders only the archive pages whose content changed and reuses the others', () => {
    const { plan, reused } = incremental;
    expect(plan.mode).toBe('incremental');
    // The new incident's page in nl, fr and en, and its month's page in the three languages.
    const month = plan.render.filter((f) => /incidents\/\d{4}-\d{2}\/index\.html$/.test(f));
    expect(plan.render.filter((f) => f.includes('late-written-postmortem')).sort()).toEqual(
      ['en', 'fr', 'nl'].map((l) => `${l}/incidents/late-written-postmortem/index.html`),
    );
    expect(month).toHaveLength(3);
    expect(plan.render).toHaveLength(6);
    expect(plan.reuse.length).toBeGreaterThan(30);
    expect(reused.linked + reused.copied).toBe(plan.reuse.length);
  });

  it('is byte for byte the site a full build makes, file by file', async () => {
    const full = await tree(`${dirB}-full`);
    const inc = await tree(dirB);
    expect([...inc.keys()]).toEqual([...full.keys()]);
    expect([...full.keys()].filter((f) => f.startsWith('client/')).length).toBeGreaterThan(150);
    const differing = await differingFiles(`${dirB}-full`, full, dirB, inc);
    expect(differing).toEqual([]);
  });

  it('links the reused pages to the previous build instead of copying them', async () => {
    const file = incremental.plan.reuse[0]!;
    const [a, b] = await Promise.all([stat(join(dirA, 'client', file)), stat(join(dirB, 'client', file))]);
    expect(b.ino).toBe(a.ino);
    await expect(stat(join(dirB, PLAN_MANIFEST)).then((s) => s.size > 0)).resolves.toBe(true);
  });
});

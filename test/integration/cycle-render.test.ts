/**
 * The per-cycle render of `npm start` (no Vite build per minute) makes byte for byte the site a full
 * `astro build` makes: a render template checked against one full build, then the next minute
 * (levels changed, an incident resolved) rendered from it into a fresh build directory, compared
 * file by file with a full build of that minute into the same path. Real Astro builds (three).
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plannedAstroBuild } from '../../scripts/lib/astro-build';
import { templateFingerprint } from '../../scripts/lib/build-plan';
import { adoptSharedTemplate, loadTemplate, prepareTemplate, shareTemplate, sharedTemplateDir, type RenderTemplate } from '../../scripts/lib/render-template';
import { renderedBuild, type RenderedBuild } from '../../scripts/lib/site-builder';
import type { Snapshot } from '../../src/lib/snapshot/schema';
import { toZonedIso } from '../../src/lib/time/zone';
import { generateSnapshot, SAMPLE_NOW } from '../fixtures/snapshots/generate';
import { differingFiles, tree } from './helpers/build-compare';

const ROOT = resolve('.');
const WORK = join(ROOT, '.fluxstatus', `test-render-${process.pid}`);
/** A fixed server-island key: Astro draws one per build otherwise (it is in server/). */
const ENV = { ASTRO_KEY: 'MsZEtLJP7fN+q7y1m2M1yQ0qlmOTIYuTudWbwSa9DFY=' };

/** Two minutes later: PCDH down, RaOTD back to normal, the validity moved. */
function twoMinutesLater(before: Snapshot): Snapshot {
  const after: Snapshot = structuredClone(before);
  after.generated_at = toZonedIso(SAMPLE_NOW + 120, 'Europe/Brussels');
  after.valid_until = toZonedIso(SAMPLE_NOW + 420, 'Europe/Brussels');
  for (const s of after.services) {
    if (s.id === 'pcdh') s.level = 'major_outage';
    if (s.id === 'raotd') s.level = 'operational';
  }
  return after;
}

const dirA = join(WORK, 'a');
const dirB = join(WORK, 'b');
let template: RenderTemplate;
let rendered: RenderedBuild;

beforeAll(async () => {
  await mkdir(WORK, { recursive: true });
  const before = generateSnapshot({ incidents: 12 });
  await writeFile(join(WORK, 'a.json'), JSON.stringify(before));
  await writeFile(join(WORK, 'b.json'), JSON.stringify(twoMinutesLater(before)));
  await plannedAstroBuild({ root: ROOT, snapshotPath: join(WORK, 'a.json'), outDir: dirA, previousDir: null, env: ENV });
  template = await prepareTemplate({ root: ROOT, stateDir: WORK, fingerprint: await templateFingerprint(ROOT), referenceDir: dirA, snapshotPath: join(WORK, 'a.json') });
  await plannedAstroBuild({ root: ROOT, snapshotPath: join(WORK, 'b.json'), outDir: dirB, previousDir: null, env: ENV });
  await rename(dirB, `${dirB}-full`);
  rendered = await renderedBuild(template, join(WORK, 'b.json'), dirB, dirA);
}, 900_000);

afterAll(async () => {
  await rm(WORK, { recursive: true, force: true });
});

describe('the per-cycle render from a render template', () => {
  it('renders the live pages and links the unchanged archive pages from the previous build', () => {
    expect(rendered.plan.mode).toBe('incremental');
    expect(rendered.plan.render).toEqual([]);
    expect(rendered.reused.linked + rendered.reused.copied).toBe(rendered.plan.reuse.length);
    expect(rendered.rendered).toBeGreaterThan(50);
  });

  it('is byte for byte the site a full astro build makes, file by file', async () => {
    const full = await tree(`${dirB}-full`);
    const mine = await tree(dirB);
    expect([...mine.keys()]).toEqual([...full.keys()]);
    expect([...full.keys()].filter((f) => f.startsWith('client/')).length).toBeGreaterThan(100);
    const differing = await differingFiles(`${dirB}-full`, full, dirB, mine);
    expect(differing).toEqual([]);
  });

  it('shows the new levels (the render read the new snapshot, not a cached one)', async () => {
    const api = JSON.parse(await readFile(join(dirB, 'client/api/v2/components.json'), 'utf8')) as { components: { name: string; status: string }[] };
    const before = JSON.parse(await readFile(join(dirA, 'client/api/v2/components.json'), 'utf8')) as unknown;
    expect(api).not.toEqual(before);
    expect(api.components.some((c) => c.status === 'major_outage')).toBe(true);
  });

  it('is found again on disk by the next start, with the same bundle', async () => {
    const again = await loadTemplate(WORK, template.fingerprint);
    expect(again?.dir).toBe(template.dir);
    expect(again?.pathFiles).toEqual(template.pathFiles);
    await expect(stat(join(template.dir, 'server', 'fluxstatus-render.mjs')).then((s) => s.size > 0)).resolves.toBe(true);
  });

  it('is kept for the project, and a new state directory renders from that copy the same pages', async () => {
    // A stand-in project root: only its node_modules/.cache/fluxstatus/render is used.
    const project = join(WORK, 'project');
    await shareTemplate(project, template);
    await expect(stat(join(sharedTemplateDir(project, template.fingerprint), 'TEMPLATE.json')).then((s) => s.isFile())).resolves.toBe(true);
    const adopted = await adoptSharedTemplate(project, join(WORK, 'state-new'), template.fingerprint);
    expect(adopted?.dir).toBe(join(WORK, 'state-new', 'render', template.fingerprint.slice(0, 16)));
    const dirC = join(WORK, 'c');
    const again = await renderedBuild(adopted!, join(WORK, 'b.json'), dirC, dirA);
    expect(again.rendered).toBe(rendered.rendered);
    const mine = await tree(join(dirB, 'client'));
    const theirs = await tree(join(dirC, 'client'));
    expect([...theirs.keys()]).toEqual([...mine.keys()]);
    expect(await differingFiles(join(dirB, 'client'), mine, join(dirC, 'client'), theirs)).toEqual([]);
  });

  it('has no project copy for another fingerprint', async () => {
    expect(await adoptSharedTemplate(join(WORK, 'project'), join(WORK, 'state-other'), 'f'.repeat(64))).toBeNull();
  });
});

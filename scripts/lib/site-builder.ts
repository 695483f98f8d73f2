/**
 * The site builder of `npm start`: a Vite/Astro build only when the site template (fingerprint of
 * src/**, astro.config.mjs, tsconfig.json, package-lock.json, Node) has no checked render template
 * yet; otherwise each cycle's pages are rendered in this process from the render bundle, beside the
 * template's assets and the archive pages hard-linked from the published build. See
 * docs/operations.md ("No Vite build per minute").
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SnapshotSchema } from '../../src/lib/snapshot/schema';
import { plannedAstroBuild } from './astro-build';
import { planBuild, templateFingerprint, type BuildPlan } from './build-plan';
import { reusePages, writePlanManifest, type ReuseResult } from './build-reuse';
import type { SiteBuilder } from './cycle-run';
import { publishedDir, type SiteLayout } from './publish';
import { adoptSharedTemplate, loadTemplate, placeBase, prepareTemplate, removeOtherTemplates, shareTemplate, templateDir, type RenderTemplate } from './render-template';

/** What a rendered build did. */
export interface RenderedBuild {
  plan: BuildPlan;
  rendered: number;
  reused: ReuseResult;
  /** Lines the pages logged (e.g. missing translations). */
  logged: string[];
}

/** One build of `snapshotPath` into `outDir` from a checked template: byte for byte what astro build makes. */
export async function renderedBuild(t: RenderTemplate, snapshotPath: string, outDir: string, previousDir: string | null): Promise<RenderedBuild> {
  const snapshot = SnapshotSchema.parse(JSON.parse(await readFile(snapshotPath, 'utf8')));
  const plan = await planBuild(snapshot, t.fingerprint, previousDir);
  placeBase(t, outDir);
  const pass = await t.renderer.render(snapshotPath, join(outDir, 'client'), new Set(plan.reuse));
  const reused = reusePages(plan, outDir);
  await writePlanManifest(plan, outDir);
  return { plan, rendered: pass.written.length, reused, logged: pass.logged };
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';

/** The builder: renders from the template when one is ready, else runs astro build and prepares one. */
/**
 * `useProjectTemplate` (default true): a new state directory may start from the template this project
 * kept (node_modules/.cache/fluxstatus/render); `npm start -- --fresh-template` turns that off.
 */
export function renderingSiteBuilder(options: { root: string; stateDir: string; layout: SiteLayout; useProjectTemplate?: boolean; log: (line: string) => void }): SiteBuilder {
  const { root, stateDir, layout, log } = options;
  const useProjectTemplate = options.useProjectTemplate ?? true;
  let ready: RenderTemplate | null = null;
  let preparing: Promise<void> | null = null;
  /** Fingerprints whose render did not equal astro build: those keep building with Astro. */
  const refused = new Set<string>();
  let loadedFromDisk = false;

  return async (snapshotPath, outDir, signal) => {
    if (preparing !== null) await preparing;
    const fingerprint = await templateFingerprint(root);
    if (ready === null && !loadedFromDisk) {
      loadedFromDisk = true;
      ready = await loadTemplate(stateDir, fingerprint).catch((e: unknown) => {
        log(`render template: ${firstLine(e)}; building it again`);
        return null;
      });
      if (ready === null && useProjectTemplate) {
        // A new state directory of a version this project already checked: its template, not a Vite build.
        ready = await adoptSharedTemplate(root, stateDir, fingerprint).catch((e: unknown) => {
          log(`render template of the project: ${firstLine(e)}; building it again`);
          return null;
        });
        if (ready !== null) log(`render template ${fingerprint.slice(0, 8)}: the one this project checked (node_modules/.cache/fluxstatus/render) — no Vite build`);
      }
    }
    const previousDir = await publishedDir(layout);
    if (ready !== null && ready.fingerprint === fingerprint) {
      const t0 = performance.now();
      const r = await renderedBuild(ready, snapshotPath, outDir, previousDir);
      const extra = r.logged.length > 0 ? `; pages said: ${r.logged.slice(0, 2).join(' / ')}` : '';
      return `render=${Math.round(performance.now() - t0)}ms: ${r.rendered} pages rendered, ${r.reused.linked + r.reused.copied} linked${extra}`;
    }
    // A new template (or none yet): a full Vite/Astro build, then the render template in the background.
    const built = await plannedAstroBuild({ root, snapshotPath, outDir, previousDir, ...(signal ? { signal } : {}) });
    const note = `astro build (template ${fingerprint.slice(0, 8)}${ready === null ? '' : ' changed'}): ${built.plan.render.length} archive pages rendered, ${built.reused.linked + built.reused.copied} linked`;
    if (refused.has(fingerprint)) return note;
    // The snapshot moves into the build when this returns: the check renders a copy.
    const dir = templateDir(stateDir, fingerprint);
    const checkSnapshot = `${dir}.snapshot.json`;
    mkdirSync(dirname(checkSnapshot), { recursive: true });
    copyFileSync(snapshotPath, checkSnapshot);
    const t0 = performance.now();
    preparing = prepareTemplate({ root, stateDir, fingerprint, referenceDir: outDir, snapshotPath: checkSnapshot, ...(signal ? { signal } : {}) })
      .then(async (t) => {
        ready = t;
        await removeOtherTemplates(stateDir, fingerprint);
        await shareTemplate(root, t).catch((e: unknown) => log(`render template ${fingerprint.slice(0, 8)} not kept for the project: ${firstLine(e)}`));
        log(`render template ${fingerprint.slice(0, 8)} ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: the next cycles render without a Vite build`);
      })
      .catch((e: unknown) => {
        if (signal?.aborted) return;
        refused.add(fingerprint);
        log(`render template ${fingerprint.slice(0, 8)} not used: ${firstLine(e)} — every cycle runs astro build until the template changes`);
      })
      .finally(() => {
        preparing = null;
      });
    return `${note}; preparing the per-cycle render`;
  };
}

/**
 * Fills a fresh build with the archive pages the plan did not render: hard links to the previous
 * complete build's files (no copy, no extra disk; a later removal of the old build only drops a
 * link), or a copy when linking is not possible (another file system, no permission). Then writes
 * the build's manifest, so the next build can reuse from this one.
 */
import { copyFileSync, linkSync, mkdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PLAN_MANIFEST, type BuildPlan, type PlanManifest } from './build-plan';

/** How the reused pages got into the build. */
export interface ReuseResult {
  linked: number;
  copied: number;
}

/**
 * Links (or copies) the plan's reused files from the previous build into `outDir`/client. Synchronous
 * on purpose: thousands of tiny link(2) calls run several times faster than through the thread pool,
 * and the process that runs cycles serves no requests (the server is a child process).
 */
export function reusePages(plan: BuildPlan, outDir: string): ReuseResult {
  const result: ReuseResult = { linked: 0, copied: 0 };
  if (plan.previousDir === null || plan.reuse.length === 0) return result;
  const made = new Set<string>();
  for (const file of plan.reuse) {
    const from = join(plan.previousDir, 'client', file);
    const to = join(outDir, 'client', file);
    const dir = dirname(to);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    try {
      linkSync(from, to);
      result.linked++;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // EEXIST: Astro rendered it after all (cannot happen with a plan; never overwrite a fresh page).
      if (code === 'EEXIST') throw new Error(`reused page ${file} was also rendered by this build — remove ${outDir} and build again`);
      copyFileSync(from, to);
      result.copied++;
    }
  }
  return result;
}

/**
 * Writes `outDir`/BUILD_PLAN.json with the hash of every archive page present in the build (a page
 * Astro did not write, e.g. under a name it changed, is left out, so the next build renders it).
 */
export async function writePlanManifest(plan: BuildPlan, outDir: string): Promise<PlanManifest> {
  const reused = new Set(plan.reuse);
  const routes: Record<string, string> = {};
  for (const [file, hash] of plan.hashes) {
    // A reused page was just linked; a rendered one is checked.
    const present = reused.has(file) || (statSync(join(outDir, 'client', file), { throwIfNoEntry: false })?.isFile() ?? false);
    if (present) routes[file] = hash;
  }
  const manifest: PlanManifest = { version: 1, template: plan.template, routes };
  await writeFile(join(outDir, PLAN_MANIFEST), `${JSON.stringify(manifest)}\n`);
  return manifest;
}

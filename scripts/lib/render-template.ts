/**
 * The render template of one site template (fingerprint): built once, checked once, then used by
 * every cycle until the template changes. `<state>/render/<fingerprint>/` holds
 * - `server/`: the render bundle (scripts/lib/render-bundle-integration.ts), imported once;
 * - `base/`: what a full `astro build` makes besides the pages — client assets and public files,
 *   and its server/ directory — taken from a reference build of the same template;
 * - `TEMPLATE.json`: the reference build's path (written into server/ files by Astro) and the
 *   fingerprint; it is written last, only after every page the renderer made for the reference
 *   build's snapshot equalled that build's file byte for byte.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { astroBuild } from './astro-build';
import { loadRenderer, type SiteRenderer } from './site-render';

/** The marker of a checked template. */
export const TEMPLATE_MARKER = 'TEMPLATE.json';

/** A checked, loaded template. */
export interface RenderTemplate {
  fingerprint: string;
  dir: string;
  renderer: SiteRenderer;
  /** The absolute path of the reference build, as written into its server/ files. */
  referenceDir: string;
  /** server/ files (relative) that contain `referenceDir`. */
  pathFiles: string[];
}

/** Where the template of a fingerprint lives under a state directory. */
export function templateDir(stateDir: string, fingerprint: string): string {
  return join(resolve(stateDir), 'render', fingerprint.slice(0, 16));
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Hard-links `from` to `to` (a copy when linking is not possible). */
function linkFile(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
    copyFileSync(from, to);
  }
}

/** Links every file of the tree `from` into `to` (directories made as needed). */
export function linkTree(from: string, to: string, files: readonly string[] = filesUnder(from)): number {
  const made = new Set<string>();
  for (const file of files) {
    const dest = join(to, file);
    const dir = dirname(dest);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    linkFile(join(from, file), dest);
  }
  return files.length;
}

/**
 * Builds the render bundle for the current template, renders `snapshotPath` with it and compares
 * every page with `referenceDir` (a complete build of that snapshot with the same template). Throws
 * one line naming the first differing file; on success the template is ready on disk and loaded.
 */
export async function prepareTemplate(options: {
  root: string;
  stateDir: string;
  fingerprint: string;
  referenceDir: string;
  snapshotPath: string;
  signal?: AbortSignal;
}): Promise<RenderTemplate> {
  const { root, fingerprint, snapshotPath, signal } = options;
  const referenceDir = resolve(options.referenceDir);
  const dir = templateDir(options.stateDir, fingerprint);
  await rm(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The bundle build writes a site of its own (not used) beside the bundle it keeps.
  const scratch = join(dir, 'scratch');
  try {
    await astroBuild({ root, snapshotPath, outDir: scratch, env: { FLUXSTATUS_RENDER_BUNDLE: join(dir, 'server') }, ...(signal ? { signal } : {}) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const renderer = await loadRenderer(join(dir, 'server'));
  const check = join(dir, 'check');
  const pass = await renderer.render(snapshotPath, join(check, 'client'), new Set());
  const written = new Set(pass.written);
  for (const file of pass.written) {
    const ref = await readFile(join(referenceDir, 'client', file)).catch(() => null);
    if (ref === null) throw new Error(`per-cycle render made ${file}, which astro build did not`);
    if (!ref.equals(await readFile(join(check, 'client', file)))) throw new Error(`per-cycle render differs from astro build in ${file}`);
  }
  await rm(check, { recursive: true, force: true });
  // Everything else astro build made is the same for every snapshot of this template.
  const assets = filesUnder(join(referenceDir, 'client')).filter((f) => !written.has(f));
  linkTree(join(referenceDir, 'client'), join(dir, 'base', 'client'), assets);
  await cp(join(referenceDir, 'server'), join(dir, 'base', 'server'), { recursive: true });
  const pathFiles = filesUnder(join(dir, 'base', 'server')).filter((f) => readFileSync(join(dir, 'base', 'server', f), 'latin1').includes(referenceDir));
  await writeFile(join(dir, TEMPLATE_MARKER), `${JSON.stringify({ fingerprint, referenceDir, pathFiles, pages: written.size, assets: assets.length })}\n`);
  return { fingerprint, dir, renderer, referenceDir, pathFiles };
}

/** Loads a template checked by an earlier run (null when there is none for this fingerprint). */
export async function loadTemplate(stateDir: string, fingerprint: string): Promise<RenderTemplate | null> {
  const dir = templateDir(stateDir, fingerprint);
  const text = await readFile(join(dir, TEMPLATE_MARKER), 'utf8').catch(() => null);
  if (text === null) return null;
  const meta = JSON.parse(text) as { fingerprint?: unknown; referenceDir?: unknown; pathFiles?: unknown };
  if (meta.fingerprint !== fingerprint || typeof meta.referenceDir !== 'string' || !Array.isArray(meta.pathFiles)) return null;
  return { fingerprint, dir, renderer: await loadRenderer(join(dir, 'server')), referenceDir: meta.referenceDir, pathFiles: meta.pathFiles as string[] };
}

/** Removes the templates of other fingerprints. */
export async function removeOtherTemplates(stateDir: string, keep: string): Promise<void> {
  const root = join(resolve(stateDir), 'render');
  const names = (() => {
    try {
      return readdirSync(root);
    } catch {
      return [];
    }
  })();
  for (const name of names) if (name !== keep.slice(0, 16)) await rm(join(root, name), { recursive: true, force: true });
}

/** Fills a fresh build directory with the template's non-page files; server/ files name `outDir`, as a full build's do. */
export function placeBase(t: RenderTemplate, outDir: string): void {
  const target = resolve(outDir);
  linkTree(join(t.dir, 'base', 'client'), join(target, 'client'));
  const pathFiles = new Set(t.pathFiles);
  const server = filesUnder(join(t.dir, 'base', 'server'));
  linkTree(join(t.dir, 'base', 'server'), join(target, 'server'), server.filter((f) => !pathFiles.has(f)));
  for (const f of pathFiles) {
    const text = readFileSync(join(t.dir, 'base', 'server', f), 'latin1');
    mkdirSync(dirname(join(target, 'server', f)), { recursive: true });
    writeFileSync(join(target, 'server', f), text.replaceAll(t.referenceDir, target), 'latin1');
  }
}

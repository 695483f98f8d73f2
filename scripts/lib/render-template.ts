/**
 * The render template of one site template (fingerprint): built once, checked once, then used by
 * every cycle until the template changes. `<state>/render/<fingerprint>/` holds
 * - `server/`: the render bundle (scripts/lib/render-bundle-integration.ts), imported once;
 * - `base/`: what a full `astro build` makes besides the pages — client assets and public files,
 *   and its server/ directory — taken from a reference build of the same template;
 * - `TEMPLATE.json`: the reference build's path (written into server/ files by Astro) and the
 *   fingerprint; it is written last, only after every page the renderer made for the reference
 *   build's snapshot equalled that build's file byte for byte.
 * A checked template is also kept for the project (`node_modules/.cache/fluxstatus/render/`, beside
 * Vite's cache): a new state directory of the same version — a second installation on the host, a
 * state directory wiped — starts from it instead of building and checking the bundle again. The
 * fingerprint covers every input of the pages (src/**, astro.config.mjs, tsconfig.json,
 * package-lock.json, the Node version), so it is the same template, checked on this host.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
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

/** Where a template's bundle is built before it is checked. */
function bundleDir(stateDir: string, fingerprint: string): string {
  return join(templateDir(stateDir, fingerprint), 'server');
}

/**
 * Builds the render bundle of the current template (an `astro build` that prerenders nothing; any
 * valid snapshot will do) into the template's directory, replacing what was there. Not usable before
 * `checkTemplate` proved it.
 */
export async function buildBundle(options: { root: string; stateDir: string; fingerprint: string; snapshotPath: string; signal?: AbortSignal }): Promise<void> {
  const { root, fingerprint, snapshotPath, signal } = options;
  const dir = templateDir(options.stateDir, fingerprint);
  await rm(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The bundle build writes a site of its own (not used) beside the bundle it keeps.
  const scratch = join(dir, 'scratch');
  try {
    await astroBuild({ root, snapshotPath, outDir: scratch, env: { FLUXSTATUS_RENDER_BUNDLE: bundleDir(options.stateDir, fingerprint) }, ...(signal ? { signal } : {}) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Checks a built bundle: renders `snapshotPath` with it and compares every page with `referenceDir`
 * (a complete build of that snapshot with the same template). Throws one line naming the first
 * differing file; on success the template is ready on disk (TEMPLATE.json written last) and loaded.
 */
export async function checkTemplate(options: { stateDir: string; fingerprint: string; referenceDir: string; snapshotPath: string }): Promise<RenderTemplate> {
  const { fingerprint, snapshotPath } = options;
  const referenceDir = resolve(options.referenceDir);
  const dir = templateDir(options.stateDir, fingerprint);
  const renderer = await loadRenderer(bundleDir(options.stateDir, fingerprint));
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
  await rm(join(dir, 'base'), { recursive: true, force: true });
  linkTree(join(referenceDir, 'client'), join(dir, 'base', 'client'), assets);
  await cp(join(referenceDir, 'server'), join(dir, 'base', 'server'), { recursive: true });
  const pathFiles = filesUnder(join(dir, 'base', 'server')).filter((f) => readFileSync(join(dir, 'base', 'server', f), 'latin1').includes(referenceDir));
  await writeFile(join(dir, TEMPLATE_MARKER), `${JSON.stringify({ fingerprint, referenceDir, pathFiles, pages: written.size, assets: assets.length })}\n`);
  return { fingerprint, dir, renderer, referenceDir, pathFiles };
}

/** Builds the bundle, then checks it against `referenceDir` (buildBundle + checkTemplate). */
export async function prepareTemplate(options: {
  root: string;
  stateDir: string;
  fingerprint: string;
  referenceDir: string;
  snapshotPath: string;
  signal?: AbortSignal;
}): Promise<RenderTemplate> {
  await buildBundle(options);
  return checkTemplate(options);
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

/** Where the project keeps its checked template of a fingerprint. */
export function sharedTemplateDir(root: string, fingerprint: string): string {
  return join(resolve(root), 'node_modules', '.cache', 'fluxstatus', 'render', fingerprint.slice(0, 16));
}

/** Copies a template's bundle, base and marker (the marker last) from one directory to another. */
async function copyTemplate(from: string, to: string): Promise<void> {
  await cp(join(from, 'server'), join(to, 'server'), { recursive: true });
  await cp(join(from, 'base'), join(to, 'base'), { recursive: true });
  await cp(join(from, TEMPLATE_MARKER), join(to, TEMPLATE_MARKER));
}

/** Keeps a checked template for the project (written aside, then renamed in; other fingerprints removed). */
export async function shareTemplate(root: string, t: RenderTemplate): Promise<void> {
  const target = sharedTemplateDir(root, t.fingerprint);
  const exists = await readFile(join(target, TEMPLATE_MARKER), 'utf8').then(() => true, () => false);
  if (exists) return;
  const aside = `${target}.${process.pid}.tmp`;
  await rm(aside, { recursive: true, force: true });
  await copyTemplate(t.dir, aside);
  await rm(target, { recursive: true, force: true });
  await rename(aside, target);
  const parent = dirname(target);
  for (const name of readdirSync(parent)) if (name !== basename(target) && !name.endsWith('.tmp')) await rm(join(parent, name), { recursive: true, force: true });
}

/** The project's checked template of `fingerprint`, copied into the state directory and loaded; null when there is none. */
export async function adoptSharedTemplate(root: string, stateDir: string, fingerprint: string): Promise<RenderTemplate | null> {
  const from = sharedTemplateDir(root, fingerprint);
  const marker = await readFile(join(from, TEMPLATE_MARKER), 'utf8').catch(() => null);
  if (marker === null) return null;
  const dir = templateDir(stateDir, fingerprint);
  await rm(dir, { recursive: true, force: true });
  await copyTemplate(from, dir);
  return loadTemplate(stateDir, fingerprint);
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

/**
 * The content-addressed build plan: which archive pages (resolved incidents, settled months — see
 * src/lib/view/history-routes.ts) this build must render, and which it may take from the previous
 * complete build because exactly the data they render did not change.
 *
 * A route's hash = sha256(template fingerprint + its props). The props are all an archive page
 * renders, the template fingerprint covers the code that renders them (src/**, astro.config.mjs,
 * tsconfig.json, package-lock.json, the Node version). Anything uncertain — no previous build, no or
 * a corrupt manifest, another template, a file missing in the previous build — means render.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'astro/zod';
import type { Snapshot } from '../../src/lib/snapshot/schema';
import { listedIncidents } from '../../src/lib/view/history';
import { archiveRoutes } from '../../src/lib/view/history-routes';

/** The manifest every build made with a plan keeps beside client/ and server/ (not served). */
export const PLAN_MANIFEST = 'BUILD_PLAN.json';

/** route file (relative to client/) → hash of what it renders, for the archive routes of a build. */
export const PlanManifestSchema = z
  .object({
    version: z.literal(1),
    /** Fingerprint of the site template the pages were rendered with. */
    template: z.string().min(1),
    routes: z.record(z.string()),
  })
  .strict();
export type PlanManifest = z.infer<typeof PlanManifestSchema>;

/**
 * Inputs of the site template, relative to the project root (directories are walked): the pages and
 * their code, Astro's config and dependencies, and the two scripts that build and run the per-cycle
 * render bundle (a checked template is reused as long as none of these changed).
 */
export const TEMPLATE_INPUTS = ['src', 'astro.config.mjs', 'tsconfig.json', 'package-lock.json', 'scripts/lib/render-bundle-integration.ts', 'scripts/lib/site-render.ts'] as const;

/** Files under a path (itself when a file), sorted, relative to `root`. */
async function filesUnder(root: string, path: string): Promise<string[]> {
  const full = join(root, path);
  const s = await stat(full).catch(() => null);
  if (s === null) return [];
  if (!s.isDirectory()) return [path];
  const entries = await readdir(full, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/** The last fingerprint computed per root, with the stat signature of the files it was computed from. */
const computed = new Map<string, { signature: string; fingerprint: string }>();

/**
 * sha256 of the site template: every input file's path and bytes, and the Node version. Asked every
 * cycle: the bytes are read again only when a file's size, mtime or inode changed, or a file came or went.
 */
export async function templateFingerprint(root: string): Promise<string> {
  const files: string[] = [];
  for (const input of TEMPLATE_INPUTS) files.push(...(await filesUnder(root, input)));
  const stats = await Promise.all(files.map((file) => stat(join(root, file)).catch(() => null)));
  const signature = files.map((file, i) => `${file}:${stats[i]?.size}:${stats[i]?.mtimeMs}:${stats[i]?.ino}`).join('\n');
  const last = computed.get(root);
  if (last !== undefined && last.signature === signature) return last.fingerprint;
  const hash = createHash('sha256').update(`node ${process.version}\n`);
  for (const file of files) {
    const bytes = await readFile(join(root, file));
    hash.update(`${file}\n${bytes.length}\n`).update(bytes);
  }
  const fingerprint = hash.digest('hex');
  computed.set(root, { signature, fingerprint });
  return fingerprint;
}

/** Hash of every archive route of a snapshot for a template (file → hash). */
export function routeHashes(snapshot: Snapshot, template: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const route of archiveRoutes(listedIncidents(snapshot.incidents), snapshot)) {
    out.set(route.file, createHash('sha256').update(template).update('\n').update(JSON.stringify(route.props)).digest('hex'));
  }
  return out;
}

/** Reads a build's manifest; null when missing or not a valid manifest (then: full build). */
export async function readPlanManifest(buildDir: string): Promise<PlanManifest | null> {
  const text = await readFile(join(buildDir, PLAN_MANIFEST), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = PlanManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What one build renders and reuses. */
export interface BuildPlan {
  /** full = every archive page rendered; incremental = some taken from `previousDir`. */
  mode: 'full' | 'incremental';
  /** Why the build is full (or "incremental"). */
  reason: string;
  template: string;
  /** Archive route files to render. */
  render: string[];
  /** Archive route files to link from `previousDir`/client. */
  reuse: string[];
  previousDir: string | null;
  /** Hash of every archive route of this build (the next manifest). */
  hashes: Map<string, string>;
}

/** Plans a build of `snapshot` given the previous complete build (or null). */
export async function planBuild(snapshot: Snapshot, template: string, previousDir: string | null): Promise<BuildPlan> {
  const hashes = routeHashes(snapshot, template);
  const full = (reason: string): BuildPlan => ({ mode: 'full', reason, template, render: [...hashes.keys()], reuse: [], previousDir: null, hashes });
  if (previousDir === null) return full('no previous build');
  const manifest = await readPlanManifest(previousDir);
  if (manifest === null) return full(`no valid ${PLAN_MANIFEST} in the previous build`);
  if (manifest.template !== template) return full('the site template changed');
  const render: string[] = [];
  const reuse: string[] = [];
  for (const [file, hash] of hashes) {
    const same = manifest.routes[file] === hash && (statSync(join(previousDir, 'client', file), { throwIfNoEntry: false })?.isFile() ?? false);
    (same ? reuse : render).push(file);
  }
  return { mode: 'incremental', reason: 'incremental', template, render, reuse, previousDir, hashes };
}

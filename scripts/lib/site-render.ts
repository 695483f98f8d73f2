/**
 * Renders the site's pages for a snapshot from a built render bundle, inside the long-lived
 * `npm start` process: no Vite, no child process, no new module per cycle. The bundle
 * (scripts/lib/render-bundle-integration.ts) is Astro's own server build of the same routes, imported
 * once per template; its `App` (the same bundled runtime as the pages) renders each prerendered
 * route's paths exactly as `astro build` enumerates, names and writes them (core/build/generate.js:
 * getStaticPaths → stringifyParams → the URL and output file of the "directory" format). Whether the
 * bytes are equal is not assumed: scripts/lib/render-template.ts checks every file against a full
 * `astro build` before the renderer is used.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RENDER_ENTRY, type RenderSettings } from './render-bundle-integration';

/** The parts of Astro's route data the renderer reads (from the bundle's manifest). */
interface RouteData {
  route: string;
  component: string;
  type: string;
  pathname?: string;
  prerender: boolean;
  generate: (params: Record<string, string>) => string;
}
interface PageModule {
  getStaticPaths?: (opts: { paginate: () => never; routePattern: string }) => unknown;
}
interface BundleManifest {
  routes: { routeData: RouteData }[];
  pageMap?: Map<string, () => Promise<{ page: () => Promise<PageModule> }>>;
}
interface BundleApp {
  render(request: Request, options: { routeData: RouteData }): Promise<Response>;
}
type AppClass = new (manifest: BundleManifest, streaming?: boolean) => BundleApp;

/** What one render pass wrote. */
export interface RenderPass {
  /** Files written, relative to the client directory. */
  written: string[];
  /** Distinct lines the pages logged (e.g. missing translations), for the cycle's note. */
  logged: string[];
}

/** A loaded render bundle. */
export interface SiteRenderer {
  bundleDir: string;
  /**
   * Renders every prerendered page of the snapshot at `snapshotPath` into `clientDir`, except the
   * files in `skip` (relative to client/, reused from the previous build). Throws one line on failure.
   */
  render(snapshotPath: string, clientDir: string, skip: ReadonlySet<string>): Promise<RenderPass>;
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';

/** Imports a render bundle (once per template) and returns its renderer. */
export async function loadRenderer(bundleDir: string): Promise<SiteRenderer> {
  const manifestFile = readdirSync(bundleDir).find((f) => /^manifest_.*\.mjs$/.test(f));
  if (manifestFile === undefined) throw new Error(`${bundleDir}: no manifest_*.mjs — not a render bundle; it is built again`);
  // entry.mjs completes the manifest (page map, renderers, middleware) in place; the Node adapter's
  // standalone server must not start.
  const autostart = process.env['ASTRO_NODE_AUTOSTART'];
  process.env['ASTRO_NODE_AUTOSTART'] = 'disabled';
  try {
    await import(pathToFileURL(join(bundleDir, 'entry.mjs')).href);
  } finally {
    if (autostart === undefined) delete process.env['ASTRO_NODE_AUTOSTART'];
    else process.env['ASTRO_NODE_AUTOSTART'] = autostart;
  }
  const { manifest } = (await import(pathToFileURL(join(bundleDir, manifestFile)).href)) as { manifest: BundleManifest };
  const { App, settings } = (await import(pathToFileURL(join(bundleDir, RENDER_ENTRY)).href)) as { App: AppClass; settings: RenderSettings };
  if (manifest.pageMap === undefined) throw new Error(`${bundleDir}: the manifest has no page map — not a render bundle`);
  if (settings.format !== 'directory') throw new Error(`build.format "${settings.format}" is not supported by the per-cycle render (only "directory")`);
  const pageMap = manifest.pageMap;
  // The routes `astro build` prerenders, marked so again (in place: the App finds a route's styles
  // and scripts by identity), so the App calls their getStaticPaths for the props.
  const prerendered = new Set(settings.prerendered);
  const routes = manifest.routes.map((r) => r.routeData).filter((r) => prerendered.has(r.component));
  for (const r of routes) r.prerender = true;
  const unsupported = routes.find((r) => r.type !== 'page' && r.type !== 'endpoint');
  if (unsupported !== undefined) throw new Error(`route ${unsupported.route} (${unsupported.type}) is not supported by the per-cycle render`);

  async function pathsOf(route: RouteData): Promise<string[]> {
    if (route.pathname !== undefined) return [route.pathname];
    const load = pageMap.get(route.component);
    if (load === undefined) throw new Error(`${route.component}: not in the render bundle`);
    const mod = await (await load()).page();
    if (typeof mod.getStaticPaths !== 'function') throw new Error(`${route.component}: a dynamic route without getStaticPaths`);
    const paginate = (): never => {
      throw new Error(`${route.component}: paginate() is not supported by the per-cycle render`);
    };
    const result = (await mod.getStaticPaths({ paginate, routePattern: route.route })) as unknown;
    const items = (Array.isArray(result) ? result.flat() : []) as { params?: Record<string, unknown> }[];
    // As stringifyParams: undefined parameters dropped, strings without surrounding slashes.
    return items.map((item) => {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(item.params ?? {})) {
        if (v !== undefined) params[k] = typeof v === 'string' ? v.replace(/^\/+|\/+$/g, '') : String(v);
      }
      return route.generate(params);
    });
  }

  return {
    bundleDir,
    async render(snapshotPath, clientDir, skip) {
      const app = new App(manifest, false); // a fresh route cache: getStaticPaths sees this snapshot
      const restore = captureConsole();
      const previous = process.env['FLUXSTATUS_SNAPSHOT'];
      process.env['FLUXSTATUS_SNAPSHOT'] = snapshotPath;
      const written: string[] = [];
      const made = new Set<string>();
      const built = new Set<string>();
      try {
        for (const route of routes) {
          for (const pathname of await pathsOf(route)) {
            // Astro renders a path once; the first route in priority order keeps it.
            const key = pathname.replace(/\/$/, '');
            if (built.has(key)) continue;
            built.add(key);
            const file = outFile(pathname, route.type);
            if (skip.has(file)) continue;
            const response = await app.render(new Request(urlForPath(pathname, settings, route.type)), { routeData: route });
            if (response.status >= 300 && response.status < 400) throw new Error(`${pathname}: a redirect, not supported by the per-cycle render`);
            if (response.status >= 500) throw new Error(`${pathname}: rendering failed (${restore.errors()[0] ?? `HTTP ${response.status}`})`);
            if (response.body === null) continue; // as astro build: no file for an empty body
            const body = Buffer.from(await response.arrayBuffer());
            const to = join(clientDir, file);
            const dir = dirname(to);
            if (!made.has(dir)) {
              mkdirSync(dir, { recursive: true });
              made.add(dir);
            }
            writeFileSync(to, body);
            written.push(file);
          }
        }
      } catch (e) {
        throw new Error(`render: ${firstLine(e)}`);
      } finally {
        if (previous === undefined) delete process.env['FLUXSTATUS_SNAPSHOT'];
        else process.env['FLUXSTATUS_SNAPSHOT'] = previous;
        restore.done();
      }
      return { written, logged: restore.lines() };
    },
  };
}

/** The request URL of a prerendered path, as core/build/generate.js getUrlForPath ("directory" format). */
export function urlForPath(pathname: string, s: RenderSettings, type: string): URL {
  const base = s.base.replace(/\/$/, '');
  const rel = pathname.replace(/^\//, '');
  let path: string;
  if (pathname === '/' || pathname === '') path = s.base;
  else if (type === 'endpoint') path = `${base}/${rel}`;
  else path = `${base}/${rel.replace(/\/$/, '')}${s.trailingSlash === 'never' ? '' : '/'}`;
  return new URL(path, s.origin);
}

/** The output file of a path, relative to client/, as core/build/common.js getOutFolder/getOutFile ("directory" format). */
export function outFile(pathname: string, type: string): string {
  const trimmed = pathname.replace(/^\/+|\/+$/g, '');
  if (type === 'endpoint') return trimmed;
  if (pathname === '/404' || pathname === '/500') return `${trimmed}.html`;
  return trimmed === '' ? 'index.html' : `${trimmed}/index.html`;
}

/** Collects what Astro and the pages log during a pass (never a stack trace on the cycle's stdout). */
function captureConsole(): { errors(): string[]; lines(): string[]; done(): void } {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const errors: string[] = [];
  const lines = new Set<string>();
  const keep = (isError: boolean) => (...args: unknown[]): void => {
    const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ').replace(/\u001b\[[0-9;]*m/g, '');
    const first = text.split('\n').find((l) => l.trim() !== '' && !/^\s*at\s/.test(l))?.trim();
    if (first === undefined) return;
    if (isError) errors.push(first);
    else lines.add(first);
  };
  console.log = console.info = keep(false);
  console.warn = keep(false);
  console.error = keep(true);
  return {
    errors: () => errors.filter((l) => !/^\[?router\]?|Error while trying to render/i.test(l)).concat(errors),
    lines: () => [...lines],
    done: () => Object.assign(console, saved),
  };
}

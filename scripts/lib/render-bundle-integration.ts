/**
 * The Astro integration behind `npm start`'s per-cycle render (scripts/lib/site-render.ts). Inert
 * unless FLUXSTATUS_RENDER_BUNDLE names a directory: then the server build also emits
 * `fluxstatus-render.mjs` (Astro's `App` class from the same bundled runtime as the pages, and the
 * settings that decide URLs and file names), every route is built as on-demand (so the server manifest
 * holds each route's styles and scripts), and the complete server bundle is copied to that directory
 * (which must be named `server`: the Node adapter finds its client files from that name). A normal
 * build is unchanged.
 */
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The file the render bundle adds beside entry.mjs. */
export const RENDER_ENTRY = 'fluxstatus-render.mjs';
const VIRTUAL = 'virtual:fluxstatus-render';

/** Build settings the renderer needs to name URLs and files exactly as `astro build` does. */
export interface RenderSettings {
  origin: string;
  base: string;
  format: string;
  trailingSlash: string;
  /** Components of the routes `astro build` prerenders (the bundle builds them all as on-demand). */
  prerendered: string[];
}

/** The integration (add it to astro.config.mjs; it does nothing without FLUXSTATUS_RENDER_BUNDLE). */
export function renderBundle(): AstroIntegration {
  const dest = process.env['FLUXSTATUS_RENDER_BUNDLE'];
  let serverDir: URL | null = null;
  let settings: RenderSettings | null = null;
  const prerendered: string[] = [];
  return {
    name: 'fluxstatus-render-bundle',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
        // As Astro's build names the origin of prerendered requests (core/build/index.js).
        const origin = config.site ? new URL(config.site).origin : `http://localhost:${config.server.port}`;
        settings = { origin, base: config.base, format: config.build.format, trailingSlash: config.trailingSlash, prerendered };
      },
      // Astro's server manifest lists a prerendered dynamic route without its styles and scripts, so
      // the bundle builds every route as on-demand (the renderer marks them prerendered again).
      'astro:route:setup': ({ route }) => {
        if (!dest) return;
        if (route.prerender !== false) prerendered.push(route.component);
        route.prerender = false;
      },
      'astro:build:setup': ({ vite, target }) => {
        if (!dest || target !== 'server') return;
        vite.plugins ??= [];
        vite.plugins.push({
          name: 'fluxstatus-render-entry',
          buildStart() {
            this.emitFile({ type: 'chunk', id: VIRTUAL, fileName: RENDER_ENTRY, preserveSignature: 'exports-only' });
          },
          resolveId(id) {
            return id === VIRTUAL ? `\0${VIRTUAL}` : null;
          },
          load(id) {
            if (id !== `\0${VIRTUAL}`) return null;
            return `export { App } from 'astro/app';\nexport const settings = ${JSON.stringify(settings)};\n`;
          },
        });
      },
      'astro:build:generated': async () => {
        if (!dest || serverDir === null) return;
        await cp(fileURLToPath(serverDir), dest, { recursive: true });
      },
    },
  };
}

// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { readSnapshot, snapshotPath } from './src/site/snapshot.ts';
import { renderBundle } from './scripts/lib/render-bundle-integration.ts';

/**
 * Checks the snapshot before anything is built, so a missing or invalid one stops `astro build`
 * with the one line from src/site/snapshot.ts instead of a stack trace halfway through.
 * @type {import('astro').AstroIntegration}
 */
const snapshotCheck = {
  name: 'fluxstatus-snapshot-check',
  hooks: {
    'astro:config:setup': ({ command }) => {
      if (command !== 'build') return;
      try {
        readSnapshot(snapshotPath());
      } catch (e) {
        if (e instanceof Error && e.name === 'SnapshotError') {
          console.error(e.message);
          process.exit(1);
        }
        throw e;
      }
    },
  },
};

// Pages are prerendered from the snapshot; a few live routes (prerender = false) are served by
// the project's own Node server. No telemetry, no third-party requests.
export default defineConfig({
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [snapshotCheck, renderBundle()],
  server: { port: 4321, host: true },
  i18n: {
    locales: ['nl', 'fr', 'de', 'en'],
    defaultLocale: 'nl',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  image: { service: { entrypoint: 'astro/assets/services/noop' } },
  devToolbar: { enabled: false },
});

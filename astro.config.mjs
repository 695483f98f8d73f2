// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

// Pages are prerendered from the snapshot; a few live routes (prerender = false) are served by
// the project's own Node server. No telemetry, no third-party requests.
export default defineConfig({
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  server: { port: 4321, host: true },
  i18n: {
    locales: ['nl', 'fr', 'de', 'en'],
    defaultLocale: 'nl',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  image: { service: { entrypoint: 'astro/assets/services/noop' } },
});

import { defineConfig } from 'vitest/config';

// Separate gates, one runner. `npm test` runs the whole unit project three times: under UTC, under
// Pacific/Auckland (UTC+13 in summer) and under Pacific/Kiritimati (UTC+14), so nothing in the product
// (dates of the uptime bars, month keys, baselines, holidays, the golden table) may depend on the
// build machine's zone; then integration and browser tests under the machine's zone.
const UNIT = ['test/unit/**/*.test.ts'];
const zone = (name: string, TZ: string) => ({ test: { name, include: UNIT, env: { TZ } } });

export default defineConfig({
  test: {
    projects: [
      zone('unit', 'UTC'),
      zone('unit-auckland', 'Pacific/Auckland'),
      zone('unit-kiritimati', 'Pacific/Kiritimati'),
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

// Separate gates, one runner: `npm test` runs unit + integration + browser under the machine's zone,
// then `test:tz` runs the date-sensitive tests (test/unit/time, baselines, holidays, the golden table)
// again under a far-away zone: the product must not depend on the machine's zone.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: { TZ: 'UTC' } } },
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
      {
        test: {
          name: 'time',
          include: [
            'test/unit/time/**/*.test.ts',
            'test/unit/health/baseline.test.ts',
            'test/unit/health/holidays.test.ts',
            'test/unit/health/golden.test.ts',
          ],
        },
      },
    ],
  },
});

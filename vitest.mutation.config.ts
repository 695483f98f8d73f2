import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.mjs): the unit tests of the folders it mutates.
export default defineConfig({
  test: {
    include: ['test/unit/health/**/*.test.ts', 'test/unit/ledger/**/*.test.ts'],
    env: { TZ: 'UTC' },
  },
});

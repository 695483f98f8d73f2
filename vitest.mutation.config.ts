import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.mjs): the unit tests of the folders it mutates.
export default defineConfig({
  test: {
    include: ['test/unit/health/**/*.test.ts', 'test/unit/ledger/**/*.test.ts'],
    // The golden tables and the reduce-state round trips replay whole corpora: too slow per mutant; npm test runs them.
    exclude: ['test/unit/health/golden.test.ts', 'test/unit/health/reduce-state.test.ts'],
    env: { TZ: 'UTC' },
    // Instrumented for per-test coverage on a shared two-core machine, the random oracles take seconds: no
    // dry run should fail on vitest's 5-s default (Stryker's own timeout decides for the mutants).
    testTimeout: 60_000,
  },
});

// Mutation testing of the core that decides colours and history (issue 9 item 8): `npm run test:mutation`.
// Kept out of `npm test` for time. Runs the unit tests of the health engine, the levels and the ledger
// against every mutant of src/lib/health/, src/lib/levels.ts and src/lib/ledger/; incremental, so a
// second run only tests the mutants of changed code. Light on the shared 2-core machine: concurrency 2.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/lib/health/**/*.ts', 'src/lib/levels.ts', 'src/lib/ledger/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: '.stryker-tmp/incremental.json',
  tempDirName: '.stryker-tmp',
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '.stryker-tmp/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  // Added to 1.5 × the tests' own time: a mutant that loops for ever costs 10 s, not 20 (many loop bounds are mutated).
  timeoutMS: 10000,
  // The first run measures coverage per test; on the shared machine it can take minutes.
  dryRunTimeoutMinutes: 20,
};

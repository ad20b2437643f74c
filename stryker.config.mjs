// Mutation testing (`npm run test:mutation`, see docs/mutation.md): Stryker plants one small bug
// at a time in the code that decides and records access, runs the tests that reach it, and
// counts the bugs no test notices. Too slow for CI; run it before touching these folders.
// Run it through scripts/mutation.ts, which starts the one PostgreSQL every Stryker worker's
// integration tests share.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: [
    "lib/policy/**/*.ts",
    // The permission matrix's layers are the test's oracle (the brief's expectations), not policy.
    "!lib/policy/matrix/**",
    "lib/access/**/*.ts",
    "lib/auth/**/*.ts",
    "lib/log/verify/**/*.ts",
    "!**/*.test.ts",
  ],
  // Not needed to run the tests, and large: databases, builds, reports.
  ignorePatterns: ["/.data", "/.data-*", "/.next*", "/test-results", "/playwright-report", "/e2e/screenshots", "/coverage", "/reports", "/docs/mutation-report*"],
  coverageAnalysis: "perTest",
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  // Two cores shared with other work: one or two test processes, each with its own database.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  // Integration tests on a loaded machine vary a lot in duration; a generous timeout keeps a
  // slow run from counting as a mutant killed by timeout.
  timeoutMS: 30_000,
  timeoutFactor: 2.5,
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, reportTests: false, reportMutants: true, logTests: false },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  thresholds: { high: 90, low: 80, break: null },
};

export default config;

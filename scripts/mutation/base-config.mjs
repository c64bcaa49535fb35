// The StrykerJS settings every package's stryker.config.mjs shares (npm run mutation). Plugins are
// resolved from the repository root, where the Stryker packages are installed.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// Instrumented code under two concurrent runners is several times slower than a normal test run.
process.env.FNOX_TEST_TIMEOUT_MS ??= '120000';

/** A package's Stryker config: mutate `mutate`, kill with the package's own vitest suite. */
export function strykerConfig(mutate) {
  return {
    plugins: [require.resolve('@stryker-mutator/vitest-runner')],
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.config.ts' },
    mutate,
    coverageAnalysis: 'perTest',
    ignoreStatic: true,
    incremental: true,
    incrementalFile: 'reports/stryker-incremental.json',
    // progress-append-only: a line every few seconds, so a long run in a log shows how far it got.
    reporters: ['clear-text', 'json', 'progress-append-only'],
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    clearTextReporter: { allowEmojis: false, logTests: false },
    concurrency: 2,
    timeoutMS: 20_000,
    // In place: the package's tests import repo-level files (vitest.shared.ts) and workspace packages
    // through relative links that a sandbox copy of one package would break. scripts/mutation/run.mjs
    // refuses to start on uncommitted source and restores the files if Stryker is killed.
    inPlace: true,
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
  };
}

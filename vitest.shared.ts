import { defineConfig } from 'vitest/config';

/**
 * One vitest setup for every package: tests live in `test/`, results are also written as JSON so
 * `scripts/test.mjs` can print one `N passed, N failed` line for the whole repo.
 */
export function fnoxVitestConfig(overrides: { testTimeout?: number; fileParallelism?: boolean } = {}) {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      // FNOX_TEST_TIMEOUT_MS: mutation runs (instrumented code, two test runners at once) need longer.
      testTimeout: Number(process.env.FNOX_TEST_TIMEOUT_MS) || overrides.testTimeout || 30_000,
      hookTimeout: 60_000,
      fileParallelism: overrides.fileParallelism ?? true,
      disableConsoleIntercept: true,
      passWithNoTests: true,
      reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    },
  });
}

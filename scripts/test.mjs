// README command 2: install if needed, lint (scripts/lint.mjs), build, run every package's tests
// through turbo, and end with one plain `N passed, N failed` line summed over all packages.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWorkspace, repoRoot, run } from './toolchain.mjs';

const groups = ['packages', 'apps', 'examples'];
const packageDirs = groups.flatMap((group) => {
  const dir = join(repoRoot, group);
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)).filter((d) => existsSync(join(d, 'package.json'))) : [];
});

ensureWorkspace();
for (const dir of packageDirs) rmSync(join(dir, '.vitest-results.json'), { force: true });

const extra = process.argv.slice(2);
// The lint step (formatting, import cycles): its result counts like a failing test.
const lintStatus = extra.length === 0 ? run('node', ['scripts/lint.mjs'], { allowFailure: true }) : 0;
const status = run('pnpm', ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=2', '--log-order=grouped', ...extra], {
  allowFailure: true,
});

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of packageDirs) {
  const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!pjson.scripts?.test) continue;
  const file = join(dir, '.vitest-results.json');
  if (!existsSync(file)) {
    missing.push(pjson.name);
    continue;
  }
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + (results.numTodoTests ?? 0);
}
if (missing.length > 0 && extra.length === 0) {
  console.log(`\nNo test results from: ${missing.join(', ')} (build or test run failed before tests ran)`);
  failed += missing.length;
}
if (lintStatus !== 0) {
  console.log('\nthe lint step failed (see "lint: ... FAILED" above)');
  failed += 1;
}
if (status !== 0 && failed === 0) {
  console.log('\nturbo reported a failing task (see "Failed:" above); counting it as a failure');
  failed = 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);

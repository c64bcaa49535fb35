#!/usr/bin/env node
// npm run mutation [-- PACKAGE...]: StrykerJS over the modules where a silent bug costs a secret
// (each package's stryker.config.mjs names them), then one score line per module. Not part of
// npm test: it takes many minutes on two cores. Incremental: a re-run only re-tests mutants whose
// code or tests changed (reports/stryker-incremental.json in each package).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, toolEnv } from '../toolchain.mjs';

// `--option=value` arguments go to Stryker, e.g. one module of a big package:
//   npm run mutation -- core --mutate=src/trust/verdict.ts --incrementalFile=reports/verdict.json
// (a run's incremental file holds only that run's modules, hence a file of its own per slice).
const args = process.argv.slice(2);
const wanted = args.filter((arg) => !arg.startsWith('-'));
const strykerArgs = args.filter((arg) => arg.startsWith('-'));
const packages = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(repoRoot, group)).map((name) => join(repoRoot, group, name)))
  .filter((dir) => existsSync(join(dir, 'stryker.config.mjs')))
  .filter((dir) => wanted.length === 0 || wanted.some((w) => dir.endsWith(`/${w}`)));

const stryker = join(repoRoot, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const git = (args, cwd) => spawnSync('git', args, { cwd, encoding: 'utf8' });

/** Every tracked file's mode, so an in-place run that is killed cannot leave a file changed. */
function modesOf(dir) {
  const files = git(['ls-files', '-z', '.'], dir).stdout.split('\0').filter(Boolean);
  return new Map(files.map((f) => [join(dir, f), statSync(join(dir, f)).mode & 0o7777]));
}

const rows = [];
let failed = false;
for (const dir of packages) {
  const name = relative(repoRoot, dir);
  if (git(['status', '--porcelain', '--', 'src'], dir).stdout.trim() !== '') {
    console.error(`${name}: uncommitted changes under src/; commit or stash them first (Stryker mutates files in place)`);
    failed = true;
    continue;
  }
  const modes = modesOf(dir);
  console.error(`\n== ${name}`);
  // The root's own bin: pnpm need not be on PATH (setup may have put it in .tools/ only).
  const result = spawnSync(process.execPath, [stryker, 'run', ...strykerArgs], { cwd: dir, stdio: 'inherit', env: toolEnv });
  if (result.error) console.error(`${name}: could not start Stryker: ${result.error.message}`);
  // Stryker restores the files it mutated, but not their modes; a killed run restores nothing.
  for (const [file, mode] of modes) if (existsSync(file) && (statSync(file).mode & 0o7777) !== mode) chmodSync(file, mode);
  if (git(['status', '--porcelain', '--', 'src'], dir).stdout.trim() !== '') git(['checkout', '--', 'src'], dir);
  if (result.status !== 0) failed = true;
  const report = join(dir, 'reports', 'mutation', 'mutation.json');
  if (!existsSync(report)) continue;
  for (const [file, { mutants }] of Object.entries(JSON.parse(readFileSync(report, 'utf8')).files)) {
    const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
    const detected = count('Killed', 'Timeout');
    const valid = detected + count('Survived', 'NoCoverage');
    rows.push({ module: `${name}/${file}`, score: valid === 0 ? 100 : (100 * detected) / valid, detected, survived: count('Survived'), noCoverage: count('NoCoverage') });
  }
}

console.log('\nmutation score per module (killed + timeout) / (killed + timeout + survived + no coverage):');
for (const row of rows) {
  console.log(`${row.score.toFixed(1).padStart(6)} %  ${row.module}  (${row.detected} detected, ${row.survived} survived, ${row.noCoverage} without coverage)`);
}
process.exit(failed ? 1 : 0);

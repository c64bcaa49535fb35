// The lint step of `npm test`: formatting (prettier, .prettierrc.json; files still listed in
// .prettierignore are exempt until formatted) and no import cycle between modules (dpdm, type
// imports included). `--pending` rewrites the exempt list of .prettierignore instead of checking.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, toolEnv } from './toolchain.mjs';

const CODE = '**/*.{ts,mts,cts,mjs,cjs,js}';
const SOURCES = ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts', 'examples/*/src/**/*.ts'];

function tool(args, options = {}) {
  return spawnSync('pnpm', ['exec', ...args], { cwd: repoRoot, env: toolEnv, encoding: 'utf8', ...options });
}

if (process.argv.includes('--pending')) {
  const ignoreFile = join(repoRoot, '.prettierignore');
  const header = readFileSync(ignoreFile, 'utf8').split('\n\n')[0];
  writeFileSync(ignoreFile, `${header}\n`);
  const pending = tool(['prettier', '--list-different', CODE]).stdout.split('\n').filter(Boolean).sort();
  writeFileSync(ignoreFile, `${header}\n\n${pending.map((file) => `${file}\n`).join('')}`);
  console.log(`${pending.length} files not yet formatted are listed in .prettierignore`);
  process.exit(0);
}

const checks = [
  { name: 'formatting (prettier --check)', args: ['prettier', '--check', '--log-level=warn', CODE] },
  { name: 'import cycles (dpdm)', args: ['dpdm', '--no-tree', '--no-warning', '--no-progress', '--exit-code', 'circular:1', ...SOURCES] },
];
let failed = 0;
for (const check of checks) {
  const result = tool(check.args, { stdio: 'inherit' });
  const ok = result.status === 0;
  if (!ok) failed++;
  console.log(`lint: ${check.name}: ${ok ? 'ok' : 'FAILED'}`);
  if (!ok && check.name.startsWith('formatting')) console.log('lint: format the files listed above with `npm run format -- FILE` (or, for files merged from older branches, `npm run format:pending` lists them in .prettierignore)');
}
process.exit(failed === 0 ? 0 : 1);

// Shared by scripts/setup.mjs and scripts/test.mjs: make sure the pinned pnpm is on PATH and the
// workspace is installed, using nothing but Node and npm (what a fresh machine has).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const pinned = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).packageManager.split('@')[1];

/** Environment for every tool we start: no telemetry, no update checks. */
export const toolEnv = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

function pnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], { encoding: 'utf8', env: toolEnv, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Run a command in the repo root, inheriting stdio; exit with its status on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: toolEnv, ...options });
  if (result.status !== 0 && !options.allowFailure) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  return result.status ?? 1;
}

/** Where the pinned pnpm goes when the machine has none: inside the checkout, no root needed. */
const localTools = join(repoRoot, '.tools');

/**
 * Make the pinned pnpm available (the one on PATH if it is the pinned version, else a copy
 * installed with npm into .tools/ and put first on PATH for every tool we start, turbo included),
 * then install the workspace.
 */
export function ensureWorkspace() {
  if (pnpmVersion() !== pinned) {
    toolEnv.PATH = [join(localTools, 'node_modules', '.bin'), toolEnv.PATH].join(delimiter);
    if (pnpmVersion() !== pinned) {
      console.error(`Installing pnpm ${pinned} into .tools/ with npm...`);
      run('npm', ['install', '--prefix', localTools, '--no-save', '--no-audit', '--no-fund', `pnpm@${pinned}`]);
    }
  }
  run('pnpm', ['install', '--frozen-lockfile']);
}

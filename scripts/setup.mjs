// README command 1: from a fresh clone with only Node 20 and npm, install everything, build, and
// run fnox on its offline default.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWorkspace, repoRoot, run, toolEnv } from './toolchain.mjs';

ensureWorkspace();
run('pnpm', ['build']);

const fnox = join(repoRoot, 'apps', 'cli', 'bin', 'run.js');
const demo = mkdtempSync(join(tmpdir(), 'fnox-demo-'));
const env = { ...toolEnv, HOME: demo, XDG_CONFIG_HOME: join(demo, '.config'), XDG_DATA_HOME: join(demo, '.local', 'share') };
delete env.FNOX_CONFIG_DIR;
delete env.FNOX_PROFILE;

function fnoxStep(args) {
  console.log(`\n$ fnox ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [fnox, ...args], { cwd: demo, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`fnox ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

try {
  fnoxStep(['--version']);
  fnoxStep(['providers']);
} finally {
  rmSync(demo, { recursive: true, force: true });
}
console.log(`\nfnox is built. Run it as:  node ${fnox} --help`);
console.log(`or put it on your PATH:     ln -s ${fnox} ~/.local/bin/fnox`);

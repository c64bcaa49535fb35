// `npm run bench`: every start-up figure of DESIGN §5 that has landed, as ratios to `node -e 0`.
// Build first (`pnpm build`). Options: --rounds N.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench } from './harness.mjs';

const fnox = fileURLToPath(new URL('../apps/cli/bin/run.js', import.meta.url));
const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 20;

const home = mkdtempSync(join(tmpdir(), 'fnox-bench-'));
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') };
delete env.FNOX_PROFILE;
delete env.FNOX_CONFIG_DIR;

const node = (name, args, target) => ({ name, command: process.execPath, args, cwd: home, env, target });
try {
  runBench(
    [
      node('node -e 0', ['-e', '0']),
      node('fnox --version', [fnox, '--version'], 1.8),
      node('fnox providers', [fnox, 'providers']),
    ],
    { rounds },
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}

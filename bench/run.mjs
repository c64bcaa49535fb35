// `npm run bench`: every start-up figure of the CLI (ARCHITECTURE.md, "The fast path"), as ratios to
// `node -e 0` measured in the same interleaved run, plus peak RSS of `exec` with 1,000 secrets, and
// the floor under get and exec (bench/floor.cjs).
// Build first (`pnpm build`). Options: --rounds N. AWS figures: bench/kms.mjs,
// bench/secrets-manager.mjs; shell prompt: bench/prompt.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ageKey, ageProject, plainProject } from './fixtures.mjs';
import { runBench } from './harness.mjs';

const fnox = fileURLToPath(new URL('../apps/cli/bin/run.js', import.meta.url));
const floor = fileURLToPath(new URL('floor.cjs', import.meta.url));
const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 20;

const home = mkdtempSync(join(tmpdir(), 'fnox-bench-'));
const cacheHome = join(home, '.cache');
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CACHE_HOME: cacheHome };
for (const name of Object.keys(env)) if (name.startsWith('FNOX_')) delete env[name];
// This machine's NODE_EXTRA_CA_CERTS adds ~35 ms to every node process; users
// rarely have it, and it would flatter every ratio.
delete env.NODE_EXTRA_CA_CERTS;

try {
  const recipient = await ageKey(home);
  const one = await ageProject(join(home, 'one'), recipient, 1);
  const hundred = await ageProject(join(home, 'hundred'), recipient, 100);
  const thousand = await ageProject(join(home, 'thousand'), recipient, 1000);
  const empty = plainProject(join(home, 'empty'), 0);
  const plain = plainProject(join(home, 'plain'), 100);
  const noCache = { ...env, FNOX_NO_CODE_CACHE: '1' };
  const node = (name, args, cwd, target) => ({ name, command: process.execPath, args, cwd, env, target });
  // Every fast-path figure twice: with the V8 code cache (the default; the warm-up round writes
  // it) and without it, interleaved in the same run.
  const both = (name, args, cwd, target) => [node(name, args, cwd, target), { ...node(`${name} [no code cache]`, args, cwd, target), env: noCache }];
  runBench(
    [
      node('node -e 0', ['-e', '0'], home),
      node('fnox --version', [fnox, '--version'], home, 1.8),
      ...both('fnox version', [fnox, 'version'], home),
      ...both('fnox get KEY (1 age secret)', [fnox, 'get', 'SECRET_0'], one, 1.8),
      ...both('fnox exec -- true (no secrets)', [fnox, 'exec', '--', 'true'], empty),
      ...both('fnox exec -- true (100 plain secrets)', [fnox, 'exec', '--', 'true'], plain),
      ...both('fnox exec -- true (100 age secrets)', [fnox, 'exec', '--', 'true'], hundred, 2.5),
      ...both('fnox export (100 age secrets)', [fnox, 'export'], hundred),
      ...both('fnox exec -- true (1,000 age secrets)', [fnox, 'exec', '--', 'true'], thousand),
      // The floor (bench/floor.cjs): bare Node doing only the work get/exec cannot skip.
      node('floor: get KEY (1 age secret)', [floor, 'get', 'SECRET_0'], one),
      node('floor: exec -- true (100 age secrets)', [floor, 'exec', 'true'], hundred),
      node('floor: exec -- true (1,000 age secrets)', [floor, 'exec', 'true'], thousand),
      node('fnox providers (oclif)', [fnox, 'providers'], home),
      { ...node('fnox get KEY via oclif (FNOX_NO_FAST_PATH=1)', [fnox, 'get', 'SECRET_0'], one), env: { ...env, FNOX_NO_FAST_PATH: '1' } },
    ],
    { rounds },
  );
  // Peak RSS of fnox itself while its child runs (the child reads its parent's high-water mark).
  for (const [label, runEnv] of [
    ['with code cache', env],
    ['no code cache', noCache],
  ]) {
    const peak = spawnSync(process.execPath, [fnox, 'exec', '--', 'sh', '-c', 'grep VmHWM /proc/$PPID/status'], {
      cwd: thousand,
      env: runEnv,
      encoding: 'utf8',
    });
    const kb = Number(/VmHWM:\s+(\d+)/.exec(peak.stdout)?.[1]);
    const mb = kb / 1024;
    console.log(`\n  fnox exec with 1,000 age secrets (${label}): peak RSS ${mb.toFixed(1)} MB  target <= 120 MB ${mb <= 120 ? 'met' : 'MISSED'}`);
  }
  const cacheDir = join(cacheHome, 'fnox', 'code-cache');
  const files = existsSync(cacheDir) ? readdirSync(cacheDir) : [];
  const bytes = files.reduce((sum, name) => sum + statSync(join(cacheDir, name)).size, 0);
  console.log(`  code cache on disk: ${files.length} file(s), ${(bytes / 1024).toFixed(0)} KiB in ${cacheDir.replace(home, '~')}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}

// README command 1: from a fresh clone with only Node 20 and npm, install everything, build, and
// run fnox on its offline default: an age key, a fnox.toml with an encrypted secret, get and exec.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureWorkspace, repoRoot, run, toolEnv } from './toolchain.mjs';

ensureWorkspace();
run('pnpm', ['build']);

const fnox = join(repoRoot, 'apps', 'cli', 'bin', 'run.js');
const home = mkdtempSync(join(tmpdir(), 'fnox-demo-'));
const project = join(home, 'my-app');
mkdirSync(project);
const env = { ...toolEnv, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') };
for (const name of Object.keys(env)) if (name.startsWith('FNOX_')) delete env[name];

function fnoxStep(args, input) {
  console.log(`\n$ fnox ${args.map((a) => (/[\s'"$]/.test(a) ? `'${a}'` : a)).join(' ')}${input === undefined ? '' : '   # value from stdin'}`);
  const result = spawnSync(process.execPath, [fnox, ...args], { cwd: project, env, input, stdio: ['pipe', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`fnox ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

try {
  fnoxStep(['--version']);

  // 1. An age key in fnox's default place (what `age-keygen -o ~/.config/fnox/age.txt` makes).
  const { generateIdentity } = await import(pathToFileURL(join(repoRoot, 'packages', 'provider-age', 'dist', 'index.js')).href);
  const { identity, recipient } = await generateIdentity();
  const keyDir = join(home, '.config', 'fnox');
  mkdirSync(keyDir, { recursive: true });
  writeFileSync(join(keyDir, 'age.txt'), `# public key: ${recipient}\n${identity}\n`, { mode: 0o600 });
  chmodSync(join(keyDir, 'age.txt'), 0o600);
  console.log(`\n# made an age key in ~/.config/fnox/age.txt (public key ${recipient})`);

  // 2. A project config with an age provider for that key.
  fnoxStep(['init']);
  writeFileSync(join(project, 'fnox.toml'), `[providers.age]\ntype = "age"\nrecipients = ["${recipient}"]\n`);
  console.log('\n# fnox.toml now declares [providers.age] with that recipient');

  // 3. Encrypt a secret into fnox.toml, read it back, hand it to a program.
  fnoxStep(['set', 'DATABASE_URL'], 'postgres://app:s3cret@db.internal/app');
  console.log(`\n$ cat fnox.toml\n${readFileSync(join(project, 'fnox.toml'), 'utf8')}`);
  fnoxStep(['get', 'DATABASE_URL']);
  fnoxStep(['exec', '--', process.execPath, '-e', 'console.log("the app sees DATABASE_URL =", process.env.DATABASE_URL)']);
} finally {
  rmSync(home, { recursive: true, force: true });
}
console.log(`\nfnox is built. Run it as:  node ${fnox} --help`);
console.log(`or put it on your PATH:     ln -s ${fnox} ~/.local/bin/fnox`);

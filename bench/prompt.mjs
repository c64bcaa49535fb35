// `node bench/prompt.mjs`: the cost of one shell prompt with fnox activated, nothing changed vs
// something changed, as ratios to `node -e 0` (an unchanged prompt starts no process; ARCHITECTURE.md, "The fast path").
// Each case is a fresh shell that sources the activation script and a saved hook-env state, then
// runs the prompt hook once. Build first (`pnpm build`). Options: --rounds N, --shells bash,zsh,fish,nu.
// nu runs `fnox hook-env` at every prompt by design (as upstream): its "nothing changed" case
// measures that run, which prints nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench } from './harness.mjs';

const fnox = fileURLToPath(new URL('../apps/cli/bin/run.js', import.meta.url));
const flag = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const rounds = Number(flag('--rounds', '20'));
const shells = flag('--shells', 'bash,zsh,fish,nu').split(',');

/** The nu binary of the `nushell` dev dependency of apps/cli. */
function nuBinary() {
  const fromCli = createRequire(fileURLToPath(new URL('../apps/cli/package.json', import.meta.url)));
  return createRequire(fromCli.resolve('nushell/package.json')).resolve(`@nushell/${process.platform}-${process.arch}/bin/nu`);
}

const home = mkdtempSync(join(tmpdir(), 'fnox-bench-prompt-'));
const project = join(home, 'project');
mkdirSync(project);
mkdirSync(join(home, 'tmp'));
writeFileSync(
  join(project, 'fnox.toml'),
  `[secrets]\n${Array.from({ length: 20 }, (_, i) => `SECRET_${i} = { default = "value-${i}" }`).join('\n')}\n`,
);
// The project is trusted, as a user's own project is after `fnox trust` (docs/security.md).
const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), TMPDIR: join(home, 'tmp'), LANG: 'C.UTF-8', FNOX_TRUSTED_CONFIG_PATHS: home };

const SHELL_ARGV = {
  bash: (script) => ['/usr/bin/bash', ['--norc', '--noprofile', '-c', script]],
  zsh: (script) => ['/usr/bin/zsh', ['-f', '-c', script]],
  fish: (script) => ['/usr/bin/fish', ['--no-config', '-c', script]],
  nu: (script) => [nuBinary(), ['-n', '--no-std-lib', '-c', script]],
};
const HOOK = { bash: '_fnox_hook', zsh: '_fnox_hook', fish: '__fnox_env_eval', nu: '_fnox_hook' };
const BUMP = { bash: 'export FNOX_BENCH_BUMP=1', zsh: 'export FNOX_BENCH_BUMP=1', fish: 'set -gx FNOX_BENCH_BUMP 1', nu: '$env.FNOX_BENCH_BUMP = "1"' };

const cases = [{ name: 'node -e 0', command: process.execPath, args: ['-e', '0'], cwd: home, env }];
try {
  for (const shell of shells) {
    const shellEnv = { ...env, SHELL: `/usr/bin/${shell}` };
    let activation = execFileSync(process.execPath, [fnox, 'activate', shell], { env: shellEnv, encoding: 'utf8' });
    // fish and nu run the hook once at activation; the bench calls it itself.
    if (shell === 'fish') activation = activation.replace(/\n__fnox_env_eval\n$/, '\n');
    if (shell === 'nu') activation = activation.replace(/\n_fnox_hook\n$/, '\n');
    const act = join(home, `activate.${shell}`);
    writeFileSync(act, activation);
    // Two saved states (separate sessions and stamp directories): one per case.
    const state = (label) => {
      const path = join(home, `state-${label}.${shell}`);
      const out = execFileSync(process.execPath, [fnox, 'hook-env', '-s', shell, '--fingerprint'], {
        env: { ...shellEnv, FNOX_SHELL: shell, FNOX_SHELL_OUTPUT: 'none' },
        cwd: project,
        encoding: 'utf8',
      });
      writeFileSync(path, out);
      return path;
    };
    const prelude = (path) => (shell === 'nu' ? `source ${act}; _fnox_apply (open --raw ${path})` : `source ${act}; source ${path}`);
    // The exit cleanup (zsh: \`fnox deactivate\`; bash, fish: removing the stamp directory the saved
    // state names) is not part of a prompt, and every case reuses that state: drop it.
    const EPILOGUE = { zsh: '; add-zsh-hook -d zshexit _fnox_cleanup', bash: '; trap - EXIT', fish: '; functions -e __fnox_exit' };
    const epilogue = EPILOGUE[shell] ?? '';
    const unchangedState = state('unchanged');
    const changedState = state('changed');
    const make = (name, script) => {
      const [command, args] = SHELL_ARGV[shell](script);
      return { name, command, args: [...args.slice(0, -1), `${args.at(-1)}${epilogue}`], cwd: project, env: { ...shellEnv, FNOX_SHELL_OUTPUT: 'none' } };
    };
    cases.push(make(`${shell}: activation only, no prompt`, prelude(unchangedState)));
    cases.push(make(`${shell}: prompt, nothing changed`, `${prelude(unchangedState)}; ${HOOK[shell]}`));
    cases.push(make(`${shell}: prompt, FNOX_* changed (1 hook-env)`, `${prelude(changedState)}; ${BUMP[shell]}; ${HOOK[shell]}`));
    // The same prompt with fnox's V8 code cache turned off (the cache is written by the warm-up round).
    const uncached = make(`${shell}: prompt, FNOX_* changed (1 hook-env) [no code cache]`, `${prelude(changedState)}; ${BUMP[shell]}; ${HOOK[shell]}`);
    cases.push({ ...uncached, env: { ...uncached.env, FNOX_NO_CODE_CACHE: '1' } });
  }
  // Sanity: the unchanged prompt really starts no fnox (its hook would print the session otherwise).
  for (const c of cases.slice(1)) {
    if (!c.name.includes('nothing changed') || c.name.startsWith('nu:')) continue;
    const out = execFileSync(c.command, [...c.args.slice(0, -1), `${c.args.at(-1)}; ${c.command.endsWith('fish') ? 'set -q __FNOX_SESSION; and echo ok' : 'echo ${__FNOX_SESSION:+ok}'}`], { cwd: c.cwd, env: c.env, encoding: 'utf8' });
    if (!out.includes('ok')) throw new Error(`${c.name}: state not loaded`);
  }
  runBench(cases, { rounds, title: 'fnox prompt hook' });
} finally {
  rmSync(home, { recursive: true, force: true });
}

/**
 * nushell in a real `nu` (the official binary, from the `nushell` dev dependency): activation,
 * the pre_prompt hook loading and leaving, hook-env's JSON, restore on leave, the never-exported
 * list, and deactivate. nu scripts do not fire prompt hooks, so the script calls `_fnox_hook`
 * where a prompt would.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

/** The platform binary the `nushell` package installs (its own bin is a node wrapper). */
function nuBinary(): string {
  const fromCli = createRequire(import.meta.url);
  const fromNushell = createRequire(fromCli.resolve('nushell/package.json'));
  return fromNushell.resolve(`@nushell/${process.platform}-${process.arch}/bin/nu`);
}

/** Quotes, `$`, backticks, a newline and a non-ASCII character: nothing in it may be interpreted. */
const A_VALUE = 'it\'s "q" $x `b` (sub) \n line2 \u00e9';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

function runNu(script: string, env: NodeJS.ProcessEnv = {}): { stdout: string; stderr: string } {
  const activation = execFileSync(process.execPath, [FNOX_BIN, 'activate', 'nu'], { env: box.env, encoding: 'utf8' });
  writeFileSync(join(box.home, 'fnox.nu'), activation);
  writeFileSync(join(box.home, 'test.nu'), `source ${JSON.stringify(join(box.home, 'fnox.nu'))}\n${script}\n`);
  try {
    const stdout = execFileSync(nuBinary(), ['-n', '--no-std-lib', join(box.home, 'test.nu')], {
      cwd: box.home,
      env: { ...box.env, FNOX_TRUSTED_CONFIG_PATHS: box.home, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { stdout, stderr: '' };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    throw new Error(`nu failed:\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`);
  }
}

/** One line per value, JSON-encoded, so newlines and quotes compare exactly. */
const show = (name: string) => `print $"${name}=($env.${name}? | default '<unset>' | to json -r)"`;

describe('nu', () => {
  it('loads on cd, restores on leave, skips never-exported names, and deactivates', { timeout: 120_000 }, () => {
    writeFileSync(
      join(box.project, 'fnox.toml'),
      `[secrets]\nA = { default = ${JSON.stringify(A_VALUE)} }\nDATABASE_URL = { default = "project-db" }\nNODE_OPTIONS = { default = "--require ./evil.cjs" }\n`,
    );
    const { stdout } = runNu(
      [
        show('FNOX_SHELL'),
        `cd ${JSON.stringify(box.project)}`,
        '_fnox_hook',
        show('A'),
        show('DATABASE_URL'),
        show('NODE_OPTIONS'),
        `print $"session=($env.__FNOX_SESSION? | is-not-empty)"`,
        `cd ${JSON.stringify(box.home)}`,
        '_fnox_hook',
        show('A'),
        show('DATABASE_URL'),
        `cd ${JSON.stringify(box.project)}`,
        '_fnox_hook',
        show('A'),
        'fnox deactivate',
        show('A'),
        show('DATABASE_URL'),
        show('FNOX_SHELL'),
        show('__FNOX_SESSION'),
        `print $"hooks=($env.config.hooks.pre_prompt | length)"`,
      ].join('\n'),
      { DATABASE_URL: 'user-db' },
    );
    const a = JSON.stringify(A_VALUE);
    expect(stdout.split('\n')).toEqual([
      'FNOX_SHELL="nu"',
      `A=${a}`,
      'DATABASE_URL="project-db"',
      'NODE_OPTIONS="<unset>"',
      'session=true',
      'A="<unset>"',
      'DATABASE_URL="user-db"',
      `A=${a}`,
      'A="<unset>"',
      'DATABASE_URL="user-db"',
      'FNOX_SHELL="<unset>"',
      '__FNOX_SESSION="<unset>"',
      'hooks=0',
      '',
    ]);
  });

  it('hook-env -s nu prints the JSON upstream emits, and nothing when nothing changed', async () => {
    writeFileSync(join(box.project, 'fnox.toml'), '[secrets]\nA = { default = "a" }\n');
    const env = { FNOX_TRUSTED_CONFIG_PATHS: box.home };
    const first = await box.run(['hook-env', '-s', 'nu'], { env });
    const parsed = JSON.parse(first.stdout) as { set: Record<string, string>; unset: string[] };
    expect(Object.keys(parsed.set)).toEqual(['A', '__FNOX_SESSION']);
    expect(parsed.unset).toEqual([]);
    const second = await box.run(['hook-env', '-s', 'nu'], { env: { ...env, __FNOX_SESSION: parsed.set.__FNOX_SESSION, A: 'a' } });
    expect(second.stdout).toBe('');
  });

  it('--no-hook-env defines the wrapper only; `fnox` passes exit codes through', { timeout: 120_000 }, () => {
    const bare = execFileSync(process.execPath, [FNOX_BIN, 'activate', 'nu', '--no-hook-env'], { env: box.env, encoding: 'utf8' });
    expect(bare).toContain('def --env --wrapped fnox');
    expect(bare).not.toContain('def --env _fnox_hook');
    expect(bare).not.toContain('append {|| _fnox_hook }');
    const { stdout } = runNu('let r = (do -i { fnox get NOPE } | complete)\nprint $"code=($r.exit_code)"');
    expect(stdout).toMatch(/^code=[1-9]/);
  });
});

/**
 * `fnox completion bash|zsh|fish` (aliases complete, completions) and `-V`: the scripts are loaded
 * into real shells and asked to complete, as a user's shell would.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

let box: Sandbox;
let bin: string;
beforeAll(() => {
  box = sandbox();
  // A `fnox` on PATH, as an installed one would be (the fish script calls it for secret names).
  bin = join(box.home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'fnox'), `#!/bin/sh\nexec "${process.execPath}" "${FNOX_BIN}" "$@"\n`, { mode: 0o755 });
  writeFileSync(join(box.project, 'fnox.toml'), '[secrets]\nDATABASE_URL = { default = "x" }\n');
});
afterAll(() => box.cleanup());

const shellEnv = () => ({ ...box.env, PATH: `${bin}:${process.env.PATH}` });

describe('fnox completion', () => {
  it('bash: completes commands and flags', async () => {
    const script = await box.run(['completion', 'bash']);
    expect(script.code, script.stderr).toBe(0);
    const file = join(box.home, 'fnox.bash');
    writeFileSync(file, script.stdout);
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source "$1"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _fnox_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'x',
          file,
        ],
        {
          env: shellEnv(),
          encoding: 'utf8',
        },
      );
    expect(complete(['fnox', 'ci-r']).split('\n')).toContain('ci-redact');
    expect(complete(['fnox', 'get', '--base']).split('\n')).toContain('--base64-decode');
  });

  it('zsh: the sourced script registers a completion function for fnox', async () => {
    const script = await box.run(['completions', 'zsh']);
    expect(script.code, script.stderr).toBe(0);
    const file = join(box.home, 'fnox.zsh');
    writeFileSync(file, script.stdout);
    const out = execFileSync(
      'zsh',
      ['-f', '-c', `autoload -Uz compinit; compinit -u -d "$HOME/.zcompdump"; source "$1"; print -r -- "\${_comps[fnox]}"`, 'x', file],
      {
        env: shellEnv(),
        encoding: 'utf8',
      },
    );
    expect(out.trim()).toBe('_fnox');
  });

  it('fish: completes commands, topic commands, flags and secret names', async () => {
    const script = await box.run(['complete', 'fish']);
    expect(script.code, script.stderr).toBe(0);
    const file = join(box.home, 'fnox.fish');
    writeFileSync(file, script.stdout);
    const complete = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `source $argv[1]; complete -C'${line}'`, file], { env: shellEnv(), encoding: 'utf8', cwd: box.project });
    expect(complete('fnox ci-')).toMatch(/^ci-redact\t/m);
    expect(complete('fnox provider a')).toMatch(/^add\t/m);
    expect(complete('fnox get --base')).toMatch(/^--base64-decode\t/m);
    expect(complete('fnox get DATA')).toMatch(/^DATABASE_URL$/m);
  });

  it('rejects other shells with a usage error', async () => {
    const r = await box.run(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*tcsh.*\(fnox::usage\)/);
  });
});

describe('fnox -V', () => {
  it('prints the version like --version, on both entry paths', async () => {
    for (const env of [{}, { FNOX_NO_FAST_PATH: '1' }]) {
      const short = await box.run(['-V'], { env });
      const long = await box.run(['--version'], { env });
      expect(short.stdout).toMatch(/^fnox \d+\.\d+\.\d+\n$/);
      expect(short.stdout).toBe(long.stdout);
    }
  });
});

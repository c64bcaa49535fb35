/** activate / deactivate / hook-env as commands: output, detection, exit codes. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

describe('fnox activate', () => {
  it('prints a script for each shell that embeds how to run this fnox', async () => {
    for (const [shell, marker] of [
      ['bash', 'export FNOX_SHELL=bash'],
      ['zsh', 'export __FNOX_ZSH_PID=$$'],
      ['fish', 'set -gx FNOX_SHELL fish'],
      ['nu', '$env.FNOX_SHELL = "nu"'],
      ['pwsh', "$Env:FNOX_SHELL = 'pwsh'"],
    ] as const) {
      const result = await box.run(['activate', shell]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(marker);
      expect(result.stdout).toContain(process.execPath);
      expect(result.stdout).toContain('hook-env -s ' + shell);
    }
  });

  it('detects the shell from FNOX_SHELL, then SHELL; --no-hook-env prints only the wrapper', async () => {
    expect((await box.run(['activate'], { env: { SHELL: '/usr/bin/zsh' } })).stdout).toContain('FNOX_SHELL=zsh');
    expect((await box.run(['activate'], { env: { SHELL: '/bin/zsh', FNOX_SHELL: 'fish' } })).stdout).toContain('FNOX_SHELL fish');
    const bare = await box.run(['activate', 'bash', '--no-hook-env']);
    expect(bare.stdout).toContain('fnox() {');
    expect(bare.stdout).not.toContain('_fnox_hook');
  });

  it('fails clearly for an unknown or undetectable shell', async () => {
    const unknown = await box.run(['activate', 'tcsh']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unsupported shell: tcsh');
    const none = await box.run(['activate'], { env: { SHELL: '' } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Could not detect shell. Please specify shell explicitly: fnox activate <shell>');
  });
});

describe('fnox hook-env', () => {
  it('exits 0 with one line on stderr when the config is broken', async () => {
    writeFileSync(join(box.project, 'fnox.toml'), '[secrets\n');
    const result = await box.run(['hook-env', '-s', 'bash']);
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^fnox: secrets not loaded: /);
    expect(result.stdout).toContain('export __FNOX_SESSION=');
  });

  it('prints set lines for the shell asked for, and the summary on stderr', async () => {
    writeFileSync(join(box.project, 'fnox.toml'), '[secrets]\nA = { default = "it\'s" }\n');
    const fish = await box.run(['hook-env', '-s', 'fish']);
    expect(fish.stdout).toContain(`set -gx A "it's"\n`);
    expect(fish.stderr).toBe('fnox: +1 A from fnox.toml\n');
    const quiet = await box.run(['hook-env', '-s', 'bash'], { env: { FNOX_SHELL_OUTPUT: 'none' } });
    expect(quiet.stdout).toContain(`export A="it's"\n`);
    expect(quiet.stderr).toBe('');
  });

  it('rejects an unsupported shell with exit 1', async () => {
    const result = await box.run(['hook-env', '-s', 'tcsh']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unsupported shell: tcsh');
  });
});

describe('fnox deactivate', () => {
  it('needs an activated shell', async () => {
    const result = await box.run(['deactivate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('fnox is not activated in this shell session.');
    expect(result.stderr).toContain('activate');
  });

  it('prints the teardown of the shell named by FNOX_SHELL', async () => {
    const result = await box.run(['deactivate'], { env: { FNOX_SHELL: 'fish' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('functions -e __fnox_env_eval __fnox_cd_hook');
  });
});

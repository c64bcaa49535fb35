/**
 * Attack: a trusted fnox.toml names variables that make the user's shell or tools run its code.
 * In real bash, zsh and fish (tmux), none of them reaches the shell and no payload runs; a normal
 * name is exported; and the same names ARE exported when the user allows them with
 * FNOX_ALLOW_ENV_NAMES (FNOX_* excepted: never), proving each check could fail.
 */
import { chmodSync, existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_SHELLS, useShellFixture } from '../shell/driver.js';

/** Payloads of the trust-boundary issue; each value, if exported, makes something observable happen. */
function payloadToml(project: string): string {
  return `[secrets]
PWD = { env = false }
PATH = { default = "\${PWD}/bin:/usr/bin:/bin" }
PROMPT_COMMAND = { default = "_fnox_hook;/usr/bin/touch ${project}/pwned-prompt" }
NODE_OPTIONS = { default = "--require ${project}/evil.cjs" }
LD_PRELOAD = { default = "${project}/evil.so" }
BASH_ENV = { default = "${project}/evil.sh" }
ENV = { default = "${project}/evil.sh" }
ZDOTDIR = { default = "${project}/zdot" }
GIT_SSH_COMMAND = { default = "/usr/bin/touch ${project}/pwned-git" }
PS1 = { default = "pwned$ " }
HOME = { default = "${project}/evil-home" }
FNOX_TRUSTED_CONFIG_PATHS = { default = "/" }
FNOX_SHELL_OUTPUT = { default = "none" }
NORMAL_NAME = { default = "normal-value" }
`;
}

const DANGEROUS = ['PATH', 'PROMPT_COMMAND', 'NODE_OPTIONS', 'LD_PRELOAD', 'BASH_ENV', 'ENV', 'ZDOTDIR', 'GIT_SSH_COMMAND', 'PS1', 'HOME', 'FNOX_TRUSTED_CONFIG_PATHS', 'FNOX_SHELL_OUTPUT'];
/** What the positive control allows (not PROMPT_COMMAND: it would replace the test driver's own prompt hook). */
const ALLOWED = ['PATH', 'NODE_OPTIONS', 'BASH_ENV', 'ENV', 'ZDOTDIR', 'GIT_SSH_COMMAND', 'PS1', 'HOME', 'FNOX_TRUSTED_CONFIG_PATHS', 'FNOX_*'];

function plantPayloads(project: string): void {
  mkdirSync(join(project, 'bin'));
  writeFileSync(join(project, 'bin', 'ls'), `#!/bin/sh\n/usr/bin/touch ${project}/pwned-ls\n`);
  chmodSync(join(project, 'bin', 'ls'), 0o755);
  writeFileSync(join(project, 'evil.cjs'), `require('node:fs').writeFileSync(${JSON.stringify(join(project, 'pwned-node'))}, '');\n`);
  writeFileSync(join(project, 'fnox.toml'), payloadToml(project));
}

/** Make the hook run fnox (a node process) again at the next prompt. */
function touchConfig(project: string): void {
  const later = new Date(Date.now() + 5_000);
  utimesSync(join(project, 'fnox.toml'), later, later);
}

describe.each(TEST_SHELLS)('%s', (shell) => {
  const fixture = useShellFixture();
  beforeEach(() => {
    plantPayloads(fixture.box.project);
  });

  it('a trusted config cannot export names that run code; a normal name still loads', { timeout: 300_000 }, async () => {
    const sh = await fixture.start(shell, { names: [...DANGEROUS, 'NORMAL_NAME'], env: { FNOX_TRUSTED_CONFIG_PATHS: fixture.box.home } });
    const before = await sh.step('');
    const inside = await sh.step(`cd ${fixture.box.project}`);
    expect(inside.get('NORMAL_NAME')).toBe('normal-value');
    for (const name of DANGEROUS) expect(inside.get(name), name).toBe(before.get(name));
    await sh.step('ls >/dev/null');
    touchConfig(fixture.box.project);
    const reloaded = await sh.step('');
    expect(reloaded.get('NORMAL_NAME')).toBe('normal-value');
    for (const payload of ['pwned-prompt', 'pwned-ls', 'pwned-node']) expect(existsSync(join(fixture.box.project, payload)), payload).toBe(false);
    expect(sh.screen()).toContain("fnox: secret 'NODE_OPTIONS' is not exported");
  });

  it('positive control: the user allows the names with FNOX_ALLOW_ENV_NAMES (never FNOX_*)', { timeout: 300_000 }, async () => {
    const sh = await fixture.start(shell, {
      names: [...DANGEROUS, 'NORMAL_NAME'],
      env: { FNOX_TRUSTED_CONFIG_PATHS: fixture.box.home, FNOX_ALLOW_ENV_NAMES: ALLOWED.join(',') },
    });
    const inside = await sh.step(`cd ${fixture.box.project}`);
    expect(inside.get('NORMAL_NAME')).toBe('normal-value');
    expect(inside.get('NODE_OPTIONS')).toBe(`--require ${fixture.box.project}/evil.cjs`);
    expect(inside.get('GIT_SSH_COMMAND')).toBe(`/usr/bin/touch ${fixture.box.project}/pwned-git`);
    expect(inside.get('HOME')).toBe(`${fixture.box.project}/evil-home`);
    expect(inside.get('ZDOTDIR')).toBe(`${fixture.box.project}/zdot`);
    expect([inside.get('BASH_ENV'), inside.get('ENV')]).toEqual([`${fixture.box.project}/evil.sh`, `${fixture.box.project}/evil.sh`]);
    expect(inside.get('PS1')).toBe('pwned$ ');
    // (fish joins a path variable with ':' in a quoted expansion too.)
    expect(inside.get('PATH')!.split(':')[0]).toBe(`${fixture.box.project}/bin`);
    expect([inside.has('FNOX_TRUSTED_CONFIG_PATHS') && inside.get('FNOX_TRUSTED_CONFIG_PATHS') === '/', inside.get('FNOX_SHELL_OUTPUT')]).toEqual([false, undefined]);
    // Allowed, the payloads do run: the checks above would have seen them.
    await sh.step('ls >/dev/null');
    touchConfig(fixture.box.project);
    await sh.step('');
    expect(existsSync(join(fixture.box.project, 'pwned-ls'))).toBe(true);
    expect(existsSync(join(fixture.box.project, 'pwned-node'))).toBe(true);
  });
});

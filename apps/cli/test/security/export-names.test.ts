/**
 * `fnox export -f shell|env` and `fnox exec` apply the hook's never-exported list, and export
 * refuses names that are not environment names: the payload names are skipped with one escaped
 * warning each, exec finds its program on the user's PATH (never the config's), and the child
 * keeps the user's own values. Positive controls: a normal name is exported/passed, and the same
 * dangerous names are when the user sets FNOX_ALLOW_ENV_NAMES.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';

let box: Sandbox;
let trusted: NodeJS.ProcessEnv;
beforeEach(() => {
  box = sandbox();
  // PWD as a shell exports it (the config pulls it in with `PWD = { env = false }`).
  trusted = { FNOX_TRUSTED_CONFIG_PATHS: box.home, PWD: box.project };
  const p = box.project;
  mkdirSync(join(p, 'bin'));
  for (const tool of ['printenv', 'node']) {
    writeFileSync(join(p, 'bin', tool), `#!/bin/sh\n/usr/bin/touch ${p}/pwned-${tool}\n`);
    chmodSync(join(p, 'bin', tool), 0o755);
  }
  writeFileSync(join(p, 'evil.cjs'), `require('node:fs').writeFileSync(${JSON.stringify(join(p, 'pwned-node-options'))}, '');\n`);
  writeFileSync(
    join(p, 'fnox.toml'),
    `[secrets]
PWD = { env = false }
PATH = { default = "\${PWD}/bin:/usr/bin:/bin" }
NODE_OPTIONS = { default = "--require ${p}/evil.cjs" }
LD_PRELOAD = { default = "${p}/evil.so" }
PROMPT_COMMAND = { default = "touch x" }
GIT_SSH_COMMAND = { default = "touch y" }
XDG_CACHE_HOME = { default = "\${PWD}/.tools" }
FNOX_TRUSTED_CONFIG_PATHS = { default = "/" }
NORMAL_NAME = { default = "normal-value" }
"BAD-NAME" = { default = "v" }
"1X" = { default = "v" }
"A B" = { default = "v" }
"\\u001b[2KESC" = { default = "v" }
`,
  );
});
afterEach(() => box.cleanup());

// XDG_CACHE_HOME: where fnox loads V8 bytecode from (a cloned repository's .tools/ would be its code).
const REFUSED = ['PATH', 'NODE_OPTIONS', 'LD_PRELOAD', 'PROMPT_COMMAND', 'GIT_SSH_COMMAND', 'XDG_CACHE_HOME', 'FNOX_TRUSTED_CONFIG_PATHS'];
const INVALID = ['BAD-NAME', '1X', 'A B'];

describe('fnox export -f shell / env', () => {
  for (const format of ['shell', 'env'] as const) {
    it(`-f ${format} skips never-exported and invalid names with a warning each`, async () => {
      const result = await box.run(['export', '-f', format], { env: trusted });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/NORMAL_NAME=normal-value/);
      for (const name of [...REFUSED, ...INVALID]) {
        expect(result.stdout, name).not.toContain(`${name}=`);
        expect(result.stderr, name).toContain(`secret '${name}' is not`);
      }
      expect(result.stdout).not.toContain('ESC=');
      expect(result.stderr).toContain("secret '\\u001b[2KESC' is not a valid environment variable name");
      expect(result.stderr).not.toContain('\u001b');
    });
  }

  it('positive control: allowed names are exported; FNOX_* never; json is not a shell format', async () => {
    const env = { ...trusted, FNOX_ALLOW_ENV_NAMES: 'PATH:NODE_OPTIONS,LD_*,GIT_SSH_COMMAND,PROMPT_COMMAND,FNOX_*' };
    const result = await box.run(['export', '-f', 'shell'], { env });
    for (const name of ['PATH', 'NODE_OPTIONS', 'LD_PRELOAD', 'GIT_SSH_COMMAND', 'PROMPT_COMMAND'])
      expect(result.stdout, name).toMatch(new RegExp(`^export ${name}=`, 'm'));
    expect(result.stdout).not.toContain('FNOX_TRUSTED_CONFIG_PATHS');
    const json = await box.run(['export', '-f', 'json'], { env: trusted });
    expect(JSON.parse(json.stdout).secrets).toHaveProperty('BAD-NAME');
  });
});

describe('fnox exec', () => {
  it('runs the program from the user PATH and keeps the user values of never-exported names', async () => {
    const result = await box.run(['exec', '--', 'printenv', 'PATH', 'NORMAL_NAME', 'XDG_CACHE_HOME'], { env: { ...trusted, NODE_OPTIONS: '' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${box.env.PATH}\nnormal-value\n${box.env.XDG_CACHE_HOME}\n`);
    expect(result.stderr).toContain("secret 'PATH' is not exported");
    const node = await box.run(['exec', '--', 'node', '-e', 'process.stdout.write(String(process.env.LD_PRELOAD ?? "-"))'], { env: trusted });
    expect(node.stdout).toBe('-');
    for (const file of ['pwned-printenv', 'pwned-node', 'pwned-node-options']) expect(existsSync(join(box.project, file)), file).toBe(false);
  });

  it('positive control: allowed, the child gets the config values, but the program still comes from the user PATH', async () => {
    const env = { ...trusted, FNOX_ALLOW_ENV_NAMES: 'PATH,NODE_OPTIONS' };
    const result = await box.run(['exec', '--', 'printenv', 'PATH'], { env });
    expect(result.stdout).toBe(`${box.project}/bin:/usr/bin:/bin\n`);
    expect(existsSync(join(box.project, 'pwned-printenv'))).toBe(false);
    // NODE_OPTIONS allowed: the child node loads it (the check above would have seen it).
    await box.run(['exec', '--', process.execPath, '-e', '0'], { env });
    expect(existsSync(join(box.project, 'pwned-node-options'))).toBe(true);
  });
});

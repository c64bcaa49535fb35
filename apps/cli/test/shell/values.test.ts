/**
 * Through the whole path — fnox.toml, hook-env, the shell's eval — every value of the injection
 * table arrives byte for byte in bash, zsh and fish; as_file secrets become private temp files;
 * a broken config prints one line and leaves a working shell.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INJECTION_CASES } from '../../../../packages/core/test/shell/injection-values.js';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { startShell, TEST_SHELLS, type ShellSession } from './driver.js';

/** A TOML basic string: JSON's escapes are all valid TOML escapes. */
const tomlString = (value: string) =>
  JSON.stringify(value).replace(/[\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe.each(TEST_SHELLS)('%s', (shell) => {
  let box: Sandbox;
  let sh: ShellSession | undefined;
  beforeEach(() => {
    box = sandbox();
  });
  afterEach(async () => {
    await sh?.stop();
    box.cleanup();
  });

  it('the injection table arrives unchanged', { timeout: 300_000 }, async () => {
    // Through the plain provider: defaults would interpolate `${NAME}`.
    const lines = INJECTION_CASES.map((c) => `V_${c.name} = { provider = "plain", value = ${tomlString(c.value)} }`);
    writeFileSync(join(box.project, 'fnox.toml'), `[providers.plain]\ntype = "plain"\n\n[secrets]\n${lines.join('\n')}\n`);
    const names = INJECTION_CASES.map((c) => `V_${c.name}`);
    sh = await startShell(box, shell, { names: [...names, 'PWNED'] });
    const dump = await sh.step(`cd ${box.project}`);
    for (const c of INJECTION_CASES) expect(dump.get(`V_${c.name}`), c.name).toBe(c.expected ?? c.value);
    expect(dump.has('PWNED')).toBe(false);
    expect(sh.screen()).not.toContain('pwned');
  });

  it('as_file secrets, a broken config, then deactivate cleaning up', { timeout: 300_000 }, async () => {
    const tmp = join(box.home, 'tmp');
    const toml = (value: string) => `[secrets]\nA = { default = "alpha" }\nF = { default = ${tomlString(value)}, as_file = true }\n`;
    writeFileSync(join(box.project, 'fnox.toml'), toml('-----BEGIN KEY-----\nabc\n'));
    sh = await startShell(box, shell, { names: ['A', 'F'] });
    let dump = await sh.step(`cd ${box.project}`);
    const first = dump.get('F')!;
    expect(first.startsWith(join(tmp, 'fnox-hook-'))).toBe(true);
    expect(readFileSync(first, 'utf8')).toBe('-----BEGIN KEY-----\nabc\n');

    writeFileSync(join(box.project, 'fnox.toml'), toml('rotated'));
    dump = await sh.step('');
    const second = dump.get('F')!;
    expect(second).not.toBe(first);
    expect(readFileSync(second, 'utf8')).toBe('rotated');
    expect(existsSync(first)).toBe(false);

    writeFileSync(join(box.project, 'fnox.toml'), '[secrets\nA = {');
    dump = await sh.step('');
    expect([dump.has('A'), dump.has('F')]).toEqual([false, false]);
    expect(existsSync(second)).toBe(false);
    expect(sh.screen()).toMatch(/fnox: secrets not loaded: /);
    // The shell still works and the hook recovers once the file is fixed.
    writeFileSync(join(box.project, 'fnox.toml'), toml('fixed'));
    dump = await sh.step('');
    expect(dump.get('A')).toBe('alpha');
    expect(readFileSync(dump.get('F')!, 'utf8')).toBe('fixed');

    dump = await sh.step('fnox deactivate');
    expect([dump.has('A'), dump.has('F'), dump.has('HOOKED')]).toEqual([false, false, false]);
    expect(readdirSync(tmp).filter((name) => name.startsWith('fnox-'))).toEqual([]);
  });

  it.runIf(shell === 'zsh')('zsh exit deletes the hook temp files', { timeout: 300_000 }, async () => {
    const tmp = join(box.home, 'tmp');
    writeFileSync(join(box.project, 'fnox.toml'), '[secrets]\nF = { default = "x", as_file = true }\n');
    sh = await startShell(box, shell, { names: ['F'] });
    const dump = await sh.step(`cd ${box.project}`);
    expect(existsSync(dump.get('F')!)).toBe(true);
    sh.type(['exit']);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      if (readdirSync(tmp).filter((name) => name.startsWith('fnox-')).length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readdirSync(tmp).filter((name) => name.startsWith('fnox-'))).toEqual([]);
  });
});

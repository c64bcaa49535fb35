/**
 * Real bash, zsh and fish in tmux: cd loads, child directories merge, leaving unsets, editing
 * fnox.toml or FNOX_PROFILE reloads, deactivate restores — with exactly one fnox run per change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { startShell, TEST_SHELLS, type ShellSession } from './driver.js';

const NAMES = ['A', 'B', 'C', 'P', 'FNOX_SHELL', '__FNOX_SESSION'];

function projectToml(a: string): string {
  return `[secrets]
A = { default = "${a}" }
B = { default = "beta" }

[profiles.prod.secrets]
P = { default = "prod-p" }
`;
}

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

  it('loads on cd, merges in a child, unsets on leaving, reloads on edits and FNOX_PROFILE, deactivates', { timeout: 300_000 }, async () => {
    const child = join(box.project, 'child');
    mkdirSync(child);
    writeFileSync(join(box.project, 'fnox.toml'), projectToml('alpha'));
    writeFileSync(join(child, 'fnox.toml'), '[secrets]\nB = { default = "child-beta" }\nC = { default = "gamma" }\n');
    sh = await startShell(box, shell, { names: NAMES });
    const hookRuns = () => sh!.runs().filter((line) => line.startsWith('hook-env')).length;

    let dump = await sh.step('');
    expect(dump.get('HOOKED')).toBe('1');
    expect(dump.get('FNOX_SHELL')).toBe(shell);
    expect(dump.has('A')).toBe(false);
    let runs = hookRuns();

    dump = await sh.step(`cd ${box.project}`);
    expect([dump.get('A'), dump.get('B'), dump.has('C')]).toEqual(['alpha', 'beta', false]);
    expect(dump.get('__FNOX_SESSION')).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(dump.get('__FNOX_SESSION')).not.toContain('alpha');
    expect(hookRuns()).toBe(runs + 1);
    runs = hookRuns();

    dump = await sh.step('cd child');
    expect([dump.get('A'), dump.get('B'), dump.get('C')]).toEqual(['alpha', 'child-beta', 'gamma']);
    expect(hookRuns()).toBe(runs + 1);
    runs = hookRuns();

    dump = await sh.step('cd ..');
    expect([dump.get('A'), dump.get('B'), dump.has('C')]).toEqual(['alpha', 'beta', false]);
    expect(hookRuns()).toBe(runs + 1);
    runs = hookRuns();

    writeFileSync(join(box.project, 'fnox.toml'), projectToml('alpha-edited'));
    dump = await sh.step('');
    expect(dump.get('A')).toBe('alpha-edited');
    expect(hookRuns()).toBe(runs + 1);
    runs = hookRuns();

    dump = await sh.step(shell === 'fish' ? 'set -gx FNOX_PROFILE prod' : 'export FNOX_PROFILE=prod');
    expect([dump.get('A'), dump.get('P')]).toEqual(['alpha-edited', 'prod-p']);
    expect(hookRuns()).toBe(runs + 1);
    runs = hookRuns();

    // A profile file appearing is a new watched file.
    writeFileSync(join(box.project, 'fnox.prod.toml'), '[secrets]\nC = { default = "from-prod-file" }\n');
    dump = await sh.step('');
    expect(dump.get('C')).toBe('from-prod-file');

    dump = await sh.step(shell === 'fish' ? 'set -e FNOX_PROFILE' : 'unset FNOX_PROFILE');
    expect([dump.has('P'), dump.has('C'), dump.get('A')]).toEqual([false, false, 'alpha-edited']);

    dump = await sh.step(`cd ${box.home}`);
    expect([dump.has('A'), dump.has('B'), dump.has('P')]).toEqual([false, false, false]);
    expect(dump.get('HOOKED')).toBe('1');

    dump = await sh.step(`cd ${box.project}`);
    expect(dump.get('A')).toBe('alpha-edited');
    runs = hookRuns();
    dump = await sh.step('fnox deactivate');
    expect([dump.has('A'), dump.has('B'), dump.has('HOOKED'), dump.has('FNOX_SHELL'), dump.has('__FNOX_SESSION')]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    // After deactivation the hook is gone: a cd runs nothing.
    await sh.step(`cd ${box.home}`);
    await sh.step(`cd ${box.project}`);
    expect(hookRuns()).toBe(runs);
  });
});

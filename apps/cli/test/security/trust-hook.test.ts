/**
 * The shell hook applies only trusted files, in real bash, zsh and fish (tmux): an untrusted
 * fnox.toml (one that tries to trust everything and to run code at the prompt) contributes
 * nothing, and the hook names it with the exact `fnox trust` command once per content, not every
 * prompt. Positive control: after `fnox trust` the same shell loads the project.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { startShell, TEST_SHELLS, type ShellSession } from '../shell/driver.js';

const NAMES = ['A', 'EVIL', 'FNOX_TRUSTED_CONFIG_PATHS'];
const NOTICE = 'is not trusted; its secrets were not loaded';

describe.each(TEST_SHELLS)('%s', (shell) => {
  let box: Sandbox;
  let sh: ShellSession | undefined;
  beforeEach(() => {
    box = sandbox({ trusted: false });
  });
  afterEach(async () => {
    await sh?.stop();
    box.cleanup();
  });

  it('an untrusted file contributes nothing and is named once per content; fnox trust loads it', { timeout: 300_000 }, async () => {
    const file = join(box.project, 'fnox.toml');
    const marker = join(box.home, 'pwned');
    writeFileSync(
      file,
      `[secrets]
A = { default = "alpha" }
EVIL = { default = "1" }
FNOX_TRUSTED_CONFIG_PATHS = { default = "/" }
PROMPT_COMMAND = { default = "touch ${marker}" }
`,
    );
    sh = await startShell(box, shell, { names: NAMES });
    const notices = () => sh!.screen().split(NOTICE).length - 1;
    const hookRuns = () => sh!.runs().filter((line) => line.startsWith('hook-env')).length;

    let dump = await sh.step(`cd ${box.project}`);
    expect([dump.has('A'), dump.has('EVIL'), dump.has('FNOX_TRUSTED_CONFIG_PATHS')]).toEqual([false, false, false]);
    expect(sh.screen()).toContain(`fnox: ${file} ${NOTICE}. Review it, then run: fnox trust ${file}`);
    expect(notices()).toBe(1);

    // Leaving, coming back and a touch (mtime only) rerun the hook but do not repeat the line.
    const runs = hookRuns();
    await sh.step('cd ..');
    await sh.step(`cd ${box.project}`);
    dump = await sh.step(`touch ${file}`);
    expect(hookRuns()).toBeGreaterThan(runs);
    expect(dump.has('A')).toBe(false);
    expect(notices()).toBe(1);
    expect(existsSync(marker)).toBe(false);

    // New content: named again, still nothing loaded.
    writeFileSync(file, '[secrets]\nA = { default = "alpha" }\n');
    dump = await sh.step('');
    expect(dump.has('A')).toBe(false);
    expect(notices()).toBe(2);

    // Positive control: the user trusts it; the next prompt loads it.
    dump = await sh.step('fnox trust');
    expect(dump.get('A')).toBe('alpha');

    // An edit after trusting: the file contributes nothing again, and the hook says why.
    writeFileSync(file, '[secrets]\nA = { default = "changed" }\n');
    dump = await sh.step('');
    expect(dump.has('A')).toBe(false);
    expect(sh.screen()).toContain(`fnox: ${file} changed since you trusted it; its secrets were not loaded. Review it, then run: fnox trust ${file}`);
    dump = await sh.step(`fnox trust ${file}`);
    expect(dump.get('A')).toBe('changed');
    expect(existsSync(marker)).toBe(false);
  });
});

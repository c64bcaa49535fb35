/**
 * The prompt hook starts no process when nothing changed: 50 prompts in an unchanged project run
 * fnox zero times (counted by the wrapper the activation embeds), and under strace the shell
 * creates no process at all between two marker commands.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { startShell, TEST_SHELLS, type ShellSession } from './driver.js';

const PROMPTS = 50;

function hasStrace(): boolean {
  try {
    execFileSync('strace', ['-qq', '-e', 'trace=none', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.each(TEST_SHELLS)('%s', (shell) => {
  let box: Sandbox;
  let sh: ShellSession | undefined;
  beforeEach(() => {
    box = sandbox();
    writeFileSync(join(box.project, 'fnox.toml'), '[secrets]\nA = { default = "alpha" }\n');
  });
  afterEach(async () => {
    await sh?.stop();
    box.cleanup();
  });

  it(`${PROMPTS} prompts in an unchanged project run fnox zero times`, { timeout: 300_000 }, async () => {
    sh = await startShell(box, shell, { names: ['A'], env: { FNOX_SOMETHING: 'x' } });
    const dump = await sh.step(`cd ${box.project}`);
    expect(dump.get('A')).toBe('alpha');
    const before = sh.runs().length;
    sh.type(Array.from({ length: PROMPTS }, () => 'true'));
    const after = await sh.step('');
    expect(after.get('A')).toBe('alpha');
    expect(sh.runs().slice(before)).toEqual([]);
    // ... and the very next change is noticed by exactly one run.
    const changed = await sh.step(shell === 'fish' ? 'set -gx FNOX_SOMETHING y' : 'export FNOX_SOMETHING=y');
    expect(changed.get('A')).toBe('alpha');
    expect(sh.runs().slice(before).filter((line) => line.startsWith('hook-env'))).toHaveLength(1);
  });

  it.runIf(hasStrace())(`${PROMPTS} unchanged prompts create no process at all (strace)`, { timeout: 300_000 }, async () => {
    const log = join(box.home, `strace-${shell}.log`);
    sh = await startShell(box, shell, { names: ['A'], straceLog: log });
    expect((await sh.step(`cd ${box.project}`)).get('A')).toBe('alpha');
    await sh.step('/bin/true fnox-marker-begin');
    sh.type(Array.from({ length: PROMPTS }, () => 'true'));
    await sh.step('/bin/true fnox-marker-end');
    await sh.stop(); // strace flushes its log when the traced shell exits
    sh = undefined;
    const deadline = Date.now() + 60_000;
    let lines: string[] = [];
    for (;;) {
      lines = readFileSync(log, 'utf8').split('\n');
      if (lines.some((line) => line.includes('fnox-marker-end')) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const begin = lines.findIndex((line) => line.includes('execve') && line.includes('fnox-marker-begin'));
    const end = lines.findIndex((line) => line.includes('execve') && line.includes('fnox-marker-end'));
    expect(begin).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(begin);
    // Threads (fish's highlighting pool: clone with CLONE_THREAD) are not processes.
    const between = lines.slice(begin + 1, end).filter((line) => /\b(execve|clone3?|v?fork)\(/.test(line) && !line.includes('CLONE_THREAD'));
    // The only process allowed is the one that runs the end marker itself (created before its execve).
    expect(between.filter((line) => line.includes('execve'))).toEqual([]);
    expect(between.length).toBeLessThanOrEqual(1);
  });
});

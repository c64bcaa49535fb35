/**
 * `fnox set` asking for the value on a real terminal (tmux): what is typed never reaches the
 * screen, the value is stored exactly, and Ctrl-C or Ctrl-D cancels without writing. The hidden
 * entry is core's terminal I/O (session.io.askHidden); a regression to echoing shows here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { startPty, type PtyRun } from '../helpers/pty.js';
import { PLAIN, project } from './secrets-helpers.js';

const CANARY = 'CANARY-typed-5d21b7';

let box: Sandbox;
let pty: PtyRun | undefined;
beforeEach(() => {
  box = project(PLAIN);
});
afterEach(() => {
  pty?.stop();
  pty = undefined;
  box.cleanup();
});

describe('fnox set on a terminal (hidden entry)', { timeout: 120_000 }, () => {
  it('stores what is typed without echoing it', async () => {
    pty = startPty(box, ['set', 'K', '-p', 'plain']);
    await pty.waitForPrompt(/Secret value:$/);
    pty.answer(CANARY);
    const { code, stdout } = await pty.exit();
    expect(code, pty.screen()).toBe(0);
    expect(stdout).toContain('Set secret K');
    expect(pty.screen()).not.toContain(CANARY);
    expect(readFileSync(join(box.project, 'fnox.toml'), 'utf8')).toContain(CANARY);
    const get = await box.run(['get', 'K']);
    expect(get.stdout).toBe(`${CANARY}\n`);
  });

  it.each([
    ['Ctrl-C', 'C-c'],
    ['Ctrl-D', 'C-d'],
  ])('%s cancels: exit 2, nothing written', async (_name, key) => {
    const file = join(box.project, 'fnox.toml');
    const before = readFileSync(file, 'utf8');
    pty = startPty(box, ['set', 'K', '-p', 'plain']);
    await pty.waitForPrompt(/Secret value:$/);
    pty.keys(key);
    const { code } = await pty.exit();
    expect(code, pty.screen()).toBe(2);
    expect(pty.screen()).toContain('error: Cancelled');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

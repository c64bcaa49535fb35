/**
 * Typos never run a command (issue 16 item 11), black-box. oclif's not-found plugin asked "Did
 * you mean edit? (Y/n)" on a terminal and Enter decrypted every secret into an editor. Now a typo
 * prints a suggestion by edit distance and exits 127, on a pipe and on a real terminal (tmux),
 * from the fast path's fallback and from oclif alike; nothing waits for an answer.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { startPty, type PtyRun } from '../helpers/pty.js';

let box: Sandbox;
let pty: PtyRun | undefined;
let editorRan: string;
beforeEach(() => {
  box = sandbox();
  editorRan = join(box.home, 'editor-ran');
  writeFileSync(join(box.project, 'fnox.toml'), 'root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nDB = { default = "s3cret-canary" }\n');
  // If anything opened an editor, it would leave this file behind.
  const editor = join(box.home, 'editor.sh');
  writeFileSync(editor, `#!/bin/sh\ntouch '${editorRan}'\n`, { mode: 0o755 });
  Object.assign(box.env, { EDITOR: editor, VISUAL: editor });
});
afterEach(() => {
  pty?.stop();
  pty = undefined;
  box.cleanup();
});

const CASES = [
  ['lsit', 'list'],
  ['gett', 'get'],
  ['exprot', 'export'],
  ['edti', 'edit'],
] as const;

describe('typos on a pipe', () => {
  it.each(CASES)('fnox %s → suggests `fnox %s`, exit 127', async (typo, meant) => {
    for (const env of [{}, { FNOX_NO_FAST_PATH: '1' }]) {
      const r = await box.run([typo], { env, input: '\n' });
      expect(r.code, r.stderr).toBe(127);
      expect(r.stderr).toContain(`error: '${typo}' is not a fnox command`);
      expect(r.stderr).toContain(`Did you mean \`fnox ${meant}\``);
      expect(r.stderr).not.toContain('(Y/n)');
      expect(r.stdout).toBe('');
    }
    expect(existsSync(editorRan)).toBe(false);
  });

  it('nothing close: no suggestion, still 127', async () => {
    const r = await box.run(['zzzzzzzz']);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain("error: 'zzzzzzzz' is not a fnox command");
    expect(r.stderr).not.toContain('Did you mean');
  });

  it('a typo in a topic command is suggested with its topic', async () => {
    const r = await box.run(['provider', 'ad']);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('Did you mean `fnox provider add`');
  });

  it('positive control: the real commands run', async () => {
    expect((await box.run(['get', 'DB'])).stdout).toBe('s3cret-canary\n');
    const list = await box.run(['list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('DB');
  });
});

describe('typos on a real terminal', () => {
  it.each(['lsit', 'edti'])('fnox %s asks nothing and exits 127; Enter opens no editor', { timeout: 120_000 }, async (typo) => {
    pty = startPty(box, [typo]);
    // Enter right away, as a user accepting "(Y/n)" would have done.
    pty.answer('');
    const { code, stdout } = await pty.exit();
    expect(code).toBe(127);
    expect(stdout).toBe('');
    const screen = pty.screen();
    expect(screen).toContain(`'${typo}' is not a fnox command`);
    expect(screen).not.toMatch(/\(Y\/n\)|\? \(y/i);
    expect(existsSync(editorRan)).toBe(false);
  });
});

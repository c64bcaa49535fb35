/**
 * The auth prompt (docs/configuration.md, "Authentication prompt") end to end, on a real terminal: a linked provider plugin fails with
 * an auth error until its auth command ran; `fnox get` in tmux asks, we answer `y`, the command
 * runs (its stdout on stderr), the get is retried and the value printed. Fast path and oclif alike.
 * Polls the screen with a generous deadline: no sleeps as assertions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

const fixturePlugin = fileURLToPath(new URL('../fixtures/provider-auth-fixture', import.meta.url));
const DEADLINE_MS = Number(process.env.FNOX_TEST_SHELL_DEADLINE_MS ?? 90_000);
const DONE = /\[exit=(\d+)\]/;

let box: Sandbox;
let tmux: ((...args: string[]) => string) | undefined;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => {
  try {
    tmux?.('kill-server');
  } catch {
    // already gone
  }
  tmux = undefined;
  box.cleanup();
});

/** Poll the pane until `pattern` shows up; fail with the screen after the deadline. */
async function waitFor(pattern: RegExp | string, screen: () => string): Promise<string> {
  const start = Date.now();
  for (;;) {
    const text = screen();
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    if (Date.now() - start > DEADLINE_MS) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('auth prompt on a terminal', () => {
  it.each([
    ['fast path', {}],
    ['oclif', { FNOX_NO_FAST_PATH: '1' }],
  ])('%s: fnox get asks, runs the auth command on "y", retries and prints the value', { timeout: 300_000 }, async (_name, extra) => {
    const marker = join(box.home, 'logged-in');
    const env: NodeJS.ProcessEnv = { ...box.env, ...extra, TERM: 'xterm', FNOX_TEST_AUTH_MARKER: marker };
    expect((await box.run(['plugins', 'link', fixturePlugin, '--no-install'], { env })).code).toBe(0);
    writeFileSync(join(box.project, 'fnox.toml'), '[providers.sso]\ntype = "auth-fixture"\n\n[secrets]\nK = { provider = "sso", value = "k" }\n');

    const socket = join(box.home, 'tmux.sock');
    const run = (...args: string[]) => execFileSync('/usr/bin/tmux', ['-S', socket, ...args], { env, encoding: 'utf8' });
    tmux = run;
    // The shell keeps the pane (and its screen) alive after fnox exits and shows its status.
    const script = `"${process.execPath}" "${FNOX_BIN}" get K; echo "[exit=$?]"; exec sleep 600`;
    run('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-s', 't', '-c', box.project, '/bin/sh', '-c', script);
    const screen = () => run('capture-pane', '-p', '-J', '-t', 't');

    const asked = await waitFor('to authenticate? [y/N]', screen);
    expect(asked).toContain("Authentication failed for provider 'sso': Auth fixture: authentication failed: not logged in");
    expect(asked).toContain('Run `echo logging in; touch "$FNOX_TEST_AUTH_MARKER"` to authenticate? [y/N]');
    expect(asked).not.toMatch(DONE);
    run('send-keys', '-t', 't', '-l', 'y');
    run('send-keys', '-t', 't', 'Enter');

    const done = await waitFor(DONE, screen);
    expect(done.match(DONE)?.[1]).toBe('0');
    expect(existsSync(marker)).toBe(true);
    const lines = done.split('\n').map((line) => line.trimEnd());
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    // The auth command's own output (on stderr), then the value (on stdout), in that order.
    expect(lines.indexOf('logging in')).toBeGreaterThan(at('to authenticate?'));
    expect(lines.indexOf('value-of-k')).toBeGreaterThan(lines.indexOf('logging in'));
    // Asked once: the retry succeeded without a second question.
    expect(lines.filter((line) => line.includes('to authenticate?'))).toHaveLength(1);
  });
});

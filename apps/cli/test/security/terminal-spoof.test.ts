/**
 * No control characters from config or provider data reach the terminal (issue 16 item 6),
 * black-box. Secret names, provider names and an `auth_command` made of escape codes are written
 * by fnox as `\u001b`-style text: the raw bytes on stdout and stderr hold no ESC, BEL or CR from
 * the config (fast path and oclif, errors, warnings, the hook's lines, command reports), and on a
 * real terminal (tmux) the auth question shows the whole command instead of a repainted line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FNOX_BIN } from '@fnox/test-kit';
import { BOTH_PATHS as PATHS, sandboxPerTest, writeConfig } from '../helpers/black-box.js';

/** Erase the line, return to column 0, retitle the window: what a spoof needs. */
const SPOOF = '\\u001b[2K\\r\\u001b]0;pwned\\u0007';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const box = sandboxPerTest();
const write = (toml: string) => writeConfig(box, toml);

/** Neither stream carries a control byte other than newline and tab. */
function expectNoControls(r: { stdout: string; stderr: string }): void {
  expect(RAW_CONTROL.test(r.stdout), JSON.stringify(r.stdout)).toBe(false);
  expect(RAW_CONTROL.test(r.stderr), JSON.stringify(r.stderr)).toBe(false);
}

describe.each(PATHS)('escape codes from config (%s)', (_name, env) => {
  it('an unknown provider name made of escape codes: the error shows it as text', async () => {
    write(`root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nK = { provider = "${SPOOF}evil", value = "v" }\n`);
    const r = await box.run(['get', 'K'], { env });
    expect(r.code).toBe(1);
    expectNoControls(r);
    expect(r.stderr).toContain("Provider '\\u001b[2K\\u000d\\u001b]0;pwned\\u0007evil' not configured");
  });

  it('a warning quoting a provider name (if_missing = "warn") is escaped', async () => {
    write(
      `root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nK = { provider = "${SPOOF}", value = "v", if_missing = "warn" }\nOK = { default = "fine" }\n`,
    );
    const r = await box.run(['export'], { env });
    expect(r.code, r.stderr).toBe(0);
    expectNoControls(r);
    expect(r.stdout).toContain('OK=fine');
    expect(r.stderr).toContain('\\u001b[2K');
  });

  it('a secret name of escape codes in the hook and in export --dry-run', async () => {
    write(`root = true\n\n[secrets]\n"${SPOOF}HIDDEN" = { default = "x" }\nVISIBLE = { default = "y" }\n`);
    const hook = await box.run(['hook-env', '-s', 'bash'], { env });
    expect(hook.code).toBe(0);
    expectNoControls(hook);
    const dry = await box.run(['export', '-o', 'out.env', '--dry-run'], { env });
    expectNoControls(dry);
    expect(dry.stdout).toContain('VISIBLE');
  });
});

describe('escape codes in oclif command reports', () => {
  it('fnox list shows a name and a description of escape codes as text (positive control: plain rows unchanged)', async () => {
    write(
      `root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nPLAIN_ONE = { provider = "pl", value = "a", description = "ordinary" }\nK = { provider = "pl", value = "b", description = "${SPOOF}fake" }\n`,
    );
    const r = await box.run(['list', '--full']);
    expect(r.code, r.stderr).toBe(0);
    expectNoControls(r);
    expect(r.stdout).toContain('ordinary');
    expect(r.stdout).toContain('\\u001b[2K\\r\\u001b]0;pwned\\u0007fake');
  });
});

const authFixture = fileURLToPath(new URL('../fixtures/provider-auth-fixture', import.meta.url));
const DEADLINE_MS = Number(process.env.FNOX_TEST_SHELL_DEADLINE_MS ?? 90_000);

describe('auth_command with escape codes, on a real terminal', () => {
  let tmux: ((...args: string[]) => string) | undefined;
  afterEach(() => {
    try {
      tmux?.('kill-server');
    } catch {
      // already gone
    }
    tmux = undefined;
  });

  async function poll<T>(what: string, probe: () => T | undefined): Promise<T> {
    for (const start = Date.now(); ;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() - start > DEADLINE_MS) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it.each(PATHS)(
    '%s: the question shows the whole command, escaped; the raw bytes hold no ESC from it; "n" runs nothing',
    { timeout: 180_000 },
    async (_name, extra) => {
      const marker = join(box.home, 'logged-in');
      const touched = join(box.home, 'pwned');
      const env: NodeJS.ProcessEnv = { ...box.env, ...extra, TERM: 'xterm', FNOX_TEST_AUTH_MARKER: marker };
      expect((await box.run(['plugins', 'link', authFixture, '--no-install'], { env })).code).toBe(0);
      // What the victim would see without escaping: "Run `aws sso login` to authenticate? [y/N]".
      write(
        `[providers.sso]\ntype = "auth-fixture"\nauth_command = "touch '${touched}' #\\u001b[2K\\rRun \`aws sso login\`"\n\n[secrets]\nK = { provider = "sso", value = "k" }\n`,
      );

      const socket = join(box.home, 'tmux.sock');
      const run = (...args: string[]) => execFileSync('/usr/bin/tmux', ['-S', socket, ...args], { env, encoding: 'utf8' });
      tmux = run;
      const rawLog = join(box.home, 'pane.raw');
      const script = `"${process.execPath}" "${FNOX_BIN}" get K; echo "[exit=$?]"; exec sleep 600`;
      run('-f', '/dev/null', 'new-session', '-d', '-x', '220', '-y', '50', '-s', 't', '-c', box.project, '/bin/sh', '-c', `sleep 0.5; ${script}`);
      // Every byte the program writes to the terminal, before the terminal interprets it.
      run('pipe-pane', '-t', 't', '-o', `cat >> '${rawLog}'`);
      const screen = () => run('capture-pane', '-p', '-J', '-t', 't');

      const asked = await poll('the auth question', () => (screen().includes('[y/N]') ? screen() : undefined));
      const question = asked.split('\n').find((line) => line.includes('[y/N]'))!;
      expect(question).toContain(`Run \`touch '${touched}' #\\u001b[2K\\u000dRun \`aws sso login\`\` to authenticate? [y/N]`);
      run('send-keys', '-t', 't', '-l', 'n');
      run('send-keys', '-t', 't', 'Enter');
      const done = await poll('fnox to exit', () => (/\[exit=(\d+)\]/.exec(screen()) ? screen() : undefined));
      expect(/\[exit=(\d+)\]/.exec(done)?.[1]).toBe('1');
      expect(existsSync(touched)).toBe(false);
      expect(existsSync(marker)).toBe(false);

      const raw = readFileSync(rawLog, 'latin1');
      expect(raw).toContain('touch');
      expect(raw).toContain('#\\u001b[2K\\u000dRun');
      // The config's own sequence never reaches the terminal as bytes.
      expect(raw).not.toContain('#\u001b[2K');
      expect(raw).not.toMatch(/\u001b\[2K\rRun `aws/);
    },
  );

  it('positive control: a plain auth_command is offered and runs on "y"', { timeout: 180_000 }, async () => {
    const marker = join(box.home, 'logged-in');
    const env: NodeJS.ProcessEnv = { ...box.env, TERM: 'xterm', FNOX_TEST_AUTH_MARKER: marker };
    expect((await box.run(['plugins', 'link', authFixture, '--no-install'], { env })).code).toBe(0);
    write(`[providers.sso]\ntype = "auth-fixture"\nauth_command = "touch '${marker}'"\n\n[secrets]\nK = { provider = "sso", value = "k" }\n`);
    const socket = join(box.home, 'tmux.sock');
    const run = (...args: string[]) => execFileSync('/usr/bin/tmux', ['-S', socket, ...args], { env, encoding: 'utf8' });
    tmux = run;
    run(
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-x',
      '220',
      '-y',
      '50',
      '-s',
      't',
      '-c',
      box.project,
      '/bin/sh',
      '-c',
      `"${process.execPath}" "${FNOX_BIN}" get K; echo "[exit=$?]"; exec sleep 600`,
    );
    const screen = () => run('capture-pane', '-p', '-J', '-t', 't');
    await poll('the auth question', () => (screen().includes(`Run \`touch '${marker}'\` to authenticate? [y/N]`) ? true : undefined));
    run('send-keys', '-t', 't', '-l', 'y');
    run('send-keys', '-t', 't', 'Enter');
    const done = await poll('fnox to exit', () => (/\[exit=(\d+)\]/.exec(screen()) ? screen() : undefined));
    expect(/\[exit=(\d+)\]/.exec(done)?.[1]).toBe('0');
    expect(done).toContain('value-of-k');
  });
});

describe('values from a config file you have not trusted, on a terminal', () => {
  const untrustedBox = sandboxPerTest({ trusted: false });
  /** An OSC 52 clipboard write and a window title, as TOML escapes. */
  const PAYLOAD = 'a\\u001b]52;c;cHduZWQ=\\u0007b\\u001b]0;pwned\\u0007c';
  const RAW = 'a\u001b]52;c;cHduZWQ=\u0007b\u001b]0;pwned\u0007c';

  /** Run fnox on a pseudo-terminal (util-linux script), stdout and stderr both on it. */
  const onTerminal = (args: string, env: NodeJS.ProcessEnv = {}) =>
    execFileSync('script', ['-q', '-e', '-c', `"${process.execPath}" "${FNOX_BIN}" ${args}`, '/dev/null'], {
      cwd: untrustedBox.project,
      env: { ...untrustedBox.env, TERM: 'xterm', ...env },
      encoding: 'utf8',
    });

  it.each(PATHS)('%s: get and export show them escaped with a warning; a pipe gets the exact bytes; trusted, the terminal does too', async (_name, env) => {
    writeConfig(untrustedBox, `root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nA = { default = "${PAYLOAD}" }\n`);
    for (const args of ['get A', 'export']) {
      const shown = onTerminal(args, env);
      expect(shown.includes('\u001b]'), args).toBe(false);
      expect(shown).toContain('a\\u001b]52;c;cHduZWQ=\\u0007b');
      expect(shown).toContain('shown escaped');
    }
    // Data into a pipe is never altered.
    const piped = await untrustedBox.run(['get', 'A'], { env });
    expect(piped.stdout).toBe(`${RAW}\n`);
    // Positive control: once trusted, the user's own value reaches their terminal as it is.
    const trusted = onTerminal('get A', { ...env, FNOX_TRUSTED_CONFIG_PATHS: untrustedBox.home });
    expect(trusted).toContain(RAW);
    expect(trusted).not.toContain('shown escaped');
  });
});

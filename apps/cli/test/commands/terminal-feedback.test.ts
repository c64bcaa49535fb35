/**
 * Colour and progress on a real terminal (util-linux `script` gives fnox one for stdout and
 * stderr, and keeps the raw bytes, escape codes included): `error:`/`hint:`/`✓` are coloured only
 * there, never with NO_COLOR, --no-color or a pipe; a slow provider shows a spinner on stderr after
 * ~300 ms on a terminal, never when piped and never in the shell hook.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

const fixturePlugin = fileURLToPath(new URL('../fixtures/provider-fixture', import.meta.url));
const ESC = '\u001b[';

let box: Sandbox;
beforeAll(async () => {
  box = sandbox();
  const link = await box.run(['plugins', 'link', fixturePlugin, '--no-install'], { env: { OCLIF_DISABLE_LINKED_ESM_WARNING: '1' } });
  expect(link.code, link.stderr).toBe(0);
  writeFileSync(
    `${box.project}/fnox.toml`,
    '[providers.fx]\ntype = "fixture"\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nSLOW = { provider = "fx", value = "rev:eulav" }\n',
  );
}, 60_000);
afterAll(() => box.cleanup());

/** Run fnox on a terminal; the raw bytes it wrote (stdout and stderr interleaved). */
function onTerminal(args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const command = [process.execPath, FNOX_BIN, ...args].map((w) => `'${w}'`).join(' ');
  try {
    return execFileSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: box.project, env: { ...box.env, TERM: 'xterm', ...env }, encoding: 'utf8' });
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

describe('colour', () => {
  it('error:, hint: and the id are coloured on a terminal', () => {
    const out = onTerminal(['get', 'NOPE'], { NO_COLOR: '' });
    expect(out).toContain(`${ESC}31merror:`);
    expect(out).toContain(`${ESC}36mhint:`);
    expect(out).toMatch(/\u001b\[2m\(fnox::secret::not_found\)/);
  });

  it('✓ is coloured on a terminal (oclif path too)', () => {
    const out = onTerminal(['set', 'PLAIN_ONE', 'x', '-p', 'pl'], { NO_COLOR: '' });
    expect(out).toContain(`${ESC}32m✓${ESC}39m Set secret PLAIN_ONE`);
  });

  it('never with NO_COLOR, --no-color or a pipe', async () => {
    for (const out of [onTerminal(['get', 'NOPE'], { NO_COLOR: '1' }), onTerminal(['get', 'NOPE', '--no-color'], { NO_COLOR: '' })]) {
      expect(out).toContain('error: Secret');
      expect(out).not.toContain(ESC);
    }
    const piped = await box.run(['get', 'NOPE'], { env: { NO_COLOR: '' } });
    expect(piped.stderr).toMatch(/^error: /);
    expect(piped.stderr).not.toContain(ESC);
  });
});

describe('spinner', () => {
  const slow = { FNOX_TEST_FIXTURE_DELAY_MS: '1500', NO_COLOR: '1' };

  it('shows "contacting provider …" on stderr after ~300 ms on a terminal, then erases it', () => {
    const out = onTerminal(['get', 'SLOW'], slow);
    expect(out).toContain("contacting provider 'fx'…");
    expect(out.trimEnd().endsWith('value')).toBe(true);
  });

  it('is absent when the call is quick, when piped, and in the shell hook', async () => {
    expect(onTerminal(['get', 'SLOW'], { NO_COLOR: '1' })).not.toContain('contacting');
    const piped = await box.run(['get', 'SLOW'], { env: slow });
    expect(piped).toMatchObject({ code: 0, stdout: 'value\n' });
    expect(piped.stderr).toBe('');
    expect(onTerminal(['hook-env', '-s', 'bash'], slow)).not.toContain('contacting');
  });
});

/**
 * The hook's summary cannot be used to hide a name (real bash, zsh, fish in tmux): 13 harmless
 * names do not push 2 unusual ones out of the line, the line names the file, and a secret name
 * made of escape codes is shown as text instead of erasing the line. Positive control: without
 * the unusual names the 13 plain names are cut as usual (`, ...`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_SHELLS, useShellFixture, type ShellSession } from '../shell/driver.js';

const HARMLESS = Array.from({ length: 13 }, (_, i) => `HARMLESS_SETTING_${String(i).padStart(3, '0')}`);
const UNUSUAL = ['http_proxy', 'npm_config_registry'];

function toml(names: readonly string[], extra = ''): string {
  return `[secrets]\n${names.map((name) => `${name} = { default = "v" }`).join('\n')}\n${extra}`;
}

/** The screen as one string with the lines tmux wrapped joined back. */
function screenText(sh: ShellSession): string {
  return sh.screen().replace(/\n/g, '');
}

describe.each(TEST_SHELLS)('%s', (shell) => {
  const fixture = useShellFixture();

  it('13 harmless names cannot hide 2 unusual ones; the file is named', { timeout: 300_000 }, async () => {
    writeFileSync(join(fixture.box.project, 'fnox.toml'), toml([...HARMLESS, ...UNUSUAL]));
    const sh = await fixture.start(shell, { names: UNUSUAL, env: { FNOX_TRUSTED_CONFIG_PATHS: fixture.box.home } });
    const dump = await sh.step(`cd ${fixture.box.project}`);
    expect(dump.get('http_proxy')).toBe('v'); // valid names: exported, and therefore shown
    const line = sh.screen().split('\n').find((l) => l.startsWith('fnox: +15'));
    expect(line, sh.screen()).toBeDefined();
    expect(line).toContain('http_proxy');
    expect(line).toContain('npm_config_registry');
    expect(line).toContain(', ...');
    expect(line).toContain('from fnox.toml');
  });

  it('positive control: only plain names are cut', { timeout: 300_000 }, async () => {
    writeFileSync(join(fixture.box.project, 'fnox.toml'), toml(HARMLESS));
    const sh = await fixture.start(shell, { names: [], env: { FNOX_TRUSTED_CONFIG_PATHS: fixture.box.home } });
    await sh.step(`cd ${fixture.box.project}`);
    const line = sh.screen().split('\n').find((l) => l.startsWith('fnox: +13'));
    expect(line, sh.screen()).toMatch(/^fnox: \+13 HARMLESS_SETTING_000, .*, \.\.\. from fnox\.toml\s*$/);
    expect(line).not.toContain(HARMLESS[12]);
  });

  it('a secret name of escape codes does not hide the summary', { timeout: 300_000 }, async () => {
    // ESC[2K + CR would erase the summary line if printed raw; ESC]0; would retitle the window.
    writeFileSync(join(fixture.box.project, 'fnox.toml'), toml(['VISIBLE_NAME'], `"\\u001b[2K\\rFAKE\\u001b]0;x\\u0007" = { default = "v" }\n`));
    const sh = await fixture.start(shell, { names: ['VISIBLE_NAME'], env: { FNOX_TRUSTED_CONFIG_PATHS: fixture.box.home } });
    const dump = await sh.step(`cd ${fixture.box.project}`);
    expect(dump.get('VISIBLE_NAME')).toBe('v');
    const screen = screenText(sh);
    expect(screen).toContain('fnox: +1 VISIBLE_NAME from fnox.toml');
    expect(screen).toContain("secret '\\u001b[2K\\u000dFAKE\\u001b]0;x\\u0007' is not a valid environment variable name");
  });
});

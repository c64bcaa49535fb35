import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { expectHelp } from './help-check.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

describe('fnox init', () => {
  it('writes an empty config when stdin is not a terminal and prints next steps', async () => {
    const result = await box.run(['init']);
    const file = join(box.project, 'fnox.toml');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`✓ Created new fnox configuration at '${file}'\n\nNext steps:\n  fnox set MY_SECRET <value>\n  fnox list\n  fnox exec -- <command>\n`);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('refuses to overwrite without --force, and overwrites with it', async () => {
    const file = join(box.project, 'fnox.toml');
    writeFileSync(file, '# mine\n');
    const refused = await box.run(['init', '--skip-wizard']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error: Configuration file '${file}' already exists. Use --force to overwrite.`);
    expect(readFileSync(file, 'utf8')).toBe('# mine\n');
    expect((await box.run(['init', '--skip-wizard', '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('--global creates the global config (and its directory); -c picks another path', async () => {
    const global = await box.run(['init', '--global', '--skip-wizard']);
    const path = join(box.home, '.config', 'fnox', 'config.toml');
    expect(global.stdout).toContain(`at '${path}'`);
    expect(global.stdout).toContain('fnox set MY_SECRET <value> --global');
    expect(statSync(path).isFile()).toBe(true);
    expect((await box.run(['--config', 'custom.toml', 'init'])).code).toBe(0);
    expect(existsSync(join(box.project, 'custom.toml'))).toBe(true);
  });

  it('accepts the alias i, and has help with an example', async () => {
    expect((await box.run(['i', '--skip-wizard'])).code).toBe(0);
    await expectHelp(box, 'init');
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { expectHelp } from './help-check.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

describe('fnox config-files', () => {
  it('prints nearest first, imports after their file, global last', async () => {
    const p = box.project;
    const global = join(box.home, '.config', 'fnox', 'config.toml');
    mkdirSync(join(p, 'app'), { recursive: true });
    mkdirSync(join(box.home, '.config', 'fnox'), { recursive: true });
    writeFileSync(join(p, 'fnox.toml'), 'root = true\nimport = ["shared.toml", "missing.toml"]\n');
    writeFileSync(join(p, 'shared.toml'), '');
    writeFileSync(join(p, 'fnox.local.toml'), '');
    writeFileSync(join(p, 'fnox.dev.toml'), '');
    writeFileSync(join(p, 'app', '.fnox.toml'), '');
    writeFileSync(global, '');
    const result = await box.run(['config-files', '-P', 'dev'], { cwd: join(p, 'app') });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      [join(p, 'app', '.fnox.toml'), join(p, 'fnox.toml'), join(p, 'shared.toml'), join(p, 'fnox.dev.toml'), join(p, 'fnox.local.toml'), global, ''].join('\n'),
    );
  });

  it('only locates files: mistakes outside root/import (even invalid TOML) do not fail it, as upstream', async () => {
    const p = box.project;
    mkdirSync(join(p, 'app'), { recursive: true });
    writeFileSync(join(p, 'fnox.toml'), 'root = true\nimport = ["shared.toml"]\n[secrets]\nA = { provder = "typo" }\n[providers.x]\nnot_a_type = 1\n');
    writeFileSync(join(p, 'shared.toml'), 'this is = = not toml');
    writeFileSync(join(p, 'app', 'fnox.toml'), '[secrets\nbroken');
    const result = await box.run(['config-files'], { cwd: join(p, 'app') });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe([join(p, 'app', 'fnox.toml'), join(p, 'fnox.toml'), join(p, 'shared.toml'), ''].join('\n'));
    // Positive control: a command that reads the config still refuses the same files.
    expect((await box.run(['list'], { cwd: join(p, 'app') })).code).not.toBe(0);
  });

  it('has help with an example', () => expectHelp(box, 'config-files'));
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/fnox.js';
import { expectHelp } from './help-check.js';

let box: Sandbox;
let file: string;

beforeEach(() => {
  box = sandbox();
  file = join(box.project, 'fnox.toml');
  writeFileSync(
    file,
    `root = true
[providers.pl]
type = "plain"
[secrets]
LONG = { provider = "pl", value = "${'x'.repeat(45)}", description = "long one" }
DEF = { default = "d", as_file = true }
ENV_ONLY = { }
[profiles.dev.secrets]
DEV = { default = "dev" }
`,
  );
});
afterEach(() => box.cleanup());

describe('fnox list', () => {
  it('prints a borderless table in config order with truncated provider keys', async () => {
    const result = await box.run(['list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Key       Type                  Provider Key                              Description',
        `LONG      provider (pl)         ${'x'.repeat(37)}...  long one`,
        'DEF       default value [file]',
        'ENV_ONLY  env var',
        '',
      ].join('\n'),
    );
  });

  it('--sources, --values, --complete, --json and profiles', async () => {
    expect((await box.run(['ls', '--sources'])).stdout).toContain(`LONG      provider (pl)         ${file}`);
    const values = await box.run(['list', '-V', '--full']);
    expect(values.stdout).toContain(`${'x'.repeat(45)}  long one     ${'x'.repeat(45)}`);
    expect(values.stdout).toMatch(/ENV_ONLY\s+env var\s+<not available>/);
    expect((await box.run(['secrets', '--complete', '-P', 'dev'])).stdout).toBe('LONG\nDEF\nENV_ONLY\nDEV\n');
    const json = JSON.parse((await box.run(['list', '--json', '-P', 'dev'])).stdout);
    expect(json.profile).toBe('dev');
    expect(json.secrets.at(-1)).toEqual({ key: 'DEV', type: 'default value', source: file, sourceProfile: 'dev', env: true, asFile: false });
  });

  it('says when there are no secrets', async () => {
    writeFileSync(file, 'root = true\n');
    expect((await box.run(['list', '-P', 'x'])).stdout).toBe("No secrets defined in profiles 'x'\n");
  });

  it('has help with an example', () => expectHelp(box, 'list'));
});

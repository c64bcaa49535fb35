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

  it('lists an empty secret name and an empty provider name as upstream does (get still works)', async () => {
    writeFileSync(
      file,
      `[providers.""]\ntype = "plain"\n[providers.pl]\ntype = "plain"\n[secrets]\n"" = { provider = "pl", value = "empty-named" }\nA = { provider = "", value = "via-empty-provider" }\n`,
    );
    const result = await box.run(['list']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      ['Key  Type           Provider Key        Description', '     provider (pl)  empty-named', 'A    provider ()    via-empty-provider', ''].join('\n'),
    );
    const json = JSON.parse((await box.run(['list', '--json'])).stdout);
    expect(json.secrets.map((s: { key: string; provider: string }) => [s.key, s.provider])).toEqual([['', 'pl'], ['A', '']]);
    expect(await box.run(['get', 'A'])).toMatchObject({ code: 0, stdout: 'via-empty-provider\n' });
  });

  it('names the provider types the listed secrets use that are not installed, with the install command', async () => {
    writeFileSync(
      file,
      `[providers.kms]\ntype = "aws-kms"\nkey_id = "alias/k"\nregion = "us-east-1"\n[providers.vault]\ntype = "vault"\naddress = "http://127.0.0.1:1"\n[providers.pl]\ntype = "plain"\n` +
        `[secrets]\nA = { provider = "kms", value = "x" }\nB = { provider = "vault", value = "y" }\nC = { provider = "kms", value = "z" }\nD = { provider = "pl", value = "p" }\n`,
    );
    const result = await box.run(['list']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^Key\s+Type/);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("Warning: Provider type 'aws-kms' is not installed (used by A, C). Install it with: fnox plugins install aws-kms (package @fnox/provider-aws-kms)");
    expect(lines[1]).toMatch(/^Warning: Provider type 'vault' is not supported by this build \(used by B\)\. .*fnox plugins install/);
    const json = JSON.parse((await box.run(['list', '--json'])).stdout);
    expect(json.missingProviderTypes.map((m: { type: string; secrets: string[] }) => [m.type, m.secrets])).toEqual([['aws-kms', ['A', 'C']], ['vault', ['B']]]);
    // Positive control: nothing is said when every type is there.
    writeFileSync(file, `[providers.pl]\ntype = "plain"\n[secrets]\nD = { provider = "pl", value = "p" }\n`);
    expect(await box.run(['list'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('has help with an example', () => expectHelp(box, 'list'));
});

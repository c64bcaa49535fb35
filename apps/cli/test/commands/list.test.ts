import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';
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

  it('--values: one line per secret when piped; a newline in a value cannot break the table', async () => {
    const long = 'v'.repeat(60);
    writeFileSync(file, `root = true\n[secrets]\nA = { default = "${long}" }\nPEM = { default = "one\\ntwo\\tthree\\u001b[2J" }\nB = { default = "b" }\n`);
    const piped = await box.run(['list', '--values']);
    expect(piped.code, piped.stderr).toBe(0);
    const lines = piped.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(new RegExp(`^A\\s+default value\\s+${long}$`));
    expect(lines[2]).toMatch(/^PEM\s+default value\s+one\\ntwo\\tthree\\u001b\[2J$/);
    expect(piped.stdout).not.toContain('\u001b');
    expect(lines[3]).toMatch(/^B\s+default value\s+b$/);
  });

  it('--values wraps the last column at 40 characters when stdout is a terminal', async () => {
    writeFileSync(file, `root = true\n[secrets]\nA = { default = "${'a'.repeat(50)}" }\n`);
    // util-linux `script` gives fnox a terminal for stdout (the pty helper keeps stdout in a file).
    const command = [process.execPath, FNOX_BIN, 'list', '--values'].map((w) => `'${w}'`).join(' ');
    const stdout = execFileSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: box.project, env: box.env, encoding: 'utf8' });
    const rows = stdout.replace(/\r/g, '').trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^A\s+default value\s+a{40}$/);
    expect(rows[1]).toMatch(/^\s+a{10}$/);
    expect(rows[1]!.length).toBe(rows[0]!.length - 30);
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
    expect(lines[1]).toMatch(/^Warning: Provider type 'vault' \(HashiCorp Vault\) is not installed, and fnox has no plugin of its own for it \(used by B\)\. .*fnox plugins install fnox-provider-vault/);
    const json = JSON.parse((await box.run(['list', '--json'])).stdout);
    expect(json.missingProviderTypes.map((m: { type: string; secrets: string[] }) => [m.type, m.secrets])).toEqual([['aws-kms', ['A', 'C']], ['vault', ['B']]]);
    // Positive control: nothing is said when every type is there.
    writeFileSync(file, `[providers.pl]\ntype = "plain"\n[secrets]\nD = { provider = "pl", value = "p" }\n`);
    expect(await box.run(['list'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('has help with an example', () => expectHelp(box, 'list'));
});

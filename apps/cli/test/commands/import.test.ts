import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { ageKeyPair, answerConfirmation, bytes, configText, expectHelpOf } from './admin-helpers.js';
import { project } from './secrets-helpers.js';

let box: Sandbox;
let env: Record<string, string>;
let base: string;
afterEach(() => box.cleanup());

beforeEach(async () => {
  const { identity, recipient } = await ageKeyPair();
  base = `# project secrets
root = true

[providers.age]
type = "age"
recipients = ["${recipient}"]

[providers.plain]
type = "plain"

[secrets]
# kept as is
EXISTING = { provider = "age", value = "x", description = "keep me" }
`;
  box = project(base);
  env = { FNOX_AGE_KEY: identity };
});

const DOTENV = `# comment
export API_KEY="s3cr3t \\"quoted\\"\\nline2"
PLAIN_VAL = raw value # not a comment
SINGLE='lit\\n'
EXISTING=updated-value
=nokey
`;

async function get(key: string): Promise<string> {
  const result = await box.run(['get', key], { env });
  expect(result.stderr).toBe('');
  return result.stdout;
}

describe('fnox import', () => {
  it('encrypts every dotenv value with age before writing, in input order, keeping metadata and comments', async () => {
    writeFileSync(join(box.project, '.env'), DOTENV);
    const result = await box.run(['import', '-i', '.env', '-p', 'age', '--force'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("✓ Imported 4 secrets into profile 'default' using provider 'age'\n");
    const text = configText(box);
    expect(text.startsWith(base.slice(0, base.indexOf('EXISTING')))).toBe(true);
    for (const plaintext of ['s3cr3t', 'raw value', 'updated-value', 'lit\\n']) expect(text).not.toContain(plaintext);
    expect(text).toMatch(/EXISTING= \{ provider = "age", value = "YWdlLWVuY3J5cHRpb24ub3JnL3Yx[^"]+", description = "keep me" \}\nAPI_KEY= \{ provider = "age", value = "YWdl[^"]+" \}\nPLAIN_VAL= .*\nSINGLE= .*\n$/);
    expect(await get('API_KEY')).toBe('s3cr3t "quoted"\nline2\n');
    expect(await get('PLAIN_VAL')).toBe('raw value # not a comment\n');
    expect(await get('SINGLE')).toBe('lit\\n\n');
    expect(await get('EXISTING')).toBe('updated-value\n');
  });

  it('imports json, yaml and toml top-level mappings (scalars as JSON text), with --filter and --prefix', async () => {
    const inputs: Record<string, string> = {
      json: '{"DB_URL": "postgres://u:p@h/db", "PORT": 5432, "DEBUG": true, "NOTHING": null, "NESTED": {"a": 1}}',
      yaml: '---\n# yaml\nDB_URL: &url "postgres://u:p@h/db"\nDEPLOY_URL: *url\nPORT: !!str 5432\nDEBUG: true\nNOTHING: ~\nNESTED:\n  a: 1\nCERT: |\n  line1\n  line2\n',
      toml: 'DB_URL = "postgres://u:p@h/db"\nPORT = 5432\nDEBUG = true\n[NESTED]\na = 1\n',
    };
    for (const [format, input] of Object.entries(inputs)) {
      writeFileSync(join(box.project, `in.${format}`), input);
      const result = await box.run(['import', format, '-i', `in.${format}`, '-p', 'plain', '-f', '--filter', '^(DB|PO|DE|NO|CE)', '--prefix', `${format.toUpperCase()}_`], { env });
      expect(result.code, result.stderr).toBe(0);
    }
    expect(await get('JSON_DB_URL')).toBe('postgres://u:p@h/db\n');
    expect(await get('JSON_PORT')).toBe('5432\n');
    expect(await get('YAML_DEBUG')).toBe('true\n');
    expect(await get('YAML_DEPLOY_URL')).toBe('postgres://u:p@h/db\n');
    expect(await get('YAML_PORT')).toBe('5432\n');
    expect(await get('JSON_NOTHING')).toBe('null\n');
    expect(await get('YAML_NOTHING')).toBe('null\n');
    expect(await get('YAML_CERT')).toBe('line1\nline2\n\n');
    expect(await get('TOML_PORT')).toBe('5432\n');
    expect(configText(box)).not.toContain('NESTED');
  });

  it('dry run from stdin writes nothing but still validates the provider', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const dry = await box.run(['import', '-p', 'age', '--dry-run'], { env, input: 'A=1\nB=2\n' });
    expect(dry).toMatchObject({ code: 0, stdout: '[dry-run] Would import 2 secrets into profile default using provider age:\n  A\n  B\n' });
    const unknown = await box.run(['import', '-p', 'nope', '-n'], { env, input: 'A=1\n' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Provider 'nope' not configured in profile 'default'");
    expect(bytes(file)).toEqual(before);
  });

  it('enforces the stdin rule after parsing, and reports an empty result before the provider', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const stdin = await box.run(['import', '-p', 'age'], { env, input: 'A=1\n' });
    expect(stdin.code).toBe(1);
    expect(stdin.stderr).toContain('When importing from stdin, --force or --dry-run is required');
    const badJson = await box.run(['import', 'json', '-p', 'age'], { env, input: '{"A": "topsecret",}' });
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toContain('Failed to parse JSON input');
    expect(badJson.stderr).not.toContain('topsecret');
    const empty = await box.run(['import', '-p', 'nope', '-f', '--filter', '^ZZZ'], { env, input: 'A=1\n' });
    expect(empty).toMatchObject({ code: 0, stdout: 'No secrets to import\n' });
    const badRegex = await box.run(['import', '-p', 'age', '-f', '--filter', '('], { env, input: 'A=1\n' });
    expect(badRegex.code).toBe(1);
    expect(badRegex.stderr).toContain('Invalid regex filter pattern: (');
    const noProvider = await box.run(['import', '-f'], { env, input: 'A=1\n' });
    expect(noProvider.code).toBe(2);
    expect(noProvider.stderr).toContain('--provider');
    const badYaml = await box.run(['import', 'yaml', '-p', 'age', '-f'], { env, input: 'A: secretvalue\n B: *undefined\n' });
    expect(badYaml.code).toBe(1);
    expect(badYaml.stderr).toContain('Failed to parse YAML input at <stdin>:2:');
    expect(badYaml.stderr).not.toContain('secretvalue');
    expect(bytes(file)).toEqual(before);
  });

  it('asks for confirmation on a terminal: "n" writes nothing, "yes" imports', async () => {
    writeFileSync(join(box.project, '.env'), 'A=1\n');
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const no = await answerConfirmation(box, ['import', '-i', '.env', '-p', 'age'], env, 'n');
    expect(no.code).toBe(0);
    expect(no.stdout).toBe("\nReady to import 1 secrets into profile 'default':\n  A\n\nContinue? [y/N]\nImport cancelled\n");
    expect(bytes(file)).toEqual(before);
    const yes = await answerConfirmation(box, ['import', '-i', '.env', '-p', 'age'], env, 'yes');
    expect(yes.stdout).toContain("✓ Imported 1 secrets into profile 'default' using provider 'age'");
    expect(await get('A')).toBe('1\n');
  });

  it('without a terminal (or with --non-interactive) fails with exit 1 and names --force/--yes instead of asking', async () => {
    writeFileSync(join(box.project, '.env'), 'A=1\n');
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    for (const args of [['import', '-i', '.env', '-p', 'age'], ['--non-interactive', 'import', '-i', '.env', '-p', 'age']]) {
      const piped = await box.run(args, { env, input: 'y\n' });
      expect(piped.code).toBe(1);
      expect(piped.stdout).not.toContain('Continue?');
      expect(piped.stdout).not.toContain('cancelled');
      expect(piped.stderr).toMatch(/^error: Not importing without confirmation: (stdin is not a terminal|--non-interactive is set) \(fnox::confirmation_required\)\n/);
      expect(piped.stderr).toContain('hint: Pass --force (or --yes)');
      expect(bytes(file)).toEqual(before);
    }
    const yes = await box.run(['import', '-i', '.env', '-p', 'age', '--yes'], { env });
    expect(yes.code, yes.stderr).toBe(0);
    expect(await get('A')).toBe('1\n');
  });

  it('fails without writing when encryption fails (bad recipient), and imports into -P / --global sections', async () => {
    writeFileSync(join(box.project, 'fnox.toml'), base.replace(/recipients = \[".*"\]/, 'recipients = ["not-a-recipient"]'));
    const before = bytes(join(box.project, 'fnox.toml'));
    const bad = await box.run(['import', '-p', 'age', '-f'], { env, input: 'A=topsecret\n' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toContain('topsecret');
    expect(bytes(join(box.project, 'fnox.toml'))).toEqual(before);
    const profiled = await box.run(['import', '-p', 'plain', '-f', '-P', 'dev'], { env, input: 'A=1\n' });
    expect(profiled.stdout).toContain("into profile 'dev'");
    expect(configText(box)).toContain('[profiles.dev.secrets]\nA= { provider = "plain", value = "1" }\n');
    const global = await box.run(['import', '-p', 'plain', '-f', '-g'], { env, input: 'G=1\n' });
    expect(global.stdout).toContain("using provider 'plain' (global)");
    expect(existsSync(join(box.home, '.config', 'fnox', 'config.toml'))).toBe(true);
  });

  it('refuses a remote-storage provider', async () => {
    writeFileSync(join(box.project, 'fnox.toml'), `${base}\n[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\n`.replace('[secrets]', '[secrets]'));
    const result = await box.run(['import', '-p', 'sm', '-f'], { env, input: 'A=1\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Provider 'sm' cannot be used for import|not installed/);
  });

  it('has help with examples', async () => {
    await expectHelpOf(box, ['import']);
  });
});

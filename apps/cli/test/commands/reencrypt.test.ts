import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { ageKeyPair, answerConfirmation, bytes, configText, expectHelpOf } from './admin-helpers.js';
import { project } from './secrets-helpers.js';

let box: Sandbox;
let one: { identity: string; recipient: string };
let two: { identity: string; recipient: string };
afterEach(() => box.cleanup());

/** Encrypt like `printf %s v | age -r R | base64 -w0` with the real age CLI. */
const ageEncrypt = (value: string, recipient: string): string => execFileSync('age', ['-r', recipient], { input: value }).toString('base64');

function config(recipients: string): string {
  return `# project config
root = true
import = ["shared.toml"]

[providers.age]
type = "age"
recipients = [${recipients}] # who can read

[providers.plain]
type = "plain"

[secrets]
# the database
DB = { provider = "age", value = "${ageEncrypt('postgres://db', one.recipient)}", description = "main db" }
PLAIN = { provider = "plain", value = "visible" }
ONLY_DEFAULT = { default = "fallback" }

# a JSON blob: the whole document must survive, not just the json_path part
[secrets.BLOB]
provider = "age"
value = "${ageEncrypt('{"user":"u","pass":"p4ss"}', one.recipient)}"
json_path = "pass"

[profiles.dev.secrets]
DEV_ONLY = { provider = "age", value = "${ageEncrypt('dev-value', one.recipient)}" } # dev
`;
}

beforeEach(async () => {
  one = await ageKeyPair();
  two = await ageKeyPair();
  box = project(config(`"${one.recipient}"`));
  writeFileSync(join(box.project, 'shared.toml'), `# shared file\n[secrets]\nSHARED = { provider = "age", value = "${ageEncrypt('from-shared', one.recipient)}" }\n`);
});

const get = (key: string, identity: string, extra: string[] = []) => box.run(['get', key, ...extra], { env: { FNOX_AGE_KEY: identity } });

describe('fnox reencrypt', () => {
  it('after adding a recipient, the second identity decrypts every value; only value lines change', async () => {
    expect((await get('DB', two.identity)).code).toBe(1);
    writeFileSync(join(box.project, 'fnox.toml'), config(`"${one.recipient}", "${two.recipient}"`));
    const before = configText(box).split('\n');
    const sharedBefore = readFileSync(join(box.project, 'shared.toml'), 'utf8').split('\n');

    const result = await box.run(['reencrypt', '--force', '-P', 'dev'], { env: { FNOX_AGE_KEY: one.identity } });
    expect(result).toMatchObject({ code: 0, stdout: 'Re-encrypted 5 secrets\n' });

    const after = configText(box).split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.map((line, i) => (line === before[i] ? undefined : i)).filter((i) => i !== undefined);
    expect(changed.length).toBe(3); // DB, BLOB, DEV_ONLY (PLAIN re-encrypts to the same text: not rewritten)
    for (const i of changed) {
      expect(before[i!]).toMatch(/value = "/);
      expect(after[i!]).toMatch(/value = "YWdl/);
    }
    const sharedAfter = readFileSync(join(box.project, 'shared.toml'), 'utf8').split('\n');
    expect(sharedAfter.filter((l, i) => l !== sharedBefore[i]).length).toBe(1);

    expect((await get('DB', two.identity)).stdout).toBe('postgres://db\n');
    expect((await get('BLOB', two.identity)).stdout).toBe('p4ss\n');
    expect((await get('SHARED', two.identity)).stdout).toBe('from-shared\n');
    expect((await get('DEV_ONLY', two.identity, ['-P', 'dev'])).stdout).toBe('dev-value\n');
    expect((await get('PLAIN', two.identity)).stdout).toBe('visible\n');
    expect((await get('DB', one.identity)).stdout).toBe('postgres://db\n');
  });

  it('dry run and chosen keys / filters', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const all = await box.run(['reencrypt', '--dry-run']);
    expect(all).toMatchObject({ code: 0, stdout: '[dry-run] Would re-encrypt 4 secrets in profile default:\n  SHARED (age)\n  DB (age)\n  PLAIN (plain)\n  BLOB (age)\n' });
    const some = await box.run(['reencrypt', 'DB', 'BLOB', '-n']);
    expect(some.stdout).toBe('[dry-run] Would re-encrypt 2 secrets in profile default:\n  DB (age)\n  BLOB (age)\n');
    const filtered = await box.run(['reencrypt', '-n', '-p', 'age', '--filter', '^(DB|SH)']);
    expect(filtered.stdout).toBe('[dry-run] Would re-encrypt 2 secrets in profile default:\n  SHARED (age)\n  DB (age)\n');
    const ineligible = await box.run(['reencrypt', 'ONLY_DEFAULT', '-n']);
    expect(ineligible.code).toBe(1);
    expect(ineligible.stderr).toContain("Secret 'ONLY_DEFAULT' not found in profile 'default'");
    expect(ineligible.stderr).toContain('excluded by filters');
    const none = await box.run(['reencrypt', '-f', '--filter', '^NOPE']);
    expect(none).toMatchObject({ code: 0, stdout: 'No secrets to re-encrypt\n' });
    const cancelled = await answerConfirmation(box, ['reencrypt'], { FNOX_AGE_KEY: one.identity }, 'n');
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain("Ready to re-encrypt 4 secrets in profile 'default':\n  SHARED (age)\n  DB (age)\n");
    expect(cancelled.stdout).toContain('Re-encryption cancelled');
    expect(bytes(file)).toEqual(before);
    // Nobody can answer through a pipe: exit 1 and a hint, never a silent "cancelled".
    const piped = await box.run(['reencrypt'], { input: 'y\n', env: { FNOX_AGE_KEY: one.identity } });
    expect(piped.code).toBe(1);
    expect(piped.stdout).toBe('');
    expect(piped.stderr).toMatch(/^error: Not re-encrypting without confirmation: stdin is not a terminal \(fnox::confirmation_required\)\nhint: .*--force \(or --yes\)/);
    expect(bytes(file)).toEqual(before);
  });

  it('a decrypt failure aborts with every file byte-identical', async () => {
    const file = join(box.project, 'fnox.toml');
    const shared = join(box.project, 'shared.toml');
    const before = [bytes(file), bytes(shared)];
    const wrongKey = await box.run(['reencrypt', '-f'], { env: { FNOX_AGE_KEY: two.identity } });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/decrypt/i);
    const underWarn = await box.run(['--if-missing', 'warn', 'reencrypt', '-f'], { env: { FNOX_AGE_KEY: two.identity } });
    expect(underWarn.code).toBe(1);
    expect(underWarn.stderr).toContain('cannot re-encrypt: resolver returned no value for this secret');
    expect(underWarn.stderr).toContain('WARN');
    expect([bytes(file), bytes(shared)]).toEqual(before);
  });

  it('a third-party encrypt-mode provider (linked plugin) re-encrypts under its current settings through the contract alone', async () => {
    const fixturePlugin = fileURLToPath(new URL('../fixtures/provider-fixture', import.meta.url));
    const link = await box.run(['plugins', 'link', fixturePlugin, '--no-install']);
    expect(link.code, link.stderr).toBe(0);
    const file = join(box.project, 'fnox.toml');
    const text = (tag: string) => `# third party\n[providers.rev]\ntype = "fixture"\ntag = "${tag}"\n\n[secrets]\n# reversed\nR1= { provider = "rev", value = "rev@v1:1eulav" }\nR2= { provider = "rev", value = "rev@v1:2eulav" }\n`;
    writeFileSync(file, text('v2'));
    const result = await box.run(['reencrypt', '-p', 'rev', '--force']);
    expect(result).toMatchObject({ code: 0, stdout: 'Re-encrypted 2 secrets\n' });
    expect(configText(box)).toBe(text('v2').replaceAll('rev@v1:', 'rev@v2:'));
    expect((await box.run(['get', 'R2'])).stdout).toBe('value2\n');
  });

  it('has help with examples', async () => {
    await expectHelpOf(box, ['reencrypt']);
  });
});

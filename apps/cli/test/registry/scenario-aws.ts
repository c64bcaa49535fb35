import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticAwsEnv } from '@fnox/aws-emulator';
import { describe, expect, it } from 'vitest';
import { providerRows, userWithPlugin, writeConfig, type RegistryContext } from './context.js';
import { installedCopies } from './tree.js';

const KMS_PACKAGE = '@fnox/provider-aws-kms';
const SM_PACKAGE = '@fnox/provider-secrets-manager';
/** A Secrets Manager provider whose secrets live under `cli/`, then the `[secrets]` header. */
const SM_TABLE = ['[providers.sm]', 'type = "aws-sm"', 'region = "us-east-1"', 'prefix = "cli/"', '', '[secrets]'].join('\n');

/** What the emulator logged for Secrets Manager since the last clear. */
function smOps(ctx: RegistryContext) {
  return ctx.emulator.control.requests({ service: 'secretsmanager' });
}

/** A secret as the emulator stores it (every version with its stages), or undefined. */
function storedSecret(ctx: RegistryContext, name: string) {
  return ctx.emulator.control
    .snapshot()
    .regions?.flatMap((r) => r.secrets)
    .find((s) => s.name === name);
}

/** Scenario 2: `fnox plugins install aws-kms` from the registry, then KMS against the emulator. */
export function describeAwsKmsPlugin(ctx: RegistryContext): void {
  describe('2. fnox plugins install aws-kms (short name) from the registry', () => {
    const handle = userWithPlugin(ctx, 'aws-kms', `fnox plugins install aws-kms → ${KMS_PACKAGE}`);

    it(`installs ${KMS_PACKAGE} into the CLI's data dir, with its @fnox/contract peer and the KMS client only`, () => {
      const { dataDir } = handle.get();
      expect(installedCopies(dataDir, KMS_PACKAGE)).toEqual([join('node_modules', '@fnox', 'provider-aws-kms')]);
      // The peer is fetched from the registry: the plugin runs beside the CLI's bundled contract copy.
      expect(installedCopies(dataDir, '@fnox/contract')).toHaveLength(1);
      expect(installedCopies(dataDir, '@aws-sdk/client-kms').length).toBeGreaterThan(0);
      // Install only what you use: the CLI plus aws-kms carries no Secrets Manager client anywhere.
      expect(installedCopies(dataDir, '@aws-sdk/client-secrets-manager')).toEqual([]);
      expect(installedCopies(ctx.cliPrefix, '@aws-sdk/client-secrets-manager')).toEqual([]);
      expect(installedCopies(dataDir, SM_PACKAGE)).toEqual([]);
      // The plugin never drags in a second oclif.
      expect(installedCopies(dataDir, '@oclif/core')).toEqual([]);
    });

    it('is listed by `fnox providers` as a user plugin', async () => {
      const result = await handle.get().fnox(['providers', '--json']);
      expect(result.code, result.stderr).toBe(0);
      expect(providerRows(result.stdout).find((p) => p.type === 'aws-kms')).toMatchObject({ origin: 'user', package: KMS_PACKAGE, mode: 'encrypt' });
    });

    it('encrypts with `fnox set` and decrypts with `fnox get` against the AWS emulator', async () => {
      const user = handle.get();
      writeConfig(user.box.project, ['[providers.kms]', 'type = "aws-kms"', `key_id = "${ctx.kmsKey}"`, 'region = "us-east-1"']);
      const env = hermeticAwsEnv(ctx.emulator.url, { base: user.env });
      ctx.emulator.control.clearRequests();
      const set = await user.fnox(['set', 'DATABASE_URL', '--provider', 'kms'], { env, input: 'postgres://kms:registry-pw@db/app' });
      expect(set.code, set.stderr).toBe(0);
      const toml = readFileSync(join(user.box.project, 'fnox.toml'), 'utf8');
      expect(toml).toMatch(/DATABASE_URL ?= \{ provider = "kms", value = "AQICAHh[A-Za-z0-9+/]+={0,2}" \}/);
      const get = await user.fnox(['get', 'DATABASE_URL'], { env });
      expect(get).toMatchObject({ code: 0, stdout: 'postgres://kms:registry-pw@db/app\n', stderr: '' });
      expect(ctx.emulator.control.requests({ service: 'kms' }).map((r) => r.operation)).toEqual(['Encrypt', 'Decrypt']);
    });

    it("maps the plugin's failure to a one-line CLI error with the provider's message, and no stack", async () => {
      const user = handle.get();
      writeConfig(user.box.project, [
        '[providers.kms]',
        'type = "aws-kms"',
        'key_id = "alias/does-not-exist"',
        'region = "us-east-1"',
        '',
        '[secrets]',
        'BROKEN = { provider = "kms", value = "not base64!" }',
      ]);
      const got = await user.fnox(['get', 'BROKEN'], { env: hermeticAwsEnv(ctx.emulator.url, { base: user.env }) });
      expect(got.code).not.toBe(0);
      expect(got.stderr).toContain('AWS KMS: invalid response: Failed to decode base64 ciphertext: Invalid symbol " " at offset 3');
      expect(got.stderr).not.toMatch(/\bat .*\.js:\d+/);
    });
  });
}

/** Scenario 3: `fnox plugins install aws-sm` from the registry, then a Secrets Manager read. */
export function describeSecretsManagerPlugin(ctx: RegistryContext): void {
  describe('3. fnox plugins install aws-sm (short name) from the registry', () => {
    const handle = userWithPlugin(ctx, 'aws-sm', `fnox plugins install aws-sm → ${SM_PACKAGE}`);

    it(`installs ${SM_PACKAGE} (not a guessed @fnox/provider-aws-sm), without the KMS client`, () => {
      const { dataDir } = handle.get();
      expect(installedCopies(dataDir, SM_PACKAGE)).toEqual([join('node_modules', '@fnox', 'provider-secrets-manager')]);
      expect(installedCopies(dataDir, '@fnox/provider-aws-sm')).toEqual([]);
      expect(installedCopies(dataDir, '@aws-sdk/client-secrets-manager').length).toBeGreaterThan(0);
      expect(installedCopies(dataDir, '@aws-sdk/client-kms')).toEqual([]);
    });

    it('is listed by `fnox providers` as a user plugin', async () => {
      const result = await handle.get().fnox(['providers', '--json']);
      expect(result.code, result.stderr).toBe(0);
      expect(providerRows(result.stdout).find((p) => p.type === 'aws-sm')).toMatchObject({ origin: 'user', package: SM_PACKAGE, mode: 'store' });
    });

    it('reads a secret from the AWS emulator with `fnox get`', async () => {
      const user = handle.get();
      writeConfig(user.box.project, [
        '[providers.sm]',
        'type = "aws-sm"',
        'region = "us-east-1"',
        '',
        '[secrets]',
        `DATABASE_URL = { provider = "sm", value = "${ctx.smSecret.name}" }`,
      ]);
      const get = await user.fnox(['get', 'DATABASE_URL'], { env: hermeticAwsEnv(ctx.emulator.url, { base: user.env }) });
      expect(get).toMatchObject({ code: 0, stdout: `${ctx.smSecret.value}\n`, stderr: '' });
    });

    it('fnox set creates the secret, then updates it with the previous version kept as AWSPREVIOUS; fnox get reads the new one', async () => {
      const user = handle.get();
      const env = hermeticAwsEnv(ctx.emulator.url, { base: user.env });
      writeConfig(user.box.project, [SM_TABLE]);
      ctx.emulator.control.clearRequests();
      for (const value of ['first-password', 'second-password']) {
        const set = await user.fnox(['set', 'DB_PASS', '--provider', 'sm'], { env, input: value });
        expect(set.code, set.stderr).toBe(0);
      }
      expect(smOps(ctx).map((r) => r.operation)).toEqual(['PutSecretValue', 'CreateSecret', 'PutSecretValue']);
      const versions = storedSecret(ctx, 'cli/DB_PASS')?.versions ?? [];
      expect(versions.map((v) => [v.secretString, [...v.stages].sort()])).toEqual([
        ['first-password', ['AWSPREVIOUS']],
        ['second-password', ['AWSCURRENT']],
      ]);
      expect(await user.fnox(['get', 'DB_PASS'], { env })).toMatchObject({ code: 0, stdout: 'second-password\n' });
    });

    it('fnox export reads 45 secrets in 3 BatchGetSecretValue calls', async () => {
      const user = handle.get();
      ctx.emulator.control.seed({ secrets: Array.from({ length: 45 }, (_, i) => ({ name: `cli/s${i}`, secretString: `v${i}` })) });
      writeConfig(user.box.project, [SM_TABLE, ...Array.from({ length: 45 }, (_, i) => `S${i} = { provider = "sm", value = "s${i}" }`)]);
      ctx.emulator.control.clearRequests();
      const out = await user.fnox(['export', '-f', 'json'], { env: hermeticAwsEnv(ctx.emulator.url, { base: user.env }) });
      expect(out.code, out.stderr).toBe(0);
      const exported = (JSON.parse(out.stdout) as { secrets: Record<string, string> }).secrets;
      expect(exported).toEqual(Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`S${i}`, `v${i}`])));
      expect(smOps(ctx).map((r) => r.operation)).toEqual(Array(3).fill('BatchGetSecretValue'));
    });

    it.each([
      ['ignore', 0, false],
      ['warn', 0, true],
      ['error', 1, true],
    ] as const)('partial failure under if_missing=%s: the good secret survives, the missing one is reported by name', async (policy, code, reported) => {
      const user = handle.get();
      ctx.emulator.control.seed({ secrets: [{ name: `cli/good-${policy}`, secretString: 'good value' }] });
      writeConfig(user.box.project, [SM_TABLE, `GOOD = { provider = "sm", value = "good-${policy}" }`, 'MISSING = { provider = "sm", value = "absent" }']);
      const out = await user.fnox(['export', '-f', 'json', '--if-missing', policy], { env: hermeticAwsEnv(ctx.emulator.url, { base: user.env }) });
      expect(out.code, out.stderr).toBe(code);
      if (code === 0) expect(JSON.parse(out.stdout).secrets).toEqual({ GOOD: 'good value' });
      if (reported) expect(out.stderr).toContain("AWS Secrets Manager: secret 'cli/absent' not found");
      else expect(out.stderr).toBe('');
    });
  });
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticAwsEnv } from '@fnox/aws-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAll, emulatorEnv, kmsOps, makeContext, makeProvider, startKms, type KmsFixture } from './support/kms.js';
import { findDirs, installBlocker, installFnoxWithPlugin, treeSize, type InstalledFnox } from '@fnox/aws-shared/testing';

const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const blocker = await installBlocker('packages/provider-aws-kms');

let fx: KmsFixture;
let installed: InstalledFnox;

// CI builds everything first; a local run without a build skips with the reason.
describe.skipIf(blocker !== undefined && !IN_CI)(`selective install of aws-kms${blocker ? ` (skipped: ${blocker})` : ''}`, () => {
  beforeAll(async () => {
    fx = await startKms();
    installed = await installFnoxWithPlugin('packages/provider-aws-kms');
  }, 600_000);
  afterAll(async () => {
    await disposeAll();
    await fx?.emu.stop();
    installed?.cleanup();
  });

  it('installs the plugin from its tarball next to a CLI that ships no AWS SDK, without Secrets Manager', async () => {
    const providers = await installed.fnox(['providers']);
    expect(providers.stdout).toMatch(/aws-kms\s+AWS KMS\s+encrypt\s+@fnox\/provider-aws-kms@0\.1\.0\s+user/);
    expect(findDirs(installed.cliModules, 'client-kms')).toEqual([]);
    expect(findDirs(installed.pluginModules, 'client-kms')).toHaveLength(1);
    expect(findDirs(installed.cliModules, 'client-secrets-manager')).toEqual([]);
    expect(findDirs(installed.pluginModules, 'client-secrets-manager')).toEqual([]);
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    process.stderr.write(`install sizes: CLI prefix ${mb(treeSize(installed.cliModules))}, aws-kms plugin ${mb(treeSize(installed.pluginModules))}\n`);
  });

  it('fnox get decrypts a KMS secret and fnox set encrypts a new one, against the emulator', async () => {
    const stored = await (await makeProvider({ key_id: fx.alias, region: 'us-east-1' }, makeContext({ env: emulatorEnv(fx.emu.url) }))).put!('DATABASE_URL', 'postgres://u:p@db/app');
    writeFileSync(
      join(installed.dir, 'fnox.toml'),
      `[providers.kms]\ntype = "aws-kms"\nkey_id = "${fx.alias}"\nregion = "us-east-1"\n\n[secrets]\nDATABASE_URL = { provider = "kms", value = "${stored}" }\n`,
    );
    const env = hermeticAwsEnv(fx.emu.url, { base: installed.env });
    fx.emu.control.clearRequests();
    const got = await installed.fnox(['get', 'DATABASE_URL'], { env });
    expect(got.stderr).toBe('');
    expect(got).toMatchObject({ code: 0, stdout: 'postgres://u:p@db/app\n' });

    const set = await installed.fnox(['set', 'API_TOKEN', '--provider', 'kms'], { env, input: 'tok-from-stdin' });
    expect(set.code, set.stderr).toBe(0);
    expect(readFileSync(join(installed.dir, 'fnox.toml'), 'utf8')).toMatch(/API_TOKEN ?= \{ provider = "kms", value = "AQICAHh[A-Za-z0-9+/]+={0,2}" \}/);
    expect((await installed.fnox(['get', 'API_TOKEN'], { env })).stdout).toBe('tok-from-stdin\n');
    expect(kmsOps(fx.emu).map((r) => r.operation)).toEqual(['Decrypt', 'Encrypt', 'Decrypt']);
  });

  it('maps a provider failure to a clean CLI error with the hint', async () => {
    writeFileSync(
      join(installed.dir, 'fnox.toml'),
      `[providers.kms]\ntype = "aws-kms"\nkey_id = "alias/does-not-exist"\nregion = "us-east-1"\n\n[secrets]\nBROKEN = { provider = "kms", value = "not base64!" }\n`,
    );
    const got = await installed.fnox(['get', 'BROKEN'], { env: hermeticAwsEnv(fx.emu.url, { base: installed.env }) });
    expect(got.code).not.toBe(0);
    expect(got.stderr).toContain('AWS KMS: invalid response: Failed to decode base64 ciphertext: Invalid symbol " " at offset 3');
    expect(got.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { hermeticAwsEnv } from '@fnox/aws-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smOps, startSm, type SmFixture } from './support/sm.js';
import { findDirs, installBlocker, installFnoxWithPlugin, treeSize, type InstalledFnox } from '@fnox/aws-shared/testing';

const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const blocker = await installBlocker('packages/provider-secrets-manager');

let fx: SmFixture;
let installed: InstalledFnox;
let env: NodeJS.ProcessEnv;

const CONFIG = `[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\nprefix = "cli/"\n\n[secrets]\n`;

// CI builds everything first; a local run without a build skips with the reason.
describe.skipIf(blocker !== undefined && !IN_CI)(`aws-sm through the installed CLI${blocker ? ` (skipped: ${blocker})` : ''}`, () => {
  beforeAll(async () => {
    fx = await startSm();
    installed = await installFnoxWithPlugin('packages/provider-secrets-manager');
    env = hermeticAwsEnv(fx.emu.url, { base: installed.env });
  }, 600_000);
  afterAll(async () => {
    await fx?.stop();
    installed?.cleanup();
  });

  it('installs alone: Secrets Manager client in the plugin, no KMS client anywhere', async () => {
    const providers = await installed.fnox(['providers']);
    expect(providers.stdout).toMatch(/aws-sm\s+AWS Secrets Manager\s+store\s+@fnox\/provider-secrets-manager@0\.1\.0\s+user/);
    expect(findDirs(installed.pluginModules, 'client-secrets-manager')).toHaveLength(1);
    expect([...findDirs(installed.cliModules, 'client-kms'), ...findDirs(installed.pluginModules, 'client-kms')]).toEqual([]);
    process.stderr.write(`install sizes: CLI prefix ${(treeSize(installed.cliModules) / 1e6).toFixed(1)} MB, aws-sm plugin ${(treeSize(installed.pluginModules) / 1e6).toFixed(1)} MB\n`);
  });

  it('fnox set creates the secret, then updates it (AWSPREVIOUS kept); fnox get reads it', async () => {
    writeFileSync(join(installed.dir, 'fnox.toml'), CONFIG);
    const first = await installed.fnox(['set', 'DB_PASS', '--provider', 'sm'], { env, input: 'first-password' });
    expect(first.code, first.stderr).toBe(0);
    const second = await installed.fnox(['set', 'DB_PASS', '--provider', 'sm'], { env, input: 'second-password' });
    expect(second.code, second.stderr).toBe(0);
    expect(smOps(fx.emu).map((r) => r.operation)).toEqual(['PutSecretValue', 'CreateSecret', 'PutSecretValue']);
    expect(smOps(fx.emu).every((r) => r.resources.includes('cli/DB_PASS'))).toBe(true);
    const previous = await fx.admin.send(new GetSecretValueCommand({ SecretId: 'cli/DB_PASS', VersionStage: 'AWSPREVIOUS' }));
    expect(previous.SecretString).toBe('first-password');
    expect(await installed.fnox(['get', 'DB_PASS'], { env })).toMatchObject({ code: 0, stdout: 'second-password\n' });
  });

  it('fnox export reads 45 secrets in 3 BatchGetSecretValue calls', async () => {
    fx.emu.control.seed({ secrets: Array.from({ length: 45 }, (_, i) => ({ name: `cli/s${i}`, secretString: `v${i}` })) });
    const lines = Array.from({ length: 45 }, (_, i) => `S${i} = { provider = "sm", value = "s${i}" }`);
    writeFileSync(join(installed.dir, 'fnox.toml'), CONFIG + lines.join('\n') + '\n');
    fx.emu.control.clearRequests();
    const out = await installed.fnox(['export', '-f', 'json'], { env });
    expect(out.code, out.stderr).toBe(0);
    const exported = (JSON.parse(out.stdout) as { secrets: Record<string, string> }).secrets;
    for (let i = 0; i < 45; i++) expect(exported[`S${i}`]).toBe(`v${i}`);
    expect(smOps(fx.emu).map((r) => r.operation)).toEqual(Array(3).fill('BatchGetSecretValue'));
  });

  it.each([
    ['ignore', 0, false],
    ['warn', 0, true],
    ['error', 1, true],
  ] as const)('partial failure under if_missing=%s: the good secret survives, the missing one is reported per key', async (policy, code, reported) => {
    fx.emu.control.seed({ secrets: [{ name: `cli/good-${policy}`, secretString: 'good value' }] });
    writeFileSync(
      join(installed.dir, 'fnox.toml'),
      `${CONFIG}GOOD = { provider = "sm", value = "good-${policy}" }\nMISSING = { provider = "sm", value = "absent" }\n`,
    );
    const out = await installed.fnox(['export', '-f', 'json', '--if-missing', policy], { env });
    expect(out.code, out.stderr).toBe(code);
    if (code === 0) expect(JSON.parse(out.stdout).secrets).toEqual({ GOOD: 'good value' });
    if (reported) expect(out.stderr).toContain("AWS Secrets Manager: secret 'cli/absent' not found");
    else expect(out.stderr).toBe('');
  });
});

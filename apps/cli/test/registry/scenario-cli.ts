import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateIdentity } from '@fnox/provider-age';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@fnox/test-kit';
import { fnoxUser, installCli, providerRows, writeConfig, type FnoxUser, type RegistryContext } from './context.js';
import { installedCopies, installedNames } from './tree.js';

const CLI_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'apps/cli/package.json'), 'utf8')) as { version: string }).version;

/** Scenario 1: `npm install -g @fnox/cli` from the registry, then the offline age flow. */
export function describeCliInstall(ctx: RegistryContext): void {
  describe('1. npm install -g @fnox/cli from the registry', () => {
    let user: FnoxUser;

    beforeAll(async () => {
      await installCli(ctx);
      user = fnoxUser(ctx);
    }, 660_000);
    afterAll(() => user?.box.cleanup());

    it('puts a working `fnox` on the prefix bin that prints its version', async () => {
      const result = await user.fnox(['--version']);
      expect(result).toMatchObject({ code: 0, stdout: `fnox ${CLI_VERSION}\n` });
    });

    it('installed the published packages, not workspace links', () => {
      const cli = join(ctx.cliPrefix, 'lib', 'node_modules', '@fnox', 'cli');
      expect(JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8'))).toMatchObject({ name: '@fnox/cli', version: CLI_VERSION });
      const names = installedNames(ctx.cliPrefix);
      for (const name of ['@fnox/contract', '@fnox/provider-age', '@oclif/core', '@oclif/plugin-plugins', 'age-encryption']) expect(names).toContain(name);
      // Only the offline default ships: no AWS SDK, no other provider, no test tooling.
      expect([...names].filter((n) => n.startsWith('@aws-sdk/') || n.startsWith('fnox-provider-'))).toEqual([]);
      // @fnox/core is bundled into the CLI, so it is a devDependency and not installed.
      for (const name of ['@fnox/core', '@fnox/provider-aws-kms', '@fnox/provider-secrets-manager', '@fnox/aws-emulator', 'verdaccio', 'esbuild']) {
        expect(installedCopies(ctx.cliPrefix, name)).toEqual([]);
      }
    });

    it('lists age (core plugin) and plain (built in) as providers', async () => {
      const result = await user.fnox(['providers', '--json']);
      expect(result.code, result.stderr).toBe(0);
      const rows = providerRows(result.stdout);
      expect(rows.find((p) => p.type === 'age')).toMatchObject({ origin: 'core', package: '@fnox/provider-age', mode: 'encrypt' });
      expect(rows.find((p) => p.type === 'plain')).toMatchObject({ origin: 'builtin' });
      expect(rows.map((p) => p.type).sort()).toEqual(['age', 'plain']);
    });

    it('round-trips an age secret: fnox set encrypts with the recipient, fnox get decrypts with ~/.config/fnox/age.txt', async () => {
      const key = await generateIdentity();
      mkdirSync(join(user.box.env.XDG_CONFIG_HOME!, 'fnox'), { recursive: true });
      writeFileSync(join(user.box.env.XDG_CONFIG_HOME!, 'fnox', 'age.txt'), `${key.identity}\n`, { mode: 0o600 });
      writeConfig(user.box.project, ['[providers.age]', 'type = "age"', `recipients = ["${key.recipient}"]`]);
      const set = await user.fnox(['set', 'DATABASE_URL', '--provider', 'age'], { input: 'postgres://u:registry-pw@db/app' });
      expect(set.code, set.stderr).toBe(0);
      const toml = readFileSync(join(user.box.project, 'fnox.toml'), 'utf8');
      expect(toml).toMatch(/DATABASE_URL ?= \{ provider = "age", value = "[A-Za-z0-9+/=]+" \}/);
      expect(toml).not.toContain('registry-pw');
      const get = await user.fnox(['get', 'DATABASE_URL']);
      expect(get).toMatchObject({ code: 0, stdout: 'postgres://u:registry-pw@db/app\n', stderr: '' });
    });
  });
}

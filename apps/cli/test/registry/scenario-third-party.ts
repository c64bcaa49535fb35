import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fnoxUser, installCli, providerRows, writeConfig, type FnoxUser, type RegistryContext } from './context.js';
import { sizeKiB } from '../ecosystem/pack.js';
import { installedCopies } from './tree.js';

const PACKAGE = 'fnox-provider-env-file';

/** Scenario 4: a third-party provider, published under its own name, installed and removed by name. */
export function describeThirdPartyPlugin(ctx: RegistryContext): void {
  describe(`4. fnox plugins install ${PACKAGE} (a third party's package) from the registry`, () => {
    let user: FnoxUser;
    beforeAll(async () => {
      await installCli(ctx);
      user = fnoxUser(ctx);
      writeConfig(user.box.project, [
        '[providers.local]', 'type = "env-file"', 'path = "config/app.env"', '',
        '[secrets]', 'DATABASE_URL = { provider = "local", value = "DATABASE_URL" }',
      ]);
      mkdirSync(join(user.box.project, 'config'));
      writeFileSync(join(user.box.project, 'config', 'app.env'), 'DATABASE_URL=postgres://env@db/app\n');
    }, 660_000);
    afterAll(() => user?.box.cleanup());

    it('installs by its package name', async () => {
      const result = await user.fnox(['plugins', 'install', PACKAGE]);
      expect(result.code, result.stderr).toBe(0);
      expect(installedCopies(user.dataDir, PACKAGE)).toEqual([join('node_modules', PACKAGE)]);
      ctx.sizes.set(`fnox plugins install ${PACKAGE} (fnox data dir)`, sizeKiB(user.dataDir));
    }, 360_000);

    it('is listed as a user provider and resolves a secret', async () => {
      const providers = await user.fnox(['providers', '--json']);
      expect(providers.code, providers.stderr).toBe(0);
      expect(providerRows(providers.stdout).find((p) => p.type === 'env-file')).toMatchObject({ origin: 'user', package: PACKAGE, mode: 'read' });
      const get = await user.fnox(['get', 'DATABASE_URL']);
      expect(get).toMatchObject({ code: 0, stdout: 'postgres://env@db/app\n', stderr: '' });
    });

    it('is removed by `fnox plugins uninstall`, after which its type is unknown again', async () => {
      const removed = await user.fnox(['plugins', 'uninstall', PACKAGE]);
      expect(removed.code, removed.stderr).toBe(0);
      expect(installedCopies(user.dataDir, PACKAGE)).toEqual([]);
      const providers = await user.fnox(['providers', '--json']);
      expect(providerRows(providers.stdout).map((p) => p.type)).not.toContain('env-file');
      const get = await user.fnox(['get', 'DATABASE_URL']);
      expect(get.code).toBe(1);
      expect(get.stderr).toContain("Unknown provider type 'env-file'");
    });
  });
}

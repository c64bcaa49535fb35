import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_SECRET_SERVICE, startSecretService } from '../../../../packages/provider-keychain/test/support/secret-service.js';
import { HAVE_PASS, passFixture } from '../../../../packages/provider-password-store/test/support/pass-fixture.js';
import { providerRows, userWithPlugin, writeConfig, type RegistryContext } from './context.js';
import { installedCopies } from './tree.js';

const KEYCHAIN_PACKAGE = '@fnox/provider-keychain';
const PASS_PACKAGE = '@fnox/provider-password-store';

/**
 * Scenario 8: `fnox plugins install keychain` and `… password-store` by short name (oclif's scope
 * + prefix rule maps them to @fnox/provider-*), then real reads: the keychain's native binding and
 * this platform's prebuilt arrive as npm dependencies through the registry, nothing else is fetched.
 */
export function describeOsStorePlugins(ctx: RegistryContext): void {
  describe('8. fnox plugins install keychain / password-store (short names) from the registry', () => {
    const keychain = userWithPlugin(ctx, 'keychain', `fnox plugins install keychain → ${KEYCHAIN_PACKAGE}`);
    const pass = userWithPlugin(ctx, 'password-store', `fnox plugins install password-store → ${PASS_PACKAGE}`);

    it(`keychain installs ${KEYCHAIN_PACKAGE} with @napi-rs/keyring and this platform's prebuilt binary`, async () => {
      const { dataDir } = keychain.get();
      expect(installedCopies(dataDir, KEYCHAIN_PACKAGE)).toEqual([join('node_modules', '@fnox', 'provider-keychain')]);
      expect(installedCopies(dataDir, '@napi-rs/keyring')).toHaveLength(1);
      if (process.platform === 'linux' && process.arch === 'x64') expect(installedCopies(dataDir, '@napi-rs/keyring-linux-x64-gnu')).toHaveLength(1);
      const rows = providerRows((await keychain.get().fnox(['providers', '--json'])).stdout);
      expect(rows.find((p) => p.type === 'keychain')).toMatchObject({ origin: 'user', package: KEYCHAIN_PACKAGE, mode: 'store' });
    });

    it.skipIf(!HAVE_SECRET_SERVICE)('the installed keychain plugin reads what secret-tool stored', async () => {
      const ss = await startSecretService();
      try {
        ss.secretTool(['store', '--label=x', 'service', 'registry', 'username', 'TOKEN'], 'from-the-keyring');
        const user = keychain.get();
        writeConfig(user.box.project, ['[providers.kc]', 'type = "keychain"', 'service = "registry"', '', '[secrets]', 'TOKEN = { provider = "kc", value = "TOKEN" }']);
        const get = await user.fnox(['get', 'TOKEN'], { env: { ...user.env, DBUS_SESSION_BUS_ADDRESS: ss.env.DBUS_SESSION_BUS_ADDRESS } });
        expect(get).toMatchObject({ code: 0, stdout: 'from-the-keyring\n' });
      } finally {
        await ss.stop();
      }
    });

    it.skipIf(!HAVE_PASS)(`password-store installs ${PASS_PACKAGE} alone (no runtime dependencies) and round-trips through pass`, async () => {
      const user = pass.get();
      expect(installedCopies(user.dataDir, PASS_PACKAGE)).toEqual([join('node_modules', '@fnox', 'provider-password-store')]);
      expect(installedCopies(user.dataDir, '@napi-rs/keyring')).toEqual([]);
      const store = passFixture();
      try {
        writeConfig(user.box.project, ['[providers.pass]', 'type = "password-store"', 'prefix = "registry/"']);
        const env = { ...user.env, GNUPGHOME: store.gnupgHome, PASSWORD_STORE_DIR: store.storeDir };
        const set = await user.fnox(['set', 'DB', '--provider', 'pass'], { env, input: 'db-from-registry-install' });
        expect(set.code, set.stderr).toBe(0);
        expect(store.pass(['show', 'registry/DB']).stdout).toBe('db-from-registry-install');
        expect(await user.fnox(['get', 'DB'], { env })).toMatchObject({ code: 0, stdout: 'db-from-registry-install\n' });
      } finally {
        store.cleanup();
      }
    });
  });
}

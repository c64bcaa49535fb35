/**
 * One configured `keychain` provider. The value in fnox.toml is an entry name without the prefix;
 * the OS entry is (service, prefix + value), exactly as upstream fnox addresses it, so either tool
 * reads what the other stored. On Linux the entry is a Secret Service item with the attributes
 * `service` and `username` (the account); the kernel keyring is never used as a silent fallback.
 */
import type { ProviderContext, ProviderInstance } from '@fnox/contract';
import type { KeychainConfig } from './config.js';
import { keychainError, notFound, type KeychainCall } from './errors.js';
import { loadKeyring, type KeyringEntry, type KeyringModule } from './native.js';

/** Upstream's connection-test entry: written, read back and deleted by `check()`. */
export const CHECK_ACCOUNT = '__fnox_test__';

/** Build an instance; `moduleSpecifier` lets tests load a copy of the binding. */
export function createKeychainInstance(config: KeychainConfig, ctx: ProviderContext, moduleSpecifier?: string): ProviderInstance {
  const service = config.service;
  const prefix = config.prefix ?? '';
  ctx.log.debug(`keychain provider '${ctx.name}': service '${service}'${prefix ? `, prefix '${prefix}'` : ''}`);

  async function entry(call: KeychainCall & { account: string }): Promise<KeyringEntry> {
    const keyring: KeyringModule = await loadKeyring(moduleSpecifier);
    try {
      // Pinned to the Secret Service on Linux (ignored elsewhere): where it is missing, an error
      // beats values that silently land in the kernel keyring and vanish at logout.
      return new keyring.AsyncEntry(service, call.account, { linux: { store: 'secret-service' } });
    } catch (error) {
      throw keychainError(error, call);
    }
  }

  async function read(call: KeychainCall & { account: string }): Promise<string> {
    const handle = await entry(call);
    let value: string | null;
    try {
      value = await handle.getPassword(ctx.signal);
    } catch (error) {
      throw keychainError(error, call);
    }
    if (value === null) throw notFound(call, ctx.name);
    return value;
  }

  async function write(call: KeychainCall & { account: string }, plaintext: string): Promise<void> {
    const handle = await entry(call);
    try {
      await handle.setPassword(plaintext, ctx.signal);
    } catch (error) {
      throw keychainError(error, call);
    }
  }

  async function remove(call: KeychainCall & { account: string }): Promise<void> {
    const handle = await entry(call);
    try {
      await handle.deleteCredential(ctx.signal);
    } catch (error) {
      throw keychainError(error, call);
    }
  }

  return {
    get: (request) => read({ operation: 'read', service, account: prefix + request.value }),

    async put(key, plaintext) {
      await write({ operation: 'store', service, account: prefix + key }, plaintext);
      return key;
    },

    remove: (request) => remove({ operation: 'delete', service, account: prefix + request.value }),

    /** Accounts of the service under the prefix, where the OS store can search (Secret Service, macOS, Windows). */
    async *list() {
      const call: KeychainCall = { operation: 'list', service };
      await entry({ ...call, account: prefix }); // the same availability check (and error) as reads
      const keyring = await loadKeyring(moduleSpecifier);
      let found;
      try {
        found = await keyring.findCredentialsAsync(service, null, ctx.signal);
      } catch (error) {
        throw keychainError(error, call);
      }
      const names = found.map((c) => c.account).filter((a) => a.startsWith(prefix) && a.length > prefix.length && a !== CHECK_ACCOUNT);
      for (const name of [...new Set(names)].sort()) yield name.slice(prefix.length);
    },

    // Upstream's connection test: store, read back and delete a test entry under the service.
    async check() {
      const call = { operation: 'check' as const, service, account: CHECK_ACCOUNT };
      await write(call, 'test');
      await read(call);
      await remove(call);
    },
  };
}

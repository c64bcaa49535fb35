import { defineProvider } from '@fnox/contract';
import { configSchema, type KeychainConfig } from './config.js';
import { createKeychainInstance } from './instance.js';

/**
 * The `keychain` provider: values live in the OS keychain (macOS Keychain, Windows Credential
 * Manager, the Linux Secret Service) under (service, prefix + name); fnox.toml holds the names.
 * The native binding loads on first use only.
 */
export default defineProvider<KeychainConfig>({
  type: 'keychain',
  mode: 'store',
  configSchema,
  create: (config, ctx) => createKeychainInstance(config, ctx),
});

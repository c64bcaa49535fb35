import { defineProvider } from '@fnox/contract';
import { configSchema, type PasswordStoreConfig } from './config.js';
import { createPasswordStoreInstance } from './instance.js';

/**
 * The `password-store` provider: values live in the user's pass store (one GPG-encrypted file per
 * entry) and fnox.toml holds entry names (without the provider's prefix).
 */
export default defineProvider<PasswordStoreConfig>({
  type: 'password-store',
  mode: 'store',
  configSchema,
  create: (config, ctx) => createPasswordStoreInstance(config, ctx),
});

/** Public helpers of `@fnox/provider-password-store`; the provider itself is the `./provider` entry. */
export { configSchema, type PasswordStoreConfig } from './config.js';
export { createPasswordStoreInstance } from './instance.js';
export { passSettings, type PassSettings } from './store-env.js';

/** Public helpers of `@fnox/provider-keychain`; the provider itself is the `./provider` entry. */
export { configSchema, type KeychainConfig } from './config.js';
export { CHECK_ACCOUNT, createKeychainInstance } from './instance.js';
export { platformName } from './native.js';

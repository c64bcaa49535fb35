/**
 * `@fnox/core`, the stable public entry (semver applies): the Node API (docs/node-api.md) and
 * the types its options name. Everything else, the operations behind each CLI command included,
 * is `@fnox/core/internal` (src/index.ts): the CLI bundles it, and it may change in any release.
 * See ARCHITECTURE.md, "Packages and their boundaries".
 */

// The Node API
export { loadSecrets, type LoadSecretsOptions } from './api/load-secrets.js';
export { dependencyProviders, findAppPackageJson } from './api/dependency-providers.js';

// Errors: what loadSecrets throws, its codes, exit statuses and the CLI's rendering
export {
  ERROR_CODES,
  EXIT_CODES,
  FnoxError,
  isFnoxError,
  renderError,
  toFnoxError,
  type FnoxErrorCode,
  type FnoxErrorOptions,
  type RenderErrorOptions,
} from './errors.js';

// A ready provider registry (the `registry` option) and the logger (the `logger` option)
export { createProviderRegistry, withBuiltins, type ProviderRegistry, type ProviderRegistryOptions } from './providers/registry.js';
export type { Logger } from './session.js';
export type { IfMissing } from './config/types.js';

/** Public helpers of `@fnox/provider-secrets-manager`; the provider itself is the `./provider` entry. */
export { configSchema, type SecretsManagerConfig } from './config.js';
export { createSecretsManagerInstance, MAX_SECRET_BYTES, SECRETS_MANAGER_SERVICE } from './instance.js';
export { CALLS_IN_FLIGHT, MAX_IDS_PER_CALL } from './batch.js';
export type { SecretsManagerClientOverrides } from './client.js';
export { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, ROLE_ARN_PATTERN } from './aws-settings.js';

/** Public helpers of `@fnox/provider-aws-kms`; the provider itself is the `./provider` entry. */
export { configSchema, type KmsConfig } from './config.js';
export { BATCH_CONCURRENCY, createKmsInstance, KMS_SERVICE } from './instance.js';
export type { KmsClientOverrides } from './client.js';
export { base64Problem, MAX_PLAINTEXT_BYTES } from './ciphertext.js';
export { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, ROLE_ARN_PATTERN } from './aws-settings.js';

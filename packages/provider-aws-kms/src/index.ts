/** Public helpers of `@fnox/provider-aws-kms`; the provider itself is the `./provider` entry. */
import * as aws from '@fnox/aws-shared';
export { configSchema, type KmsConfig } from './config.js';
export { BATCH_CONCURRENCY, createKmsInstance } from './instance.js';
export type { KmsClientOverrides } from './overrides.js';
export { KMS_SERVICE } from './service.js';
export { base64Problem, MAX_PLAINTEXT_BYTES } from './ciphertext.js';

/**
 * Connection defaults and the `role_arn` shape, as values of this package: the AWS plumbing they
 * come from is bundled in, not published, so no exported type may name it.
 */
export const { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, ROLE_ARN_PATTERN } = aws;

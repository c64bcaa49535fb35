/** Public helpers of `@fnox/provider-secrets-manager`; the provider itself is the `./provider` entry. */
import * as aws from '@fnox/aws-shared';
export { configSchema, type SecretsManagerConfig } from './config.js';
export { createSecretsManagerInstance, MAX_SECRET_BYTES } from './instance.js';
export { CALLS_IN_FLIGHT, MAX_IDS_PER_CALL } from './batch.js';
export type { SecretsManagerClientOverrides } from './overrides.js';
export { SECRETS_MANAGER_SERVICE } from './service.js';

/**
 * Connection defaults and the `role_arn` shape, as values of this package: the AWS plumbing they
 * come from is bundled in, not published, so no exported type may name it.
 */
export const { DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, ROLE_ARN_PATTERN } = aws;

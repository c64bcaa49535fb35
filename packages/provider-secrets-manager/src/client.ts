/**
 * The Secrets Manager client of one provider instance, built on first use: `fnox` must not pay for
 * importing `@aws-sdk/client-secrets-manager` unless an aws-sm secret is read or written.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { lazySdkClient, sdkModuleLoader, type AwsSettings, type LazySdkClient } from '@fnox/aws-shared';
import type { SecretsManagerClientOverrides } from './overrides.js';
import { SECRETS_MANAGER_SERVICE } from './service.js';

/** The `@aws-sdk/client-secrets-manager` module. */
export type SecretsManagerModule = typeof import('@aws-sdk/client-secrets-manager');

/** Import `@aws-sdk/client-secrets-manager` once per process. */
export const loadSecretsManagerModule: () => Promise<SecretsManagerModule> = sdkModuleLoader(
  SECRETS_MANAGER_SERVICE,
  '@aws-sdk/client-secrets-manager',
  () => import('@aws-sdk/client-secrets-manager'),
);

/** One client per provider instance, built on first use. */
export function lazySecretsManagerClient(
  settings: AwsSettings,
  providerName: string,
  signal: AbortSignal,
  overrides: SecretsManagerClientOverrides = {},
): LazySdkClient<SecretsManagerClient, SecretsManagerModule> {
  return lazySdkClient(settings, providerName, signal, { load: loadSecretsManagerModule, construct: (sm, options) => new sm.SecretsManagerClient(options) }, overrides);
}

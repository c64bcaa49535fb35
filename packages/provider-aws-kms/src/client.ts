/**
 * The KMS client of one provider instance, built on first use: `fnox` must not pay for importing
 * `@aws-sdk/client-kms` unless a KMS secret is read or written.
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { lazySdkClient, sdkModuleLoader, type AwsSettings, type LazySdkClient } from '@fnox/aws-shared';
import type { KmsClientOverrides } from './overrides.js';
import { KMS_SERVICE } from './service.js';

/** The `@aws-sdk/client-kms` module. */
export type KmsModule = typeof import('@aws-sdk/client-kms');

/** Import `@aws-sdk/client-kms` once per process. */
export const loadKmsModule: () => Promise<KmsModule> = sdkModuleLoader(KMS_SERVICE, '@aws-sdk/client-kms', () => import('@aws-sdk/client-kms'));

/** One client per provider instance, built on first use. */
export function lazyKmsClient(settings: AwsSettings, providerName: string, signal: AbortSignal, overrides: KmsClientOverrides = {}): LazySdkClient<KMSClient, KmsModule> {
  return lazySdkClient(settings, providerName, signal, { load: loadKmsModule, construct: (kms, options) => new kms.KMSClient(options) }, overrides);
}

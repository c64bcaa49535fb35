/**
 * The AWS plumbing of fnox's AWS providers: settings, credentials, error mapping, the lazy SDK
 * client and bounded concurrency. Private to the monorepo: each provider bundles it into its own
 * published entries, so users install one provider without this package.
 */
export {
  awsFieldIssues,
  awsSettings,
  clientOptions,
  constructQuietly,
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  MAX_SOCKETS,
  ROLE_ARN_PATTERN,
  type AwsFields,
  type AwsService,
  type AwsSettings,
  type StaticCredentials,
} from './aws-settings.js';
export {
  apiError,
  attemptCount,
  awsMessage,
  commonAwsError,
  DIAGNOSTICS,
  errorName,
  mapAwsError,
  safeCause,
  type AwsCallContext,
} from './aws-errors.js';
export { credentialSource, ROLE_SESSION_NAME, type AwsIdentity, type CredentialSource, type CredentialsOption } from './aws-credentials.js';
export {
  lazySdkClient,
  sdkModuleLoader,
  type LazySdkClient,
  type SdkClientFactory,
  type SdkClientOverrides,
  type SdkHandle,
} from './sdk-client.js';
export { forEachLimit, sharedSignal, type SharedSignal } from './concurrency.js';
export { diagnoseAws } from './aws-diagnose.js';

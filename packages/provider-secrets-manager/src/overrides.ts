import type { SecretsManagerClient, SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';

/** Ways to replace what fnox builds (embedding, tests). */
export interface SecretsManagerClientOverrides {
  /** Use this client; it belongs to the caller and is not destroyed by `dispose()`. */
  readonly client?: SecretsManagerClient;
  /** Extra constructor options, applied over fnox's (e.g. a custom `requestHandler` or `logger`). */
  readonly clientConfig?: SecretsManagerClientConfig;
}

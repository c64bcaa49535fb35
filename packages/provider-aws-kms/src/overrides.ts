import type { KMSClient, KMSClientConfig } from '@aws-sdk/client-kms';

/** Ways to replace what fnox builds (embedding, tests). */
export interface KmsClientOverrides {
  /** Use this client; it belongs to the caller and is not destroyed by `dispose()`. */
  readonly client?: KMSClient;
  /** Extra constructor options, applied over fnox's (e.g. a custom `requestHandler` or `logger`). */
  readonly clientConfig?: KMSClientConfig;
}

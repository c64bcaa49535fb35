/**
 * The KMS client of one provider instance: built on first use (importing `@aws-sdk/client-kms`
 * costs ~130-200 ms, which `fnox` must not pay unless a KMS secret is read or written), shared by
 * every call of the instance, destroyed by `dispose()`.
 */
import type { KMSClient, KMSClientConfig } from '@aws-sdk/client-kms';
import { ProviderError } from '@fnox/contract';
import { credentialSource } from './aws-credentials.js';
import { clientOptions, constructQuietly, type AwsSettings } from './aws-settings.js';

/** The `@aws-sdk/client-kms` module. */
export type KmsModule = typeof import('@aws-sdk/client-kms');

let loading: Promise<KmsModule> | undefined;

/** Import `@aws-sdk/client-kms` once per process. */
export function loadKmsModule(): Promise<KmsModule> {
  loading ??= import('@aws-sdk/client-kms').catch((error: unknown) => {
    loading = undefined;
    // A broken or partial plugin install: say so instead of surfacing a module-resolution trace.
    throw new ProviderError('config', `AWS KMS: cannot load @aws-sdk/client-kms (${(error as Error)?.message?.split('\n')[0] ?? String(error)})`, {
      hint: 'Reinstall the provider plugin (fnox plugins install) so its AWS SDK dependency is present',
    });
  });
  return loading;
}

/** Ways to replace what fnox builds (embedding, tests). */
export interface KmsClientOverrides {
  /** Use this client; it belongs to the caller and is not destroyed by `dispose()`. */
  readonly client?: KMSClient;
  /** Extra constructor options, applied over fnox's (e.g. a custom `requestHandler` or `logger`). */
  readonly clientConfig?: KMSClientConfig;
}

/** A client and the module its commands come from. */
export interface KmsHandle {
  readonly client: KMSClient;
  readonly kms: KmsModule;
}

/** A lazily created client; `get()` builds it once, `dispose()` destroys it. */
export interface LazyKmsClient {
  get(): Promise<KmsHandle>;
  dispose(): Promise<void>;
}

/** One client per provider instance, built on first use. */
export function lazyKmsClient(settings: AwsSettings, providerName: string, signal: AbortSignal, overrides: KmsClientOverrides = {}): LazyKmsClient {
  let handle: Promise<KmsHandle> | undefined;
  let credentials: ReturnType<typeof credentialSource> | undefined;
  return {
    get() {
      handle ??= loadKmsModule().then((kms) => {
        if (overrides.client) return { client: overrides.client, kms };
        credentials = credentialSource(settings, providerName, signal);
        const creds = credentials.credentials;
        const client = constructQuietly(
          () =>
            new kms.KMSClient({
              ...clientOptions(settings, settings.endpoint),
              ...(creds === undefined ? {} : { credentials: creds }),
              ...overrides.clientConfig,
            }),
        );
        return { client, kms };
      });
      return handle;
    },
    async dispose() {
      const pending = handle;
      handle = undefined;
      const built = await pending?.catch(() => undefined);
      if (built && built.client !== overrides.client) built.client.destroy();
      credentials?.dispose();
      credentials = undefined;
    },
  };
}

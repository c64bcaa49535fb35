/**
 * The Secrets Manager client of one provider instance: built on first use (importing
 * `@aws-sdk/client-secrets-manager` costs ~130-200 ms, which `fnox` must not pay unless an aws-sm
 * secret is read or written), shared by every call of the instance, destroyed by `dispose()`.
 */
import type { SecretsManagerClient, SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { ProviderError } from '@fnox/contract';
import { credentialSource } from './aws-credentials.js';
import { clientOptions, constructQuietly, type AwsSettings } from './aws-settings.js';

/** The `@aws-sdk/client-secrets-manager` module. */
export type SecretsManagerModule = typeof import('@aws-sdk/client-secrets-manager');

let loading: Promise<SecretsManagerModule> | undefined;

/** Import `@aws-sdk/client-secrets-manager` once per process. */
export function loadSecretsManagerModule(): Promise<SecretsManagerModule> {
  loading ??= import('@aws-sdk/client-secrets-manager').catch((error: unknown) => {
    loading = undefined;
    // A broken or partial plugin install: say so instead of surfacing a module-resolution trace.
    throw new ProviderError('config', `AWS Secrets Manager: cannot load @aws-sdk/client-secrets-manager (${(error as Error)?.message?.split('\n')[0] ?? String(error)})`, {
      hint: 'Reinstall the provider plugin (fnox plugins install) so its AWS SDK dependency is present',
    });
  });
  return loading;
}

/** Ways to replace what fnox builds (embedding, tests). */
export interface SecretsManagerClientOverrides {
  /** Use this client; it belongs to the caller and is not destroyed by `dispose()`. */
  readonly client?: SecretsManagerClient;
  /** Extra constructor options, applied over fnox's (e.g. a custom `requestHandler` or `logger`). */
  readonly clientConfig?: SecretsManagerClientConfig;
}

/** A client and the module its commands come from. */
export interface SecretsManagerHandle {
  readonly client: SecretsManagerClient;
  readonly sm: SecretsManagerModule;
}

/** A lazily created client; `get()` builds it once, `dispose()` destroys it. */
export interface LazySecretsManagerClient {
  get(): Promise<SecretsManagerHandle>;
  dispose(): Promise<void>;
}

/** One client per provider instance, built on first use. */
export function lazySecretsManagerClient(
  settings: AwsSettings,
  providerName: string,
  signal: AbortSignal,
  overrides: SecretsManagerClientOverrides = {},
): LazySecretsManagerClient {
  let handle: Promise<SecretsManagerHandle> | undefined;
  let credentials: ReturnType<typeof credentialSource> | undefined;
  return {
    get() {
      handle ??= loadSecretsManagerModule().then((sm) => {
        if (overrides.client) return { client: overrides.client, sm };
        credentials = credentialSource(settings, providerName, signal);
        const creds = credentials.credentials;
        const client = constructQuietly(
          () =>
            new sm.SecretsManagerClient({
              ...clientOptions(settings, settings.endpoint),
              ...(creds === undefined ? {} : { credentials: creds }),
              ...overrides.clientConfig,
            }),
        );
        return { client, sm };
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

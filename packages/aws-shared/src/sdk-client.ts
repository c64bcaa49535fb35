/**
 * The SDK client of one provider instance: built on first use (importing an `@aws-sdk/client-*`
 * package costs ~130-200 ms, which `fnox` must not pay unless a secret of that provider is read or
 * written), shared by every call of the instance, destroyed by `dispose()`.
 */
import { ProviderError } from '@fnox/contract';
import { credentialSource, type CredentialSource } from './aws-credentials.js';
import { clientOptions, constructQuietly, type AwsService, type AwsSettings } from './aws-settings.js';

/**
 * Import an SDK module once per process. `load` must be a literal `() => import('@aws-sdk/...')`
 * in the provider, so bundlers keep the package external and lazy.
 */
export function sdkModuleLoader<M>(service: AwsService, packageName: string, load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      // A broken or partial plugin install: say so instead of surfacing a module-resolution trace.
      throw new ProviderError('config', `${service.display}: cannot load ${packageName} (${(error as Error)?.message?.split('\n')[0] ?? String(error)})`, {
        hint: 'Reinstall the provider plugin (fnox plugins install) so its AWS SDK dependency is present',
      });
    });
    return loading;
  };
}

/** Ways to replace what fnox builds (embedding, tests). */
export interface SdkClientOverrides<C, Config> {
  /** Use this client; it belongs to the caller and is not destroyed by `dispose()`. */
  readonly client?: C;
  /** Extra constructor options, applied over fnox's (e.g. a custom `requestHandler` or `logger`). */
  readonly clientConfig?: Config;
}

/** A client and the SDK module its commands come from. */
export interface SdkHandle<C, M> {
  readonly client: C;
  readonly sdk: M;
}

/** A lazily created client; `get()` builds it once, `dispose()` destroys it. */
export interface LazySdkClient<C, M> {
  get(): Promise<SdkHandle<C, M>>;
  dispose(): Promise<void>;
}

/** How to get a provider's SDK module and build its client from fnox's constructor options. */
export interface SdkClientFactory<C, M> {
  readonly load: () => Promise<M>;
  readonly construct: (sdk: M, options: Record<string, unknown>) => C;
}

/** One client per provider instance, built on first use with fnox's options and credentials. */
export function lazySdkClient<C extends { destroy(): void }, M, Config extends object>(
  settings: AwsSettings,
  providerName: string,
  signal: AbortSignal,
  factory: SdkClientFactory<C, M>,
  overrides: SdkClientOverrides<C, Config> = {},
): LazySdkClient<C, M> {
  let handle: Promise<SdkHandle<C, M>> | undefined;
  let credentials: CredentialSource | undefined;
  return {
    get() {
      handle ??= factory.load().then((sdk) => {
        if (overrides.client) return { client: overrides.client, sdk };
        credentials = credentialSource(settings, providerName, signal);
        const creds = credentials.credentials;
        const options = {
          ...clientOptions(settings, settings.endpoint),
          ...(creds === undefined ? {} : { credentials: creds }),
          ...overrides.clientConfig,
        };
        return { client: constructQuietly(() => factory.construct(sdk, options)), sdk };
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

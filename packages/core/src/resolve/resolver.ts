/**
 * The resolver of one command: provider instances, the working environment, the if_missing
 * policy; single-secret resolution (single.ts) and batch resolution (batch.ts) build on it.
 */
import type { EffectiveConfig, SecretMap } from '../config/types.js';
import type { FnoxSession } from '../session.js';
import { resolveBatch } from './batch.js';
import { createIfMissingPolicy, type IfMissingPolicy } from './if-missing.js';
import { createProviderFactory, type ProviderFactory } from './provider-factory.js';
import { createSingleResolution, type ResolvedValue } from './single.js';

export type { ResolvedValue } from './single.js';

/** Options of {@link createResolver}. */
export interface ResolverOptions {
  /**
   * The working environment: read by the env fallback and by providers, and written by batch
   * resolution (resolved values are exported into it between levels). Defaults to a copy of
   * `session.env`, so `process.env` is never mutated unless passed here explicitly.
   */
  readonly env?: Record<string, string | undefined>;
}

/** Resolution for one command. Call {@link Resolver.dispose} when done. */
export interface Resolver {
  readonly session: FnoxSession;
  readonly effective: EffectiveConfig;
  /** The working environment (see {@link ResolverOptions.env}). */
  readonly env: Record<string, string | undefined>;
  readonly factory: ProviderFactory;
  readonly ifMissing: IfMissingPolicy;
  /**
   * Single-mode resolution of an effective secret (get, check): provider → default → environment →
   * if_missing. Provider failures are returned as errors unless the secret has a `default`.
   * Throws `secret_not_found` when `key` is not an effective secret.
   */
  resolveOne(key: string): Promise<ResolvedValue>;
  /**
   * Batch resolution (exec, export, hook-env, list --values): dependency levels, one batch per
   * provider, if_missing per secret, values exported into {@link env} after each level.
   * Returns every key of `secrets` in config order.
   */
  resolveMany(secrets: SecretMap): Promise<Map<string, ResolvedValue>>;
  /** Dispose provider instances. */
  dispose(): Promise<void>;
}

/** Create the resolver of one command. */
export function createResolver(session: FnoxSession, effective: EffectiveConfig, options: ResolverOptions = {}): Resolver {
  const env = options.env ?? { ...session.env };
  const factory = createProviderFactory(session, effective, { env });
  const ifMissing = createIfMissingPolicy(session, effective);
  const internals = createSingleResolution({ session, effective, env, factory, ifMissing });
  // After Ctrl-C no value counts: a provider failure must not become a default, a warning or a
  // partial environment for exec's child. The abort reason (the signal's error) is what is thrown.
  const unlessStopped = <T>(work: Promise<T>): Promise<T> =>
    work.then(
      (value) => {
        session.signal.throwIfAborted();
        return value;
      },
      (error: unknown) => {
        session.signal.throwIfAborted();
        throw error;
      },
    );

  const resolver: Resolver = {
    session,
    effective,
    env,
    factory,
    ifMissing,
    resolveOne: (key) => unlessStopped(internals.cachedSingle(key, [])),
    resolveMany: (secrets) => unlessStopped(resolveBatch(resolver, secrets, internals)),
    dispose: () => factory.dispose(),
  };
  return resolver;
}

/** What {@link resolveSecrets} returns: the values, and the environment they were exported into. */
export interface BatchResult {
  readonly values: Map<string, ResolvedValue>;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Batch-resolve `secrets` with a resolver that lives for this call only (its providers are
 * disposed whatever happens). The one way operations resolve many secrets.
 */
export async function resolveSecrets(
  session: FnoxSession,
  effective: EffectiveConfig,
  secrets: SecretMap,
  options: ResolverOptions = {},
): Promise<BatchResult> {
  const resolver = createResolver(session, effective, options);
  try {
    return { values: await resolver.resolveMany(secrets), env: resolver.env };
  } finally {
    await resolver.dispose();
  }
}

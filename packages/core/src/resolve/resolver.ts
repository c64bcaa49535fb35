/**
 * The resolver of one command: provider instances, the working environment, the if_missing
 * policy, and single-secret resolution. Batch resolution (batch.ts) builds on it.
 */
import type { EffectiveConfig, SecretConfig, SecretMap } from '../config/types.js';
import { FnoxError, isFnoxError } from '../errors.js';
import type { FnoxSession } from '../session.js';
import { createAuthPrompter, withAuthRetry, type AuthPrompter } from './auth-prompt.js';
import { resolveBatch } from './batch.js';
import { createIfMissingPolicy, type IfMissingPolicy } from './if-missing.js';
import { interpolationCycleError, renderDefault } from './interpolate.js';
import { postProcess } from './post-process.js';
import { createProviderFactory, type ProviderFactory } from './provider-factory.js';
import { errorMessage, providerStep } from './provider-step.js';

/** A resolved secret: its value, or `undefined` for "no value" (missing under warn/ignore). */
export type ResolvedValue = string | undefined;

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
  const auth = createAuthPrompter(session, effective, factory);
  const done = new Map<string, ResolvedValue>();

  /** Apply if_missing to a secret that produced nothing. */
  const missing = (key: string, secret: SecretConfig): ResolvedValue => {
    const policy = ifMissing.for(secret);
    if (policy === 'error') throw new FnoxError('secret_missing', `Secret '${key}' not found and no default provided`);
    if (policy === 'warn') session.log.warn(`Warning: Secret '${key}' not found and no default provided`);
    return undefined;
  };

  async function single(key: string, stack: readonly string[], lookup?: (name: string) => Promise<ResolvedValue>): Promise<ResolvedValue> {
    const entry = effective.secrets.get(key);
    if (!entry) throw new FnoxError('secret_not_found', `Secret '${key}' not found in profile '${effective.profileLabel}'`);
    const secret = entry.config;
    let raw: string | undefined;
    try {
      const step = providerStep(effective, secret);
      if (step) {
        raw = await withAuthRetry(auth, step.provider, async () => {
          const done = session.activity?.(`contacting provider '${step.provider}'`);
          try {
            const handle = await factory.instance(step.provider);
            return await handle.instance.get({ key, value: step.value });
          } finally {
            done?.();
          }
        });
      }
    } catch (error) {
      if (secret.default === undefined) throw error;
      const quiet = isFnoxError(error) && error.code === 'provider_not_configured';
      const line = `Provider failed for secret '${key}', using its default: ${errorMessage(error)}`;
      if (quiet) session.log.debug(line);
      else session.log.warn(`WARN ${line}`);
    }
    if (raw !== undefined) return postProcess(raw, secret);
    if (secret.default !== undefined) {
      const refLookup = lookup ?? ((name: string) => cachedSingle(name, [...stack, key]));
      return postProcess(await renderDefault(key, secret.default, effective, refLookup), secret);
    }
    const fromEnv = env[key];
    if (fromEnv !== undefined) return postProcess(fromEnv, secret);
    return missing(key, secret);
  }

  async function cachedSingle(key: string, stack: readonly string[]): Promise<ResolvedValue> {
    if (done.has(key)) return done.get(key);
    const at = stack.indexOf(key);
    if (at >= 0) throw interpolationCycleError(stack.slice(at));
    const value = await single(key, stack);
    done.set(key, value);
    return value;
  }

  const resolver: Resolver = {
    session,
    effective,
    env,
    factory,
    ifMissing,
    resolveOne: (key) => cachedSingle(key, []),
    resolveMany: (secrets) => resolveBatch(resolver, secrets, { single, cachedSingle, auth }),
    dispose: () => factory.dispose(),
  };
  return resolver;
}

/** Single-mode internals batch resolution reuses (not public API). */
export interface SingleInternals {
  /** Resolve `key` in single mode; `lookup` overrides how `${NAME}` references are found. */
  single(key: string, stack: readonly string[], lookup?: (name: string) => Promise<ResolvedValue>): Promise<ResolvedValue>;
  /** Memoised single-mode resolution with interpolation-cycle detection. */
  cachedSingle(key: string, stack: readonly string[]): Promise<ResolvedValue>;
  /** The auth prompt of this command, shared so each provider is offered once. */
  readonly auth: AuthPrompter;
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

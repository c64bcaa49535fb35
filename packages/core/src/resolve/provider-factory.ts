/**
 * Builds provider instances for one command: name → effective `[providers.NAME]` table → type
 * from the registry → `{ secret = ... }` fields resolved → validated → `create()`. One instance per
 * provider name per command; every instance is disposed at the end.
 */
import { dirname } from 'node:path';
import { ProviderError, type BrandedProviderDefinition, type ProviderContext, type ProviderInstance } from '@fnox/contract';
import { isUntrustedSource, type EffectiveConfig, type ProviderConfig, type Sourced } from '../config/types.js';
import { FnoxError } from '../errors.js';
import { instantiateProvider, providerOwnConfig } from '../providers/instance.js';
import { globalConfigDir, type FnoxSession } from '../session.js';
import { assertUntrustedProviderSafe, untrustedFieldSource } from '../trust/untrusted-provider.js';
import { assertNoProviderCycle, isSecretRef, providerCycleError } from './provider-refs.js';
import { findSimilar, formatSuggestions } from './suggest.js';

/** A built provider with what it was built from. */
export interface ProviderHandle {
  readonly instance: ProviderInstance;
  readonly definition: BrandedProviderDefinition;
  readonly entry: Sourced<ProviderConfig>;
}

/** Memoised provider instances for one command. */
export interface ProviderFactory {
  /** The instance for `[providers.NAME]` of the effective config; built once, then reused. */
  instance(name: string): Promise<ProviderHandle>;
  /** The provider type's definition without building an instance (for `envDependencies`, `mode`). */
  definition(name: string): Promise<BrandedProviderDefinition>;
  /**
   * Forget the memoised instance of NAME (and the hops it made), so the next {@link instance}
   * builds a fresh one: after an auth command, cached credentials must not be reused (docs/configuration.md, "Authentication prompt").
   * The old instance is still disposed with the others.
   */
  invalidate(name: string): void;
  /** Release every instance built so far (errors are logged at debug level, never thrown). */
  dispose(): Promise<void>;
}

/** Options of {@link createProviderFactory}. */
export interface ProviderFactoryOptions {
  /**
   * The environment providers read and `{ secret = ... }` falls back to. Batch resolution passes its
   * working copy, into which it exports resolved values between levels. Defaults to `session.env`.
   */
  readonly env?: Record<string, string | undefined>;
}

/** The error for a provider name missing from the effective providers, with did-you-mean. */
export function providerNotConfigured(effective: EffectiveConfig, name: string): FnoxError {
  const suggestion = formatSuggestions(findSimilar(name, effective.providers.keys()));
  const base = `Add a [providers.${name}] table with a type, or fix the provider name on the secret.`;
  return new FnoxError('provider_not_configured', `Provider '${name}' not configured in profile '${effective.profileLabel}'`, {
    hint: suggestion ? `${suggestion} ${base}` : base,
  });
}

/** The command-line options a type declared in its definition's `options`, and no others. */
function declaredOptions(def: BrandedProviderDefinition, given: Readonly<Record<string, string | undefined>> = {}): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of def.options ?? []) out[name] = given[name];
  return out;
}

/** Create the provider factory of one command. */
export function createProviderFactory(
  session: FnoxSession,
  effective: EffectiveConfig,
  options: ProviderFactoryOptions = {},
): ProviderFactory {
  const env = options.env ?? session.env;
  const built = new Map<string, Promise<ProviderHandle>>();
  const all: Promise<ProviderHandle>[] = [];
  const gcd = globalConfigDir(session.env);

  function entryOf(name: string): Sourced<ProviderConfig> {
    const entry = effective.providers.get(name);
    if (!entry) throw providerNotConfigured(effective, name);
    return entry;
  }

  async function definition(name: string): Promise<BrandedProviderDefinition> {
    return session.registry.load(entryOf(name).config.type);
  }

  /**
   * Resolve the `{ secret = NAME }` field `field` of provider `owner` (ARCHITECTURE.md, "The
   * resolution pipeline"). A definition from an untrusted file is refused: it would win over the
   * user's environment (docs/security.md). An untrusted provider table never gets here.
   */
  async function resolveFieldRef(owner: string, field: string, secretName: string, chain: readonly string[]): Promise<string> {
    const sourced = effective.secrets.get(secretName);
    if (sourced && isUntrustedSource(effective.merged, sourced.source.file)) throw untrustedFieldSource(owner, field, secretName, sourced.source.file!);
    const secret = sourced?.config;
    if (secret?.provider !== undefined && secret.value !== undefined) {
      // Errors from that provider propagate unchanged; post-processing/if_missing do not apply.
      const handle = await build(secret.provider, chain);
      return handle.instance.get({ key: secretName, value: secret.value });
    }
    if (secret?.default !== undefined) return secret.default;
    const fromEnv = env[secretName];
    if (fromEnv !== undefined) return fromEnv;
    throw new FnoxError(
      'provider_config_resolution_failed',
      `Failed to resolve secret '${secretName}' for provider '${owner}' configuration: Secret '${secretName}' not found in config or environment`,
    );
  }

  /** Build a fresh instance; `chain` is the providers already being resolved on whose behalf. */
  async function create(name: string, chain: readonly string[]): Promise<ProviderHandle> {
    const entry = entryOf(name);
    assertNoProviderCycle(effective, name, chain.slice(0, -1));
    const def = await session.registry.load(entry.config.type);
    // Trust: an untrusted file's provider may not aim the user's credentials (docs/security.md).
    if (isUntrustedSource(effective.merged, entry.source.file)) assertUntrustedProviderSafe(name, entry.config, entry.source.file!, def);
    const own = providerOwnConfig(entry.config);
    for (const [field, value] of Object.entries(own)) {
      if (isSecretRef(value)) own[field] = await resolveFieldRef(name, field, value.secret, chain);
    }
    const configFile = entry.source.file;
    const context: ProviderContext = {
      name,
      configFile,
      configDir: configFile ? dirname(configFile) : session.cwd,
      env,
      globalConfigDir: gcd,
      signal: session.signal,
      log: { debug: (m) => session.log.debug(m), warn: (m) => session.log.warn(m) },
      options: declaredOptions(def, session.options.providerOptions),
      resolveSecret: async (provider, value) => {
        // A provider asking another for a value (age identity). Each hop gets its own instance
        // carrying the chain, so a loop is caught and named instead of recursing forever.
        // It reaches the provider as a ProviderError (what a plugin passes on unchanged), so the
        // user sees the cycle itself, not the plugin's "could not resolve" wrapper.
        if (chain.includes(provider)) {
          const cycle = providerCycleError([...chain, provider]);
          throw new ProviderError('config', cycle.message, { hint: cycle.hint, diagnostic: cycle.diagnostic });
        }
        const hop = await buildChained(provider, [...chain, provider]);
        return hop.instance.get({ key: value, value });
      },
    };
    const instance = await instantiateProvider(def, own, context);
    return { instance, definition: def, entry };
  }

  const chained = new Map<string, Promise<ProviderHandle>>();
  function buildChained(name: string, chain: readonly string[]): Promise<ProviderHandle> {
    const key = chain.join('\u0000');
    let pending = chained.get(key);
    if (!pending) {
      pending = create(name, chain);
      chained.set(key, pending);
      all.push(pending);
    }
    return pending;
  }

  function build(name: string, via: readonly string[] = []): Promise<ProviderHandle> {
    if (via.includes(name)) return Promise.reject(providerCycleError([...via, name]));
    if (via.length > 0) {
      // Static check first: memoised instances must never wait on each other in a loop.
      try {
        assertNoProviderCycle(effective, name, via);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    let pending = built.get(name);
    if (!pending) {
      pending = create(name, [name]);
      built.set(name, pending);
      all.push(pending);
    }
    return pending;
  }

  return {
    instance: (name) => build(name),
    definition,
    invalidate(name) {
      built.delete(name);
      for (const key of [...chained.keys()]) if (key.split('\u0000')[0] === name) chained.delete(key);
    },
    async dispose() {
      const settled = await Promise.allSettled(all);
      built.clear();
      chained.clear();
      all.length = 0;
      for (const result of settled) {
        if (result.status !== 'fulfilled' || typeof result.value.instance.dispose !== 'function') continue;
        try {
          await result.value.instance.dispose();
        } catch (error) {
          session.log.debug(`disposing provider '${result.value.entry.name}' failed: ${error instanceof Error ? error.name : 'error'}`);
        }
      }
    },
  };
}

import type { ProviderContext } from './context.js';
import type { ProviderErrorLike } from './errors.js';
import type { ProviderDiagnosis, ProviderSetup, SetupContext, SetupSuggestion } from './setup.js';
import type { StandardSchemaV1 } from './standard-schema.js';

/** The contract major version this package implements. Plugins declare it as `fnox.contract`. */
export const CONTRACT_VERSION = 1;

const DEFINITION_BRAND = Symbol.for('fnox.provider-definition');

/**
 * What the string stored in fnox.toml means. This decides what `fnox set` does with a value.
 *
 * - `encrypt`: the stored value is ciphertext; `put()` encrypts locally (age, aws-kms, plain).
 * - `store`: the stored value is a reference; `put()` writes the value to the backend (aws-sm).
 * - `read`: the stored value is a reference into a read-only source; there is no `put()`.
 */
export type ProviderMode = 'encrypt' | 'store' | 'read';

/** One secret to resolve: `key` is the environment variable name, `value` is what fnox.toml stores. */
export interface SecretRequest {
  /** The secret's name (the environment variable it is exported as). */
  readonly key: string;
  /** The provider input stored in fnox.toml: ciphertext, or a remote name. */
  readonly value: string;
}

/** The per-secret result of a batch read. */
export type SecretOutcome =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly error: ProviderErrorLike };

/**
 * A configured provider, created by {@link ProviderDefinition.create}. Capabilities are the methods
 * present; only `get` is required.
 */
export interface ProviderInstance {
  /** Resolve one stored value to its plaintext. Throw a {@link ProviderError} on failure. */
  get(request: SecretRequest): Promise<string>;
  /**
   * Resolve many values at once, for backends with a batch API. Must return an outcome for every
   * request key and must not throw for one failing secret. When absent, core calls {@link get}
   * with bounded concurrency.
   */
  getMany?(requests: readonly SecretRequest[]): Promise<ReadonlyMap<string, SecretOutcome>>;
  /**
   * Make `plaintext` storable and return the string to write into fnox.toml: ciphertext for
   * `encrypt` mode, the remote name for `store` mode. `key` is the remote name to use (the secret
   * name, or `fnox set -k`); `encrypt` providers ignore it.
   */
  put?(key: string, plaintext: string): Promise<string>;
  /** Delete a remote value (`store` mode only). */
  remove?(request: SecretRequest): Promise<void>;
  /** Names available in the backend, for `fnox import` and listings. */
  list?(): AsyncIterable<string>;
  /** Prove the provider works (credentials, reachability) without reading a secret. Throw a {@link ProviderError} if not. */
  check?(): Promise<void>;
  /** Release clients, sockets and timers. Called once when the command ends. */
  dispose?(): Promise<void>;
  /**
   * Say where this instance finds its identity or credentials, for `fnox doctor`, without reading
   * a secret or contacting a backend (since contract 1.1). Set `problem` when a value written now
   * could not be read back on this machine: `fnox set` warns with it.
   */
  diagnose?(): Promise<ProviderDiagnosis>;
}

/** A provider type: what a plugin's entry module default-exports, made with {@link defineProvider}. */
export interface ProviderDefinition<Config = unknown> {
  /** Kebab-case type name, as written in `type = "..."`; must equal the manifest key. */
  readonly type: string;
  /** What the stored value means; see {@link ProviderMode}. */
  readonly mode: ProviderMode;
  /**
   * Validates the `[providers.NAME]` table (without the common keys `type`, `auth_command`,
   * `daemon_cache`, and with every `{ secret = "NAME" }` field already resolved to a string).
   * Any Standard Schema works; {@link fieldsSchema} needs no dependency.
   */
  readonly configSchema: StandardSchemaV1<unknown, Config>;
  /** Build an instance. Import heavy SDKs here or on first use, never at module top level. */
  create(config: Config, context: ProviderContext): ProviderInstance | Promise<ProviderInstance>;
  /** Environment variables the provider reads at resolve time; secrets of those names are resolved first. */
  readonly envDependencies?: readonly string[];
  /** Command offered after an authentication failure (`aws sso login`), if any. */
  readonly authCommand?: string;
  /**
   * Fields of the provider table that decide where the user's credentials or data go, or which of
   * the user's local credentials are used: endpoints, role ARNs, credential profiles, key files.
   * fnox refuses them in a config file the user has not trusted (`fnox trust`), so a cloned
   * repository cannot point the user's credentials at a server of its choosing. Fields named like
   * an endpoint (`endpoint`, `*_url`, `host`, ...) are refused there whether listed or not.
   */
  readonly reachesOut?: readonly string[];
  /** How `fnox init` presents the type: category, proposed name, setup text (since contract 1.1). */
  readonly setup?: ProviderSetup;
  /**
   * Look at this machine and propose answers for `fnox init` (since contract 1.1), e.g. the
   * recipient of an existing key, or an offer to create one. Must not write anything itself.
   */
  suggestConfig?(context: SetupContext): Promise<SetupSuggestion>;
  /**
   * Names of command-line options this type reads from {@link ProviderContext.options}, e.g.
   * `['age-key-file']` (since contract 1.1). fnox passes only the options a type declares.
   */
  readonly options?: readonly string[];
}

/** A definition as returned by {@link defineProvider}: carries the contract brand. */
export type BrandedProviderDefinition<Config = unknown> = ProviderDefinition<Config> & {
  readonly [DEFINITION_BRAND]: number;
};

/**
 * Declare a provider type. Not a no-op: it brands the object with the contract version so the
 * loader can verify what it imported, even when the plugin carries its own contract copy.
 *
 * @example
 * ```ts
 * import { defineProvider, fieldsSchema, ProviderError } from '@fnox/contract';
 *
 * export default defineProvider({
 *   type: 'env-file',
 *   mode: 'read',
 *   configSchema: fieldsSchema({ path: { kind: 'string', required: true } }),
 *   create(config, ctx) {
 *     return {
 *       async get({ key, value }) {
 *         const found = (await readEnvFile(config.path))[value];
 *         if (found === undefined) throw new ProviderError('not-found', `'${value}' is not in ${config.path}`);
 *         return found;
 *       },
 *     };
 *   },
 * });
 * ```
 */
export function defineProvider<Config>(definition: ProviderDefinition<Config>): BrandedProviderDefinition<Config> {
  return Object.freeze({ ...definition, [DEFINITION_BRAND]: CONTRACT_VERSION });
}

/** The contract version a definition was branded with, or `undefined` when it is not a branded definition. */
export function providerDefinitionVersion(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const brand = (value as Record<symbol, unknown>)[DEFINITION_BRAND];
  return typeof brand === 'number' ? brand : undefined;
}

/** True when `value` was made by {@link defineProvider} of any contract copy. */
export function isProviderDefinition(value: unknown): value is BrandedProviderDefinition {
  return providerDefinitionVersion(value) !== undefined;
}

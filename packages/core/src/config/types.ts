/**
 * The config model shared by loading (config/*) and resolution (resolve/*). Raw TOML tables are
 * validated into these shapes; every secret and provider remembers where it came from.
 */
import type { TrustVerdict } from '../trust/verdict.js';

/** What happens when a secret resolves to nothing (ARCHITECTURE.md, "The resolution pipeline"). */
export type IfMissing = 'error' | 'warn' | 'ignore';

/** Where a secret is injected (ARCHITECTURE.md, "The resolution pipeline"): everywhere, only into `fnox exec` children, or never. */
export type EnvMode = true | false | 'exec';

/** The file (and profile section) an entry was read from. */
export interface SourceRef {
  /** Absolute path of the defining file; undefined for entries built in memory. */
  readonly file: string | undefined;
  /** Set when the entry came from `[profiles.<profile>.secrets|providers]`. */
  readonly profile?: string;
}

/** A `[secrets.KEY]` table, as written in fnox.toml (docs/configuration.md). */
export interface SecretConfig {
  readonly provider?: string;
  readonly value?: string;
  readonly default?: string;
  readonly description?: string;
  readonly if_missing?: IfMissing;
  readonly env?: EnvMode;
  readonly as_file?: boolean;
  readonly json_path?: string;
  readonly line?: number;
  readonly sync?: { readonly provider: string; readonly value: string };
  readonly daemon_cache?: boolean;
}

/** A `[providers.NAME]` table: `type` plus the provider's own fields, kept raw (docs/configuration.md). */
export interface ProviderConfig {
  readonly type: string;
  readonly auth_command?: string;
  readonly daemon_cache?: boolean;
  readonly [field: string]: unknown;
}

/** An entry with its name and provenance. */
export interface Sourced<T> {
  readonly name: string;
  readonly config: T;
  readonly source: SourceRef;
}

/** Insertion-ordered maps: an overridden key keeps its first position, new keys append (docs/configuration.md, "How files are found"). */
export type SecretMap = ReadonlyMap<string, Sourced<SecretConfig>>;
export type ProviderMap = ReadonlyMap<string, Sourced<ProviderConfig>>;

/** One `[profiles.NAME]` table after merging. */
export interface ProfileConfig {
  readonly providers: ProviderMap;
  readonly secrets: SecretMap;
  readonly defaultProvider?: { readonly name: string; readonly source: SourceRef };
  /** `[profiles.NAME.leases]` (later feature: parsed and preserved, not acted on). */
  readonly leases?: ReadonlyMap<string, Sourced<Readonly<Record<string, unknown>>>>;
}

/** All loaded files merged (docs/configuration.md, "How files are found"), before a profile stack is applied. */
export interface MergedConfig {
  readonly root: boolean;
  readonly defaultProvider?: { readonly name: string; readonly source: SourceRef };
  readonly ifMissing?: IfMissing;
  readonly env?: EnvMode;
  readonly promptAuth?: boolean;
  readonly providers: ProviderMap;
  readonly secrets: SecretMap;
  readonly profiles: ReadonlyMap<string, ProfileConfig>;
  /** Every file that contributed, lowest precedence first. */
  readonly files: readonly string[];
  /** Union of every `import` list, in order, duplicates dropped (informational). */
  readonly imports?: readonly string[];
  /** Top-level `age_key_file` (parsed and merged but never used, as in Rust). */
  readonly ageKeyFile?: string;
  /** `[leases.NAME]` backends (later feature: parsed and preserved). */
  readonly leases?: ReadonlyMap<string, Sourced<Readonly<Record<string, unknown>>>>;
  /** `[mcp]`, `[daemon]` (merged field by field) and `[proxy]` (replaced whole); later features. */
  readonly mcp?: Readonly<Record<string, unknown>>;
  readonly daemon?: Readonly<Record<string, unknown>>;
  readonly proxy?: Readonly<Record<string, unknown>>;
  /**
   * The trust verdict of every file read (keyed by the path as loaded, as in {@link SourceRef.file}).
   * A config built in memory has none: its entries count as trusted.
   */
  readonly trust?: ReadonlyMap<string, TrustVerdict>;
}

/** True when `file` was read and is not trusted (see docs/security.md). */
export function isUntrustedSource(merged: MergedConfig, file: string | undefined): boolean {
  return file !== undefined && merged.trust?.get(file)?.trusted === false;
}

/** The config seen by one profile stack (docs/profiles.md). */
export interface EffectiveConfig {
  /** The active stack without `default`; empty means the default profile. */
  readonly profiles: readonly string[];
  /** Display form: names joined with `,`, or `default`. */
  readonly profileLabel: string;
  readonly merged: MergedConfig;
  /** Effective secrets, in config order; each without its own `env` got the merged top-level `env`. */
  readonly secrets: SecretMap;
  /** Top-level providers overlaid by each profile's providers, in order. */
  readonly providers: ProviderMap;
}

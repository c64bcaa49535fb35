import type { ProviderContext } from './context.js';

/**
 * How a provider introduces itself to `fnox init` (since contract 1.1). Pure data; every field is
 * optional: a provider without it is listed under "Other", named after its type.
 */
export interface ProviderSetup {
  /**
   * The wizard groups types by category. fnox's own: `Local`, `Password Manager`, `Cloud KMS`,
   * `Cloud Secrets Manager`, `OS Keychain`; any other string makes a new group after these.
   */
  readonly category?: string;
  /** The `[providers.NAME]` name the wizard proposes (default: the type). */
  readonly defaultName?: string;
  /** Lines printed before the questions: what the user needs in place (keys, credentials, a CLI). */
  readonly text?: readonly string[];
}

/** What a provider may read while suggesting a configuration: the host's paths and environment. */
export type SetupContext = Pick<ProviderContext, 'configDir' | 'env' | 'globalConfigDir' | 'log'>;

/** Field values the wizard proposes as default answers, by field name. */
export type SuggestedFields = Readonly<Record<string, string | readonly string[]>>;

/**
 * A step the user must agree to before it happens (e.g. "generate a key?"). `prepare` works in
 * memory only; `commit` does the writing, and fnox calls it only after every question was answered,
 * so a cancelled wizard leaves nothing behind.
 */
export interface SetupOffer {
  /** A yes/no question, e.g. `No age key found at /home/me/.config/fnox/age.txt. Generate one now?`. */
  readonly question: string;
  /** The answer when the user just presses Enter. */
  readonly default?: boolean;
  prepare(): Promise<{
    readonly fields?: SuggestedFields;
    readonly notes?: readonly string[];
    /** Write what was prepared; returns one line for the user (never a secret). */
    readonly commit?: () => Promise<string>;
  }>;
}

/** What {@link ProviderDefinition.suggestConfig} found on this machine. */
export interface SetupSuggestion {
  /** Default answers, e.g. the recipient of an existing key. */
  readonly fields?: SuggestedFields;
  /** Lines shown to the user, e.g. `Found your age key at ...`. */
  readonly notes?: readonly string[];
  readonly offer?: SetupOffer;
}

/** One place a provider looks for credentials or keys, as `fnox doctor` shows it. */
export interface DiagnosisItem {
  /** What the place is, e.g. `FNOX_AGE_KEY_FILE` or `key_file of provider 'age'`. */
  readonly description: string;
  /** A file, when the place is one. */
  readonly path?: string;
  /** For files and variables: whether it is there. */
  readonly found?: boolean;
  /** The place the provider uses (the first that applies). */
  readonly used?: boolean;
}

/**
 * A provider's own report for `fnox doctor` (since contract 1.1): where its identity or
 * credentials come from, without reading a secret. Never contains a key or a value.
 */
export interface ProviderDiagnosis {
  /** Heading of the section, e.g. `age identity` or `AWS credentials`. */
  readonly title: string;
  readonly items: readonly DiagnosisItem[];
  /**
   * Set when this machine cannot read back what the provider stores (no identity, no credentials).
   * `doctor` shows it; `fnox set` warns with it after writing a value.
   */
  readonly problem?: { readonly message: string; readonly hint?: string };
}

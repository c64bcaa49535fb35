/** Logging a provider may do. Lines go to stderr; they must never contain secret values. */
export interface ProviderLogger {
  /** Shown with `--verbose` / `--debug` only. */
  debug(message: string): void;
  /** Always shown (unless output is silenced), prefixed by the CLI. */
  warn(message: string): void;
}

/**
 * What core hands to {@link ProviderDefinition.create}. Providers never reach into core or oclif;
 * everything they may use from the host is here.
 */
export interface ProviderContext {
  /** The `[providers.<name>]` key this instance was configured under. */
  readonly name: string;
  /** Absolute path of the fnox.toml that declared this provider; resolve relative paths against its directory. */
  readonly configFile: string | undefined;
  /** Directory of {@link configFile} (the working directory when the provider is not from a file). */
  readonly configDir: string;
  /** The environment to read (`process.env` in the CLI; injectable in tests and the Node API). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The global config directory (`$FNOX_CONFIG_DIR`, else `$XDG_CONFIG_HOME/fnox`, else `~/.config/fnox`). */
  readonly globalConfigDir: string;
  /** Aborted on Ctrl-C or when the command gives up; pass it to network calls. */
  readonly signal: AbortSignal;
  /** Debug and warning lines. */
  readonly log: ProviderLogger;
  /**
   * Options given on the command line that belong to a provider type, for example
   * `--age-key-file` for `age`. Keys are the option names without dashes.
   */
  readonly options: Readonly<Record<string, string | undefined>>;
  /**
   * Ask another configured provider for a value, as `identity = { provider, value }` does for age.
   * Core guards against cycles and names the chain when it finds one.
   */
  resolveSecret(provider: string, value: string): Promise<string>;
}

import { isProviderError, type ProviderErrorCode } from '@fnox/contract';
import { escapeControls } from './format/terminal-text.js';

/**
 * Every failure fnox reports has one of these codes. The code decides the exit status (through
 * {@link EXIT_CODES}, the only such table) and names the troubleshooting entry in the docs.
 * Upstream fnox's diagnostic id is kept alongside where one exists.
 */
export const ERROR_CODES = {
  // usage
  usage: { exit: 2, diagnostic: 'fnox::usage', hint: 'Run the command with --help to see its flags and arguments.' },
  // configuration files
  config_not_found: { exit: 1, diagnostic: 'fnox::config::not_found', hint: "Run 'fnox init' to create a configuration file." },
  config_read_failed: { exit: 1, diagnostic: 'fnox::config::read_failed', hint: 'Check that the file exists and is readable.' },
  config_invalid_toml: { exit: 1, diagnostic: 'fnox::config::invalid_toml', hint: 'Check the TOML syntax in your configuration file.' },
  config_invalid: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Fix the configuration file named above.' },
  config_validation_failed: { exit: 1, diagnostic: 'fnox::config::validation_failed', hint: 'Fix the issues listed above.' },
  config_import_not_found: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Fix or remove the entry in `import`.' },
  config_exists: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Use --force to overwrite it.' },
  config_write_failed: { exit: 1, diagnostic: 'fnox::config::write_failed', hint: 'Check permissions of the file and its directory; the original file was left unchanged.' },
  input_not_regular_file: { exit: 1, diagnostic: 'fnox::io::not_a_regular_file', hint: 'Point the path at a regular file (not a directory, device, FIFO or socket).' },
  input_too_large: { exit: 1, diagnostic: 'fnox::io::too_large', hint: 'fnox reads config files up to 1 MiB and key or secret files up to 1 MiB; see docs/security.md.' },
  config_locked: { exit: 1, diagnostic: 'fnox::config::locked', hint: 'Another fnox is writing this file; try again. Remove the .lock file beside it if no fnox is running.' },
  profile_invalid: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Profile names may not contain path separators, commas or control characters.' },
  profile_ambiguous: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Pass --write-profile NAME to choose where to write.' },
  default_provider_not_found: { exit: 1, diagnostic: 'fnox::config::default_provider_not_found', hint: 'Set default_provider to one of the providers defined in [providers].' },
  no_providers: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Add a provider with `fnox provider add NAME TYPE`, or see `fnox init`.' },
  // trust (docs/security.md)
  trust_no_config: { exit: 1, diagnostic: 'fnox::trust::no_config', hint: 'Give the file or directory to trust: fnox trust PATH' },
  trust_unsafe_file: { exit: 1, diagnostic: 'fnox::trust::unsafe_file', hint: 'Check who controls the file; fnox trust --force PATH trusts it anyway.' },
  trust_store_failed: { exit: 1, diagnostic: 'fnox::trust::store_failed', hint: 'Check that fnox\'s data directory ($XDG_DATA_HOME/fnox or ~/.local/share/fnox) is yours and writable.' },
  untrusted_provider_field: { exit: 1, diagnostic: 'fnox::trust::untrusted_provider_field', hint: 'Review the file, then run `fnox trust` on it.' },
  // secrets
  secret_not_found: { exit: 1, diagnostic: 'fnox::secret::not_found', hint: 'Run `fnox list` to see the secrets defined for the active profile.' },
  secret_missing: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Set a value with `fnox set KEY`, add a `default`, or set if_missing = "warn".' },
  secrets_unresolved: { exit: 1, diagnostic: 'fnox::secret::unresolved', hint: 'Fix the secrets listed above, or set if_missing for those that are optional.' },
  secret_decode_failed: { exit: 1, diagnostic: 'fnox::secret::decode_failed', hint: 'The value is not valid base64 text; drop --base64-decode.' },
  secret_postprocess_failed: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Check json_path / line against the secret value.' },
  secret_empty_refused: { exit: 1, diagnostic: 'fnox::secret::empty_value', hint: 'Nothing was read (empty or closed stdin); the secret was left unchanged. Pass --allow-empty to store an empty value.' },
  secret_value_invalid: { exit: 1, diagnostic: 'fnox::secret::invalid_value', hint: 'A secret value cannot contain a NUL byte (environment variables cannot hold one); store binary data base64-encoded (--base64-encode).' },
  secret_file_read_failed: { exit: 1, diagnostic: 'fnox::io::secret_file_read_failed', hint: 'Check the path given to --from-file.' },
  interpolation_cycle: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Break the cycle between the defaults that reference each other.' },
  invalid_secret_name: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Secret names must be valid environment variable names: letters, digits and _, not starting with a digit.' },
  // providers
  provider_not_configured: { exit: 1, diagnostic: 'fnox::provider::not_configured', hint: 'Add it under [providers], or fix the provider name on the secret.' },
  provider_not_installed: { exit: 1, diagnostic: 'fnox::provider::not_installed', hint: 'Install the provider plugin with `fnox plugins install`.' },
  provider_conflict: { exit: 1, diagnostic: 'fnox::provider::conflict', hint: 'Uninstall one of the plugins with `fnox plugins uninstall`.' },
  provider_invalid_plugin: { exit: 1, diagnostic: 'fnox::provider::invalid_plugin', hint: 'Update or reinstall the plugin; report the problem to its author.' },
  provider_config_invalid: { exit: 1, diagnostic: 'fnox::provider::invalid_config', hint: 'Fix the provider table named above.' },
  provider_config_resolution_failed: { exit: 1, diagnostic: 'fnox::provider::config_resolution_failed', hint: 'Define the referenced secret or set it in the environment.' },
  provider_config_cycle: { exit: 1, diagnostic: 'fnox::provider::config_cycle', hint: 'Break the loop between providers that reference each other.' },
  provider_unsupported: { exit: 1, diagnostic: 'fnox::provider::error', hint: 'This provider cannot do that; choose another provider.' },
  provider_auth: { exit: 1, diagnostic: 'fnox::provider::auth_failed', hint: 'Check your credentials (for AWS: `aws sso login` or AWS_PROFILE).' },
  provider_denied: { exit: 1, diagnostic: 'fnox::provider::auth_failed', hint: 'Check the permissions of the identity fnox runs as.' },
  provider_not_found: { exit: 1, diagnostic: 'fnox::provider::secret_not_found', hint: 'Check the stored name and that it exists in the backend.' },
  provider_config: { exit: 1, diagnostic: 'fnox::provider::invalid_config', hint: 'Fix the provider table in fnox.toml.' },
  provider_identity: { exit: 1, diagnostic: 'fnox::provider::identity', hint: 'Make a key available (for age: FNOX_AGE_KEY, key_file or ~/.config/fnox/age.txt).' },
  provider_decrypt: { exit: 1, diagnostic: 'fnox::provider::decrypt_failed', hint: 'The value was encrypted for another key or was damaged; set it again with `fnox set`.' },
  provider_encrypt: { exit: 1, diagnostic: 'fnox::provider::encrypt_failed', hint: 'Check the provider configuration (recipients, key).' },
  provider_network: { exit: 1, diagnostic: 'fnox::provider::api_error', hint: 'Check network access and the endpoint.' },
  provider_timeout: { exit: 1, diagnostic: 'fnox::provider::api_error', hint: 'The backend did not answer in time; check the endpoint and try again.' },
  provider_throttled: { exit: 1, diagnostic: 'fnox::provider::api_error', hint: 'The backend is rate-limiting; retry later or raise AWS_MAX_ATTEMPTS.' },
  provider_invalid_response: { exit: 1, diagnostic: 'fnox::provider::invalid_response', hint: 'The backend answered with something fnox cannot use.' },
  provider_api: { exit: 1, diagnostic: 'fnox::provider::api_error', hint: 'See the message for the backend error.' },
  // provider plugins (fnox plugins install/link, plugin discovery for the Node API)
  plugin_contract_unsupported: { exit: 1, diagnostic: 'fnox::plugin::contract_unsupported', hint: 'Install a version of the plugin built for a provider contract this fnox supports, or upgrade fnox.' },
  plugin_command_failed: { exit: 1, diagnostic: 'fnox::plugin::command_failed', hint: 'Run `fnox plugins` to see what is installed; --verbose shows npm output.' },
  // commands
  doctor_providers_failed: { exit: 1, diagnostic: 'fnox::doctor::providers_failed', hint: 'Fix the providers marked ✗ above; `fnox provider test NAME` checks one.' },
  command_not_specified: { exit: 1, diagnostic: 'fnox::command::not_specified', hint: 'Give the command to run: fnox exec -- npm start' },
  command_not_found: { exit: 127, diagnostic: 'fnox::command::not_found', hint: 'Check the command name and PATH (no shell is used).' },
  command_not_executable: { exit: 126, diagnostic: 'fnox::command::not_executable', hint: 'Check that the file is executable (chmod +x) and is not a directory.' },
  command_args_too_long: { exit: 1, diagnostic: 'fnox::command::args_too_long', hint: 'The arguments and environment exceed the system limit (E2BIG); pass large values through files (as_file = true).' },
  unknown_command: { exit: 127, diagnostic: 'fnox::cli::unknown_command', hint: 'Run `fnox --help` to see the commands.' },
  command_failed: { exit: 1, diagnostic: 'fnox::command::failed', hint: 'Check that the command exists and is executable.' },
  editor_failed: { exit: 1, diagnostic: 'fnox::edit::editor_failed', hint: 'Nothing was written; fix the editor problem and run fnox edit again.' },
  import_stdin_requires_force: { exit: 1, diagnostic: 'fnox::import::stdin_requires_force', hint: 'Stdin is consumed during import, so it cannot also answer the confirmation: pass --force or --dry-run.' },
  import_parse_failed: { exit: 1, diagnostic: 'fnox::import::parse_failed', hint: 'Check the input format.' },
  filter_invalid_regex: { exit: 1, diagnostic: 'fnox::filter::invalid_regex', hint: 'Check the regular expression syntax.' },
  scan_secrets_found: { exit: 1, diagnostic: 'fnox::scan::secrets_found', hint: 'Move the values into fnox (`fnox set`), or add --ignore patterns for false positives.' },
  shell_unsupported: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Supported shells: bash, zsh, fish.' },
  shell_not_activated: { exit: 1, diagnostic: 'fnox::config::error', hint: 'Run: eval "$(fnox activate bash)" (or zsh / fish) first.' },
  confirmation_required: { exit: 1, diagnostic: 'fnox::confirmation_required', hint: 'Pass --force (or --yes) to go ahead without asking, or --dry-run to see what would change.' },
  ci_unsupported: { exit: 1, diagnostic: 'fnox::config::error', hint: 'fnox ci-redact masks values with GitHub Actions workflow commands; on other CI systems, mask secrets in its settings.' },
  // signals: the host aborts the command's signal; the exit status is the shell's 128 + N
  interrupted: { exit: 130, diagnostic: 'fnox::interrupted', hint: 'Stopped by Ctrl-C (SIGINT); run the command again to finish it.' },
  terminated: { exit: 143, diagnostic: 'fnox::terminated', hint: 'Stopped by SIGTERM; run the command again to finish it.' },
  hangup: { exit: 129, diagnostic: 'fnox::hangup', hint: 'The terminal went away (SIGHUP); run the command again to finish it.' },
  io: { exit: 1, diagnostic: 'fnox::io', hint: 'Check the path and its permissions.' },
  io_no_space: { exit: 1, diagnostic: 'fnox::io::no_space', hint: 'The disk is full (ENOSPC); free some space and run the command again. Files fnox writes are replaced atomically, so nothing was half-written.' },
  io_broken_pipe: { exit: 1, diagnostic: 'fnox::io::broken_pipe', hint: 'The program reading fnox output exited first (EPIPE).' },
  internal: { exit: 1, diagnostic: 'fnox::internal', hint: 'This is a bug in fnox; rerun with --debug and report it.' },
} as const satisfies Record<string, { exit: number; diagnostic: string; hint: string }>;

/** A fnox error code. */
export type FnoxErrorCode = keyof typeof ERROR_CODES;

/** The one exit-code table: code → process exit status. */
export const EXIT_CODES: Readonly<Record<FnoxErrorCode, number>> = Object.freeze(
  Object.fromEntries(Object.entries(ERROR_CODES).map(([code, info]) => [code, info.exit])) as Record<FnoxErrorCode, number>,
);

/** Options of a {@link FnoxError}. */
export interface FnoxErrorOptions {
  /** What to do about it. Defaults to the code's hint from {@link ERROR_CODES}. */
  readonly hint?: string;
  /** Underlying error (shown only with --debug; must not contain secret values). */
  readonly cause?: unknown;
  /** Further lines shown under the message (validation issues, per-secret failures, a TOML snippet). */
  readonly details?: readonly string[];
  /** A more specific upstream diagnostic id than the code's (a provider's own, for example). */
  readonly diagnostic?: string;
}

/**
 * The error every fnox failure becomes. Its message is one line, names the file, key or provider
 * concerned, and never contains a secret value.
 */
export class FnoxError extends Error {
  readonly code: FnoxErrorCode;
  readonly hint: string;
  readonly details: readonly string[];
  readonly #diagnostic: string | undefined;

  constructor(code: FnoxErrorCode, message: string, options: FnoxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FnoxError';
    this.code = code;
    this.hint = options.hint ?? ERROR_CODES[code].hint;
    this.details = options.details ?? [];
    this.#diagnostic = options.diagnostic;
  }

  /** The process exit status for this error. */
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }

  /** Upstream fnox's diagnostic id for this kind of failure. */
  get diagnostic(): string {
    return this.#diagnostic ?? ERROR_CODES[this.code].diagnostic;
  }
}

/** The signals that stop a command, each with the code that reports it. */
const STOP_CODES = { SIGINT: 'interrupted', SIGTERM: 'terminated', SIGHUP: 'hangup' } as const satisfies Record<string, FnoxErrorCode>;

/** A signal that stops a command (see {@link stoppedBy}). */
export type StopSignal = keyof typeof STOP_CODES;

/** The error of a command stopped by `signal`: the abort reason the host gives the session's signal. */
export function stoppedBy(signal: StopSignal): FnoxError {
  const words = { SIGINT: 'Interrupted (Ctrl-C)', SIGTERM: 'Terminated (SIGTERM)', SIGHUP: 'Hung up (SIGHUP)' } as const;
  return new FnoxError(STOP_CODES[signal], words[signal]);
}

/** True when `error` reports a stop signal ({@link stoppedBy}). */
export function isStopError(error: unknown): error is FnoxError {
  return isFnoxError(error) && (Object.values(STOP_CODES) as string[]).includes(error.code);
}

/** True for a {@link FnoxError}. */
export function isFnoxError(value: unknown): value is FnoxError {
  return value instanceof FnoxError;
}

const PROVIDER_CODE_MAP: Record<ProviderErrorCode, FnoxErrorCode> = {
  auth: 'provider_auth',
  denied: 'provider_denied',
  'not-found': 'provider_not_found',
  config: 'provider_config',
  identity: 'provider_identity',
  decrypt: 'provider_decrypt',
  encrypt: 'provider_encrypt',
  network: 'provider_network',
  timeout: 'provider_timeout',
  throttled: 'provider_throttled',
  'invalid-response': 'provider_invalid_response',
  unsupported: 'provider_unsupported',
  api: 'provider_api',
};

/** Provider codes whose diagnostic id is theirs alone: a ProviderError naming that id gets that code. */
const CODE_BY_PROVIDER_DIAGNOSTIC: ReadonlyMap<string, FnoxErrorCode> = (() => {
  const seen = new Map<string, FnoxErrorCode | null>();
  for (const [code, info] of Object.entries(ERROR_CODES) as [FnoxErrorCode, (typeof ERROR_CODES)[FnoxErrorCode]][]) {
    if (!code.startsWith('provider_')) continue;
    seen.set(info.diagnostic, seen.has(info.diagnostic) ? null : code);
  }
  return new Map([...seen].filter((entry): entry is [string, FnoxErrorCode] => entry[1] !== null));
})();

/**
 * Turn anything thrown into a {@link FnoxError}: provider errors keep their message and hint and
 * get the matching code; unknown errors become `internal` with a generic message (their text
 * could hold anything, so it is kept only as the cause, shown with --debug).
 */
export function toFnoxError(error: unknown): FnoxError {
  if (isFnoxError(error)) return error;
  if (isProviderError(error)) {
    const code = (error.diagnostic && CODE_BY_PROVIDER_DIAGNOSTIC.get(error.diagnostic)) || PROVIDER_CODE_MAP[error.code] || 'provider_api';
    return new FnoxError(code, error.message, {
      hint: error.hint ?? ERROR_CODES[code].hint,
      cause: error,
      ...(error.diagnostic ? { diagnostic: error.diagnostic } : {}),
    });
  }
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'ENOSPC') return new FnoxError('io_no_space', 'No space left on device', { cause: error });
  if (errno === 'EPIPE') return new FnoxError('io_broken_pipe', 'Output pipe closed', { cause: error });
  if (errno === 'E2BIG') return new FnoxError('command_args_too_long', 'Argument list too long', { cause: error });
  return new FnoxError('internal', `unexpected error: ${error instanceof Error ? error.name : typeof error}`, { cause: error });
}

/**
 * How {@link renderError} paints its words on a terminal. The CLI passes colours when stderr is a
 * colour terminal; every function defaults to the text unchanged.
 */
export interface ErrorStyle {
  /** The `error:` prefix. */
  readonly error: (text: string) => string;
  /** The `hint:` prefix. */
  readonly hint: (text: string) => string;
  /** The diagnostic id. */
  readonly dim: (text: string) => string;
}

const PLAIN: ErrorStyle = { error: (t) => t, hint: (t) => t, dim: (t) => t };

/**
 * A cause's stack for --debug. Only fnox and provider errors promise a message free of secret
 * values; any other error (a Node TypeError quoting an argument, a library error) shows its name,
 * code and frames, never its message.
 */
function debugStack(error: Error): string {
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  if (isFnoxError(error) || isProviderError(error)) return [`${error.name}: ${error.message}`, ...frames].join('\n');
  const code = (error as NodeJS.ErrnoException).code;
  return [`${error.name}${code ? ` [${code}]` : ''}: (message withheld: it may quote a value)`, ...frames].join('\n');
}

/** Options of {@link renderError}. */
export interface RenderErrorOptions {
  /** Print the cause chain and stacks. */
  readonly debug?: boolean;
  /** Colours; plain text when absent. */
  readonly style?: ErrorStyle;
}

/**
 * The one rendering of an error for a terminal: `error: <message> (<diagnostic id>)`, indented
 * detail lines, `hint: <hint>`; with `debug`, the code and the stacks of the cause chain. Returns
 * the text (ending in a newline) for stderr.
 */
export function renderError(error: unknown, options: RenderErrorOptions = {}): string {
  const fnoxError = toFnoxError(error);
  // Messages name config keys, paths, provider replies: none of it may drive the terminal.
  const shown = (text: string) => escapeControls(text);
  const style = options.style ?? PLAIN;
  const lines = [`${style.error('error:')} ${shown(fnoxError.message)} ${style.dim(`(${shown(fnoxError.diagnostic)})`)}`];
  for (const detail of fnoxError.details) lines.push(`  ${shown(detail)}`);
  if (fnoxError.hint) lines.push(`${style.hint('hint:')} ${fnoxError.hint.split('\n').map(shown).join('\n      ')}`);
  if (options.debug) {
    lines.push(`debug: code ${fnoxError.code} (${shown(fnoxError.diagnostic)}), exit ${fnoxError.exitCode}`);
    let current: unknown = fnoxError;
    for (let depth = 0; current instanceof Error && depth < 8; depth++) {
      lines.push(`debug: ${escapeControls(debugStack(current), { keepLayout: true })}`);
      current = current.cause;
    }
  }
  return `${lines.join('\n')}\n`;
}

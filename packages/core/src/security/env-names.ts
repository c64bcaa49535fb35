/**
 * Names fnox never exports into a shell or a child process (the prompt hook, `export -f shell|env`,
 * `exec`), even from a trusted config: each one lets whoever writes a `fnox.toml` run code, redirect
 * the user's tools or change how fnox itself decides what to trust. The user, never a config, may
 * allow names with `FNOX_ALLOW_ENV_NAMES` (comma- or colon-separated; `NAME_*` allows a prefix).
 * `FNOX_*` and `__FNOX_*` cannot be allowed: they steer fnox. The list is documented in
 * docs/shell-integration.md; this module is the only copy.
 */
import { escapeControls } from '../format/terminal-text.js';

/** Exact names (compared upper-cased: zsh ties lowercase `path`, `fpath`, … to the uppercase ones). */
const NAMES: ReadonlySet<string> = new Set([
  // The shell itself: where programs come from, start-up files, prompts, parsing.
  'PATH', 'HOME', 'SHELL', 'PWD', 'OLDPWD', 'IFS', 'CDPATH', 'SHELLOPTS', 'BASHOPTS', 'BASH_ENV', 'ENV',
  'PROMPT_COMMAND', 'PS0', 'PS1', 'PS2', 'PS3', 'PS4', 'PROMPT', 'PROMPT2', 'PROMPT3', 'PROMPT4', 'RPROMPT',
  'RPROMPT2', 'RPS1', 'RPS2', 'ZDOTDIR', 'FPATH', 'MODULE_PATH', 'HISTFILE', 'INPUTRC', 'TMOUT', 'BASH_XTRACEFD',
  'GLOBIGNORE', 'EXECIGNORE', 'NULLCMD', 'READNULLCMD',
  // Where fnox and the shells find their config, data (trust records), code cache and temp files.
  'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_DIRS',
  'XDG_DATA_DIRS', 'TMPDIR',
  // Interpreters that load code named by a variable (fnox's own node included).
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_USE_ENV_PROXY',
  'NODE_REPL_EXTERNAL_MODULE', 'NODE_COMPILE_CACHE', 'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PERL5LIB', 'PERL5OPT', 'PERLLIB',
  'RUBYOPT', 'RUBYLIB', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'GCONV_PATH',
  // Commands other tools run: git and ssh, editors and pagers (fnox edit runs $EDITOR).
  'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_ASKPASS', 'SSH_ASKPASS', 'SSH_ASKPASS_REQUIRE', 'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR', 'GIT_PAGER', 'GIT_EXTERNAL_DIFF', 'GIT_PROXY_COMMAND', 'GIT_EXEC_PATH', 'GIT_DIR',
  'GIT_CONFIG', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT',
  'GIT_TEMPLATE_DIR', 'EDITOR', 'VISUAL', 'PAGER', 'MANPAGER', 'LESSOPEN', 'LESSCLOSE',
  // Where AWS tools send the user's credentials, or which command they run for them.
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CA_BUNDLE',
]);

/** Prefixes (upper-cased). `_FUNCTIONS` below is a suffix: zsh's precmd_functions and friends. */
const PREFIXES: readonly string[] = ['LD_', 'DYLD_', 'FNOX_', '__FNOX_', 'GIT_CONFIG_KEY_', 'GIT_CONFIG_VALUE_', 'AWS_ENDPOINT_URL', 'BASH_FUNC_'];
const SUFFIXES: readonly string[] = ['_FUNCTIONS'];

/** Names fnox itself owns; no allow-list entry reaches them. */
const NEVER_ALLOWED: readonly string[] = ['FNOX_', '__FNOX_'];

/** True for a name a shell and `env` accept as an environment variable name. */
export function isValidEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** True when `name` is on the never-exported list (before any allow-list). */
export function isProtectedEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  return NAMES.has(upper) || PREFIXES.some((prefix) => upper.startsWith(prefix)) || SUFFIXES.some((suffix) => upper.endsWith(suffix));
}

/** The user's `FNOX_ALLOW_ENV_NAMES`: exact names and `PREFIX*` patterns. */
export function parseAllowedEnvNames(value: string | undefined): readonly string[] {
  return (value ?? '')
    .split(/[,:]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Why a name is not exported, or undefined when it is. */
export type EnvNameRefusal = 'invalid' | 'protected';

/** A checker bound to the user's environment (`FNOX_ALLOW_ENV_NAMES` is read from it, never from a config). */
export interface EnvNamePolicy {
  /** Undefined when `name` may be exported into a shell or a child. */
  refusal(name: string): EnvNameRefusal | undefined;
  /** The one-line warning for a refused name (escaped for the terminal). */
  warning(name: string, refusal: EnvNameRefusal): string;
}

/** The policy for `env` (the user's own environment). */
export function envNamePolicy(env: Readonly<Record<string, string | undefined>>): EnvNamePolicy {
  const allowed = parseAllowedEnvNames(env.FNOX_ALLOW_ENV_NAMES);
  const ownedByFnox = (name: string): boolean => NEVER_ALLOWED.some((prefix) => name.toUpperCase().startsWith(prefix));
  const isAllowed = (name: string): boolean => {
    if (ownedByFnox(name)) return false;
    return allowed.some((entry) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : entry === name));
  };
  return {
    refusal(name) {
      if (!isValidEnvName(name)) return 'invalid';
      if (isProtectedEnvName(name) && !isAllowed(name)) return 'protected';
      return undefined;
    },
    warning(name, refusal) {
      const shown = escapeControls(name);
      if (refusal === 'invalid') return `fnox: secret '${shown}' is not a valid environment variable name; not exported`;
      if (ownedByFnox(name)) return `fnox: secret '${shown}' is not exported: FNOX_* variables configure fnox itself`;
      return `fnox: secret '${shown}' is not exported: it can change what your shell or tools run (to allow it, set FNOX_ALLOW_ENV_NAMES=${shown} in your own environment)`;
    },
  };
}

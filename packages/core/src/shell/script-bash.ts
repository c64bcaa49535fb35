/**
 * bash activation and teardown (docs/shell-integration.md). The prompt hook first runs
 * `__fnox_unchanged`, which uses only builtins (`[[ -e ]]`, `[[ -nt ]]`, `[[ -ot ]]`, parameter
 * expansion): when the directory, the watched files and the exported `FNOX_*` variables are as
 * hook-env last recorded them, no process is started at all.
 */
import { posixQuote } from '../format/shell-quote.js';

/** Options of the activation scripts. */
export interface ActivationOptions {
  /** `--no-hook-env`: only the `fnox` wrapper function (and FNOX_SHELL). */
  readonly noHookEnv?: boolean;
}

/** The executable as shell words (e.g. node and the CLI script), quoted. */
export function posixExe(exe: readonly string[]): string {
  return exe.map((word) => posixQuote(word)).join(' ');
}

/** bash: the `fnox` wrapper. */
function wrapper(exe: string): string {
  return `fnox() {
  if [ "$#" -lt 1 ]; then
    command ${exe}
    return
  fi
  case "$1" in
    deactivate|shell) eval "$(command ${exe} "$@")" ;;
    *) command ${exe} "$@" ;;
  esac
}
`;
}

/** Text of the exported FNOX_* variables, built in-shell (the fingerprint lines of hook-env call it). */
const BASH_HELPERS = `__fnox_env_text() {
  local __fnox_n
  __fnox_envtxt=
  for __fnox_n in "\${!FNOX_@}"; do
    [[ \${!__fnox_n@a} == *x* ]] || continue
    __fnox_envtxt+="\${__fnox_n}=\${!__fnox_n}"$'\\x1f'
  done
}
__fnox_unchanged() {
  [[ -n \${__fnox_fp_dir+x} && \$PWD == "\$__fnox_fp_dir" ]] || return 1
  local __fnox_f __fnox_i=0
  for __fnox_f in \${__fnox_fp_absent[@]+"\${__fnox_fp_absent[@]}"}; do
    [[ -e \$__fnox_f ]] && return 1
  done
  for __fnox_f in \${__fnox_fp_present[@]+"\${__fnox_fp_present[@]}"}; do
    [[ -e \$__fnox_f && -e \$__fnox_fp_stamps/\$__fnox_i.lo && ! \$__fnox_f -nt \$__fnox_fp_stamps/\$__fnox_i.hi && ! \$__fnox_f -ot \$__fnox_fp_stamps/\$__fnox_i.lo ]] || return 1
    __fnox_i=\$((__fnox_i + 1))
  done
  __fnox_env_text
  [[ \$__fnox_envtxt == "\$__fnox_fp_env" ]]
}
`;

/**
 * On exit, remove the stamp directory made for this shell (`__fnox_fp_own`, never one inherited
 * from a parent shell's session; zsh runs `fnox deactivate` instead). Chained in
 * front of an EXIT trap the user already has. Deactivation keeps the function (the trap may name
 * it); with the stamp variable unset it does nothing.
 */
const EXIT_CLEANUP = `__fnox_exit() {
  [[ \${__fnox_fp_own-} == */fnox-stamps-* ]] && command rm -rf -- "$__fnox_fp_own"
}
if [[ "$(trap -p EXIT)" != *__fnox_exit* ]]; then
  __fnox_exit_trap=$(trap -p EXIT)
  __fnox_exit_trap=\${__fnox_exit_trap#"trap -- "}
  eval "__fnox_exit_trap=\${__fnox_exit_trap% EXIT}"
  trap -- "__fnox_exit\${__fnox_exit_trap:+; \$__fnox_exit_trap}" EXIT
  unset __fnox_exit_trap
fi
`;

/** `fnox activate bash`. */
export function bashActivation(exe: readonly string[], options: ActivationOptions = {}): string {
  const q = posixExe(exe);
  let out = `export FNOX_SHELL=bash\n${wrapper(q)}`;
  if (options.noHookEnv) return out;
  out += BASH_HELPERS;
  out += `_fnox_hook() {
  local previous_exit_status=$?
  trap -- '' SIGINT
  __fnox_unchanged || eval "$(${q} hook-env -s bash --fingerprint)"
  trap - SIGINT
  return $previous_exit_status
}
if [[ ";\${PROMPT_COMMAND[*]:-};" != *";_fnox_hook;"* ]]; then
  PROMPT_COMMAND="_fnox_hook\${PROMPT_COMMAND:+;\$PROMPT_COMMAND}"
fi
${EXIT_CLEANUP}`;
  return out;
}

/** Names of the hook's bookkeeping variables (all shells). */
export const HOOK_VARIABLES = ['__fnox_fp_absent', '__fnox_fp_present', '__fnox_fp_stamps', '__fnox_fp_own', '__fnox_fp_dir', '__fnox_fp_env', '__fnox_envtxt'];

/** The shell part of `fnox deactivate` for bash (after the unset lines of the secrets). */
export function bashTeardown(): string {
  return `PROMPT_COMMAND="\${PROMPT_COMMAND//_fnox_hook;/}"
PROMPT_COMMAND="\${PROMPT_COMMAND//_fnox_hook/}"
unset -f fnox _fnox_hook __fnox_unchanged __fnox_env_text
unset FNOX_SHELL __FNOX_SESSION ${HOOK_VARIABLES.join(' ')}
`;
}

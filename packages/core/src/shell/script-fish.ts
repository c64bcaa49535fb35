/**
 * fish activation and teardown (docs/shell-integration.md). fish runs builtins and functions in-process
 * (command substitutions and pipelines of builtins included), and its `test` has `-nt`/`-ot`
 * with nanosecond precision, so `__fnox_unchanged` starts no process either.
 */
import type { ActivationOptions } from './script-bash.js';
import { HOOK_VARIABLES } from './script-bash.js';
import { fishWord } from './quote.js';

/** `fnox activate fish`. */
export function fishActivation(exe: readonly string[], options: ActivationOptions = {}): string {
  const q = exe.map((word) => fishWord(word)).join(' ');
  let out = `set -gx FNOX_SHELL fish
function fnox
  set -l command $argv[1]
  switch "$command"
    case deactivate shell
      ${q} $argv | source
    case '*'
      command ${q} $argv
  end
end
`;
  if (options.noHookEnv) return out;
  out += `function __fnox_env_text
  set -g __fnox_envtxt
  for __fnox_n in (set -nx | string match -- 'FNOX_*')
    set -a __fnox_envtxt "$__fnox_n=$$__fnox_n"
  end
end
function __fnox_unchanged
  set -q __fnox_fp_dir; or return 1
  test "$PWD" = "$__fnox_fp_dir"; or return 1
  for __fnox_f in $__fnox_fp_absent
    test -e "$__fnox_f"; and return 1
  end
  set -l __fnox_i 0
  for __fnox_f in $__fnox_fp_present
    test -e "$__fnox_f" -a -e "$__fnox_fp_stamps/$__fnox_i.lo"; or return 1
    test "$__fnox_f" -nt "$__fnox_fp_stamps/$__fnox_i.hi"; and return 1
    test "$__fnox_f" -ot "$__fnox_fp_stamps/$__fnox_i.lo"; and return 1
    set __fnox_i (math $__fnox_i + 1)
  end
  __fnox_env_text
  test "$__fnox_envtxt" = "$__fnox_fp_env"
end
function __fnox_env_eval --on-event fish_prompt --description 'fnox: load the secrets of this directory'
  test "$FNOX_SHELL" = fish; or return
  __fnox_unchanged; and return
  ${q} hook-env -s fish --fingerprint | source
end
function __fnox_exit --on-event fish_exit --description 'fnox: remove the stamp directory made for this shell'
  string match -q -- '*/fnox-stamps-*' "$__fnox_fp_own"; and command rm -rf -- $__fnox_fp_own
end
function __fnox_cd_hook --on-variable PWD --description 'fnox: reload secrets on cd'
  __fnox_env_eval
end
__fnox_env_eval
`;
  return out;
}

/** The shell part of `fnox deactivate` for fish (after the unset lines of the secrets). */
export function fishTeardown(): string {
  return `functions -e __fnox_env_eval __fnox_cd_hook __fnox_unchanged __fnox_env_text __fnox_exit
set -e FNOX_SHELL
set -e __FNOX_SESSION
${HOOK_VARIABLES.map((name) => `set -e -g ${name}`).join('\n')}
functions -e fnox
`;
}

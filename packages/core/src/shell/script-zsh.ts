/**
 * zsh activation and teardown (docs/shell-integration.md). Same design as bash: `__fnox_unchanged` uses
 * only builtins (`[[ -e/-nt/-ot ]]`, `$parameters` from the always-loaded zsh/parameter module),
 * so an unchanged prompt starts no process. Helpers run under `emulate -L zsh` so user options
 * (KSH_ARRAYS, NO_UNSET, ...) cannot change their meaning.
 */
import { HOOK_VARIABLES, posixExe, type ActivationOptions } from './script-bash.js';

/** `fnox activate zsh`. */
export function zshActivation(exe: readonly string[], options: ActivationOptions = {}): string {
  const q = posixExe(exe);
  let out = `export FNOX_SHELL=zsh
if [[ -n \${__FNOX_ZSH_PID-} && \$__FNOX_ZSH_PID != \$\$ ]]; then
  unset __FNOX_SESSION
fi
export __FNOX_ZSH_PID=\$\$
fnox() {
  if [[ \$# -lt 1 ]]; then
    command ${q}
    return
  fi
  case "\$1" in
    deactivate|shell)
      local __fnox_out
      __fnox_out="\$(command ${q} "\$@")" || return \$?
      eval "\$__fnox_out"
      ;;
    *) command ${q} "\$@" ;;
  esac
  return \$status
}
`;
  if (options.noHookEnv) return out;
  out += `__fnox_env_text() {
  emulate -L zsh
  local __fnox_n
  typeset -g __fnox_envtxt=
  for __fnox_n in \${(ko)parameters[(I)FNOX_*]}; do
    [[ \${parameters[\$__fnox_n]} == *-export* ]] || continue
    __fnox_envtxt+="\${__fnox_n}=\${(P)__fnox_n}"\$'\\x1f'
  done
}
__fnox_unchanged() {
  emulate -L zsh
  [[ -n \${__fnox_fp_dir+x} && \$PWD == "\$__fnox_fp_dir" ]] || return 1
  local __fnox_f
  integer __fnox_i=0
  for __fnox_f in "\${__fnox_fp_absent[@]}"; do
    [[ -e \$__fnox_f ]] && return 1
  done
  for __fnox_f in "\${__fnox_fp_present[@]}"; do
    [[ -e \$__fnox_f && -e \$__fnox_fp_stamps/\$__fnox_i.lo && ! \$__fnox_f -nt \$__fnox_fp_stamps/\$__fnox_i.hi && ! \$__fnox_f -ot \$__fnox_fp_stamps/\$__fnox_i.lo ]] || return 1
    __fnox_i+=1
  done
  __fnox_env_text
  [[ \$__fnox_envtxt == "\$__fnox_fp_env" ]]
}
_fnox_hook() {
  trap -- '' SIGINT
  __fnox_unchanged || eval "\$(${q} hook-env -s zsh --fingerprint)"
  trap - SIGINT
}
_fnox_cleanup() {
  ${q} deactivate >/dev/null 2>&1
}
typeset -ag precmd_functions chpwd_functions
if (( ! \${precmd_functions[(I)_fnox_hook]} )); then
  precmd_functions=(_fnox_hook \$precmd_functions)
fi
if (( ! \${chpwd_functions[(I)_fnox_hook]} )); then
  chpwd_functions=(_fnox_hook \$chpwd_functions)
fi
autoload -Uz add-zsh-hook
add-zsh-hook zshexit _fnox_cleanup
`;
  return out;
}

/** The shell part of `fnox deactivate` for zsh (after the unset lines of the secrets). */
export function zshTeardown(): string {
  return `precmd_functions=(\${precmd_functions:#_fnox_hook})
chpwd_functions=(\${chpwd_functions:#_fnox_hook})
(( \${+functions[add-zsh-hook]} )) && add-zsh-hook -d zshexit _fnox_cleanup
unset -f fnox _fnox_hook _fnox_cleanup __fnox_unchanged __fnox_env_text 2>/dev/null
unset FNOX_SHELL __FNOX_SESSION __FNOX_ZSH_PID ${HOOK_VARIABLES.join(' ')}
`;
}

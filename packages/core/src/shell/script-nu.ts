/**
 * nushell activation (docs/shell-integration.md). nu has no `eval`: hook-env and deactivate print
 * JSON (`{"set": {...}, "unset": [...]}`, the shape upstream emits) that `_fnox_apply` loads with
 * `load-env` / `hide-env`. The hook runs on `pre_prompt`, which fires after every `cd` too;
 * hook-env prints nothing when nothing changed.
 */
import type { ActivationOptions } from './script-bash.js';

/** A nu raw string literal (`r#'...'#`): nothing inside is special. */
export function nuRawString(value: string): string {
  let hashes = '#';
  while (value.includes(`'${hashes}`)) hashes += '#';
  return `r${hashes}'${value}'${hashes}`;
}

/** `fnox activate nu`. */
export function nuActivation(exe: readonly string[], options: ActivationOptions = {}): string {
  const [program, ...prefix] = exe.map(nuRawString);
  const run = (args: string) => `^${program} ${[...prefix, args].join(' ')}`;
  let out = `$env.FNOX_SHELL = "nu"

def --env _fnox_apply [json: string] {
  let changes = ($json | from json)
  if ($changes.set? | is-not-empty) { $changes.set | load-env }
  for $name in ($changes.unset? | default []) { hide-env -i $name }
}

def --env --wrapped fnox [...rest] {
  let command = ($rest | first | default "")
  if $command == "deactivate" {
    let result = (do -i { ${run('...$rest')} } | complete)
    if ($result.stderr | is-not-empty) { print -e -n $result.stderr }
    if $result.exit_code != 0 { return }
    $env.config = ($env.config | upsert hooks.pre_prompt ($env.config.hooks.pre_prompt? | default [] | where {|hook| ($hook | describe) != "closure" or ((view source $hook) !~ "_fnox_hook") }))
    # The JSON unsets FNOX_SHELL and __FNOX_SESSION too (a hide-env after calling another
    # --env command from here is ignored by nu).
    if ($result.stdout | str trim | is-not-empty) { _fnox_apply $result.stdout }
  } else {
    ${run('...$rest')}
  }
}
`;
  if (options.noHookEnv) return out;
  out += `
def --env _fnox_hook [] {
  if ($env.FNOX_SHELL? | default "") != "nu" { return }
  let result = (do -i { ${run('hook-env -s nu')} } | complete)
  if ($result.stderr | is-not-empty) { print -e -n $result.stderr }
  if $result.exit_code == 0 and ($result.stdout | str trim | is-not-empty) { _fnox_apply $result.stdout }
}

$env.config = ($env.config | upsert hooks.pre_prompt ($env.config.hooks.pre_prompt? | default [] | append {|| _fnox_hook }))
_fnox_hook
`;
  return out;
}

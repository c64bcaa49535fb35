/**
 * PowerShell activation and teardown (docs/shell-integration.md). The prompt function is wrapped
 * once to run `_fnox_hook`, which evaluates `hook-env -s pwsh` (single-quoted values, see
 * quote.ts); hook-env prints nothing when nothing changed. No PowerShell binary is available to
 * this project's tests: they check the generated text.
 */
import type { ActivationOptions } from './script-bash.js';
import { pwshWord } from './quote.js';

/** `fnox activate pwsh`. */
export function pwshActivation(exe: readonly string[], options: ActivationOptions = {}): string {
  const [program, ...prefix] = exe.map(pwshWord);
  const run = (args: string) => `& ${[program, ...prefix, args].join(' ')}`;
  let out = `$Env:FNOX_SHELL = 'pwsh'

function global:fnox {
  $command = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
  if ($command -eq 'deactivate') {
    $output = ${run('@args')} | Out-String
    if ($LASTEXITCODE -ne 0) { return }
    if ($output.Trim()) { Invoke-Expression $output }
  } else {
    ${run('@args')}
  }
}
`;
  if (options.noHookEnv) return out;
  out += `
function global:_fnox_hook {
  if ($Env:FNOX_SHELL -ne 'pwsh') { return }
  $output = ${run('hook-env -s pwsh')} | Out-String
  if ($output.Trim()) { Invoke-Expression $output }
}

if (-not (Test-Path -Path Variable:global:__fnox_previous_prompt)) {
  $global:__fnox_previous_prompt = $function:prompt
  function global:prompt {
    if (Test-Path -Path Function:_fnox_hook) { _fnox_hook }
    & $global:__fnox_previous_prompt
  }
}
_fnox_hook
`;
  return out;
}

/** The shell part of `fnox deactivate` for PowerShell (after the restore/unset lines of the secrets). */
export function pwshTeardown(): string {
  return `if (Test-Path -Path Variable:global:__fnox_previous_prompt) {
  $function:global:prompt = $global:__fnox_previous_prompt
  Remove-Variable -Scope Global -Name __fnox_previous_prompt -ErrorAction SilentlyContinue
}
Remove-Item -ErrorAction SilentlyContinue -Path Function:_fnox_hook
Remove-Item -ErrorAction SilentlyContinue -Path Function:fnox
Remove-Item -ErrorAction SilentlyContinue -LiteralPath 'Env:FNOX_SHELL'
Remove-Item -ErrorAction SilentlyContinue -LiteralPath 'Env:__FNOX_SESSION'
`;
}

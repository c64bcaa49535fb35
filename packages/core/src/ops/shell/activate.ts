/** `fnox activate [SHELL]` (docs/shell-integration.md): the script a shell evaluates once, from its rc file. */
import { bashActivation } from '../../shell/script-bash.js';
import { fishActivation } from '../../shell/script-fish.js';
import { nuActivation } from '../../shell/script-nu.js';
import { pwshActivation } from '../../shell/script-pwsh.js';
import { zshActivation } from '../../shell/script-zsh.js';
import { detectActivateShell, type ShellName } from '../../shell/shells.js';

/** Options of {@link activate}. */
export interface ActivateOptions {
  /** The SHELL argument; omitted → `$FNOX_SHELL`, else basename of `$SHELL`. */
  readonly shell?: string;
  /**
   * How to run this fnox, as argv words embedded in the script (e.g. the node binary and the
   * CLI's bin script, absolute). The hook calls exactly this, whatever PATH holds later.
   */
  readonly exe: readonly string[];
  /** `--no-hook-env`: emit only the wrapper function. */
  readonly noHookEnv?: boolean;
}

/** The activation script (text for stdout) and the shell it is for. */
export function activate(env: NodeJS.ProcessEnv, options: ActivateOptions): { readonly shell: ShellName; readonly script: string } {
  const shell = detectActivateShell(options.shell, env);
  const scriptOptions = { noHookEnv: options.noHookEnv ?? false };
  const scripts = { bash: bashActivation, zsh: zshActivation, fish: fishActivation, nu: nuActivation, pwsh: pwshActivation };
  return { shell, script: scripts[shell](options.exe, scriptOptions) };
}

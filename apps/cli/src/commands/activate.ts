import { resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { activate } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

/**
 * How the hook should run this fnox: node plus the CLI's entry script, both absolute, so the hook
 * keeps working whatever PATH (or the active node version) is later.
 */
function fnoxExecutable(): string[] {
  const script = process.argv[1];
  return script ? [process.execPath, resolve(script)] : [process.execPath];
}

export default class Activate extends FnoxCommand<typeof Activate> {
  static override summary = 'Print the script that loads secrets when you cd into a project (bash, zsh, fish, nu, pwsh).';
  static override description =
    'Add the line for your shell to its rc file. Before each prompt the hook checks, with shell builtins only, whether the directory, a fnox config file or an FNOX_* variable changed; ' +
    'only then does it run fnox, which sets the secrets of the new directory and unsets those no longer defined.';
  static override examples = [
    { description: 'bash (~/.bashrc)', command: 'eval "$(<%= config.bin %> activate bash)"' },
    { description: 'zsh (~/.zshrc)', command: 'eval "$(<%= config.bin %> activate zsh)"' },
    { description: 'fish (~/.config/fish/config.fish)', command: '<%= config.bin %> activate fish | source' },
    { description: 'nu (config.nu; nu has no eval, so save the script once and source it)', command: '<%= config.bin %> activate nu | save -f ~/.config/nushell/fnox.nu' },
    { description: 'PowerShell ($PROFILE)', command: '<%= config.bin %> activate pwsh | Out-String | Invoke-Expression' },
  ];
  static override args = {
    shell: Args.string({ required: false, description: 'bash, zsh, fish, nu or pwsh (powershell) [default: $FNOX_SHELL, else the basename of $SHELL].' }),
  };
  static override flags = {
    'no-hook-env': Flags.boolean({ summary: 'Only define the fnox shell function; do not install the prompt hook.' }),
  };

  async run(): Promise<void> {
    const { script } = activate(process.env, { shell: this.args.shell, exe: fnoxExecutable(), noHookEnv: this.flags['no-hook-env'] });
    this.out(script);
  }
}

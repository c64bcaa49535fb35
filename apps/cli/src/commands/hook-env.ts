import { Flags } from '@oclif/core';
import { FnoxCommand } from '../base-command.js';
import { handler } from '../handlers/hook-env.js';

export default class HookEnv extends FnoxCommand<typeof HookEnv> {
  static override hidden = true;
  static override summary = 'Print the shell code that loads the secrets of the current directory (run by the prompt hook).';
  static override description =
    'Called by the hook that `fnox activate` installs, only when the shell saw the directory, a watched config file or an FNOX_* variable change. ' +
    'Prints set/unset lines and __FNOX_SESSION on stdout (nu: JSON) and a one-line summary on stderr, nothing when nothing changed; ' +
    'the output stands alone (`eval "$(fnox hook-env -s bash)"` works in any script). Never fails on config or provider problems.';
  static override flags = {
    shell: Flags.string({ char: 's', summary: 'Shell to print code for: bash, zsh, fish, nu or pwsh [default: $FNOX_SHELL, else $SHELL, else bash].' }),
    fingerprint: Flags.boolean({ hidden: true, summary: 'Also print the lines the activated prompt hook compares (used by `fnox activate` scripts only).' }),
  };

  async run(): Promise<void> {
    await handler({ version: this.config.version, session: () => this.session() }, { args: this.args, flags: this.flags, rest: this.argvRest });
  }
}

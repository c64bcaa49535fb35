import { Flags } from '@oclif/core';
import { FnoxCommand } from '../base-command.js';
import { handler } from '../handlers/exec.js';

export default class Exec extends FnoxCommand<typeof Exec> {
  static override summary = 'Run a command with the secrets in its environment.';
  static override description =
    'Resolves every secret of the active profile and runs COMMAND directly (no shell) with secrets with env = true or "exec" set, ' +
    'names of env = false secrets removed, and as_file secrets as paths to 0600 temp files deleted when the command exits. ' +
    "Everything after the command name belongs to it. SIGINT, SIGTERM and SIGHUP are passed on; fnox exits with the command's status " +
    '(128 + signal number when it was killed by a signal).';
  static override aliases = ['x'];
  static override hiddenAliases = ['run'];
  static override strict = false;
  static override usage = 'exec [FLAGS] [--] COMMAND [ARGS...]';
  static override examples = [
    '<%= config.bin %> exec -- npm start',
    { description: 'With the prod profile; -c here belongs to sh, not fnox', command: '<%= config.bin %> -P prod exec sh -c \'echo "$DATABASE_URL"\'' },
  ];
  static override flags = {
    replace: Flags.boolean({ summary: 'Replace fnox with the command (fnox-ts runs it as a child; same status and signals).' }),
  };

  async run(): Promise<void> {
    const status = await handler({ version: this.config.version, session: () => this.session() }, { args: this.args, flags: this.flags, rest: this.argvRest });
    if (status) this.exit(status);
  }
}

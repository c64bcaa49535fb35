import { FnoxCommand } from '../base-command.js';
import { handler } from '../handlers/version.js';

export default class Version extends FnoxCommand<typeof Version> {
  static override summary = 'Print the fnox version.';
  static override hiddenAliases = ['v'];
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> --version'];

  async run(): Promise<void> {
    await handler({ version: this.config.version, session: () => this.session() }, { args: this.args, flags: this.flags, rest: this.argvRest });
  }
}

import { Args, Flags } from '@oclif/core';
import { FnoxCommand } from '../base-command.js';
import { handler } from '../handlers/get.js';

export default class Get extends FnoxCommand<typeof Get> {
  static override summary = 'Print the value of one secret.';
  static override description =
    'Validates the configuration, then resolves KEY: its provider, else its default, else the environment variable of that name. ' +
    'Prints nothing (exit 0) when the secret has no value and if_missing is warn or ignore. ' +
    "For an as_file secret, prints the path of a 0600 temp file holding the value. Works whatever the secret's env mode.";
  static override examples = [
    '<%= config.bin %> get DATABASE_URL',
    { description: 'From the prod profile', command: '<%= config.bin %> get DATABASE_URL -P prod' },
    { description: 'A base64-encoded value, decoded', command: '<%= config.bin %> get TLS_KEY --base64-decode' },
  ];
  static override args = {
    key: Args.string({ required: true, description: 'Name of the secret (its environment variable name).' }),
  };
  static override flags = {
    'base64-decode': Flags.boolean({ summary: 'Decode the value from standard base64 (must be UTF-8 text).' }),
  };

  async run(): Promise<void> {
    await handler({ version: this.config.version, session: () => this.session() }, { args: this.args, flags: this.flags, rest: this.argvRest });
  }
}

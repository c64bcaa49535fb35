import { Flags } from '@oclif/core';
import { FnoxCommand } from '../base-command.js';
import { handler } from '../handlers/export.js';

export default class Export extends FnoxCommand<typeof Export> {
  static override summary = 'Print the secrets of the active profile as env, shell, JSON, YAML or TOML.';
  static override description =
    'Exports secrets with env = true (use --all to include env = false and env = "exec"). Secrets with no value are left out; ' +
    'as_file secrets export the path of a 0600 temp file. The env format is dotenv; shell prints sourceable `export KEY=...` lines.';
  static override aliases = ['ex'];
  static override examples = [
    '<%= config.bin %> export',
    { description: 'Load into the current shell', command: 'eval "$(<%= config.bin %> export -f shell)"' },
    { description: 'Write a JSON document', command: '<%= config.bin %> export -f json -o secrets.json' },
    { description: 'See what would be written', command: '<%= config.bin %> export -o .env --dry-run' },
  ];
  static override flags = {
    format: Flags.string({ char: 'f', summary: 'Output format.', options: ['env', 'shell', 'json', 'yaml', 'toml'], default: 'env' }),
    output: Flags.string({ char: 'o', summary: 'Write to this file (created 0600) instead of stdout.' }),
    'dry-run': Flags.boolean({ char: 'n', summary: 'With --output: show what would be written, write nothing.' }),
    all: Flags.boolean({ summary: 'Include secrets with env = false or env = "exec".' }),
    header: Flags.boolean({ summary: 'Start env/shell output with comment lines (profile, time, count).' }),
  };

  async run(): Promise<void> {
    await handler({ version: this.config.version, session: () => this.session() }, { args: this.args, flags: this.flags, rest: this.argvRest });
  }
}

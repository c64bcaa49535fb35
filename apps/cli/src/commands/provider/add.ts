import { Args, Flags } from '@oclif/core';
import { addProvider } from '@fnox/core/internal';
import { FnoxCommand } from '../../base-command.js';

export default class ProviderAdd extends FnoxCommand<typeof ProviderAdd> {
  static override summary = 'Add a provider table (a template to edit) to the config file.';
  static override description =
    'Writes [providers.NAME] with the placeholder settings the installed TYPE declares into the current directory\'s config (or [profiles.P.providers] with -P / --write-profile, or the global config with --global). Comments and layout of the file are kept. TYPE is any installed provider type (`fnox providers` lists them); a known type that is not installed answers with its install command and nothing is written. Upstream\'s "aws" is accepted for "aws-sm".';
  static override hiddenAliases = ['provider:a', 'provider:set'];
  static override examples = [
    { description: 'An age provider (then put your age1... recipient in it)', command: '<%= config.bin %> provider add age age' },
    { description: 'AWS Secrets Manager, for the prod profile', command: '<%= config.bin %> provider add sm aws-sm -P prod' },
  ];
  static override args = {
    name: Args.string({ description: 'Provider name (what secrets refer to)', required: true }),
    type: Args.string({ description: 'Provider type, as written in type = "..." (see `fnox providers`)', required: true }),
  };
  static override flags = {
    global: Flags.boolean({ char: 'g', summary: 'Add to the global config.' }),
    vault: Flags.string({ summary: 'Default vault (types with a vault field, e.g. proton-pass).' }),
  };

  async run(): Promise<void> {
    const result = await addProvider(await this.session(), {
      name: this.args.name,
      type: this.args.type,
      global: this.flags.global,
      vault: this.flags.vault,
    });
    this.out(`✓ Added provider '${result.name}'${result.global ? ' (global)' : ''}`);
    this.out(`\nNote: Please edit '${result.file}' to configure the provider settings.`);
  }
}

import { Args, Flags } from '@oclif/core';
import { removeProvider } from '@fnox/core/internal';
import { FnoxCommand } from '../../base-command.js';

export default class ProviderRemove extends FnoxCommand<typeof ProviderRemove> {
  static override summary = 'Remove a provider table from the config file.';
  static override description =
    'Deletes [providers.NAME] (or [profiles.P.providers.NAME] with -P / --write-profile) from the current directory\'s config, keeping every other line. Secrets that still refer to it are not changed.';
  static override hiddenAliases = ['provider:rm', 'provider:delete'];
  static override examples = ['<%= config.bin %> provider remove old-kms', { description: 'From the global config', command: '<%= config.bin %> provider remove age --global' }];
  static override args = {
    name: Args.string({ description: 'Provider name', required: true }),
  };
  static override flags = {
    global: Flags.boolean({ char: 'g', summary: 'Remove from the global config.' }),
  };

  async run(): Promise<void> {
    const result = await removeProvider(await this.session(), { name: this.args.name, global: this.flags.global });
    this.out(`✓ Removed provider '${result.name}'${result.global ? ' (global)' : ''}`);
  }
}

import { Flags } from '@oclif/core';
import { listProviders } from '@fnox/core/internal';
import { FnoxCommand } from '../../base-command.js';

export default class ProviderList extends FnoxCommand<typeof ProviderList> {
  static override summary = 'List the providers of the active profile(s), sorted by name.';
  static override description = 'One name per line. A profile\'s own providers appear only while it is active (-P / FNOX_PROFILE).';
  static override hiddenAliases = ['provider:ls'];
  static override examples = ['<%= config.bin %> provider list', { description: 'With types and files, as JSON', command: '<%= config.bin %> provider list --json -P prod' }];
  static override flags = {
    json: Flags.boolean({ summary: 'Print name, type and source file of each provider as JSON.' }),
    complete: Flags.boolean({ hidden: true, summary: 'Print the names only (for completion).' }),
  };

  async run(): Promise<void> {
    const providers = listProviders(await this.session());
    if (this.flags.json) {
      this.out(JSON.stringify(providers, null, 2));
      return;
    }
    if (providers.length > 0) this.out(providers.map((p) => p.name).join('\n'));
  }
}

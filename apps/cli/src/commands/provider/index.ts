import { Flags } from '@oclif/core';
import { listProviders } from '@fnox/core/internal';
import { FnoxCommand } from '../../base-command.js';

export default class Provider extends FnoxCommand<typeof Provider> {
  static override summary = 'Manage providers: add, list, remove, test (alone: list).';
  static override description = 'Without a sub-command, lists the providers of the active profile(s), like `provider list`.';
  static override examples = ['<%= config.bin %> provider', '<%= config.bin %> provider add age age', '<%= config.bin %> provider test --all'];
  static override flags = {
    json: Flags.boolean({ summary: 'Print name, type and source file of each provider as JSON.' }),
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

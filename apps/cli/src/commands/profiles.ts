import { Flags } from '@oclif/core';
import { listProfiles } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Profiles extends FnoxCommand<typeof Profiles> {
  static override summary = 'List the profiles defined in the config, with their secret counts.';
  static override description = 'Lists `default` and every [profiles.NAME] table of the merged config (profile files such as fnox.prod.toml are not scanned).';
  static override hiddenAliases = ['profile'];
  static override examples = ['<%= config.bin %> profiles'];
  static override flags = {
    complete: Flags.boolean({ hidden: true, summary: 'Print the names only.' }),
  };

  async run(): Promise<void> {
    const profiles = await listProfiles(await this.session());
    if (this.flags.complete) {
      this.out(profiles.map((p) => p.name).join('\n'));
      return;
    }
    this.out(['Available profiles:', ...profiles.map((p) => `  ${p.name} (${p.secrets} secrets)`)].join('\n'));
  }
}

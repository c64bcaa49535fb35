import { Args, Flags } from '@oclif/core';
import { removeSecret } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Remove extends FnoxCommand<typeof Remove> {
  static override summary = 'Remove a secret from the config file (remote stores are not touched).';
  static override description =
    'Deletes only that entry from the current directory\'s config (or the -P / --write-profile section), keeping every other line and comment.';
  static override aliases = ['rm', 'delete'];
  static override examples = [
    '<%= config.bin %> remove OLD_TOKEN',
    { description: 'Preview, for the prod profile', command: '<%= config.bin %> remove OLD_TOKEN -P prod --dry-run' },
  ];
  static override args = {
    key: Args.string({ description: 'Secret name', required: true }),
  };
  static override flags = {
    global: Flags.boolean({ char: 'g', summary: 'Remove from the global config.' }),
    'dry-run': Flags.boolean({ char: 'n', summary: 'Show what would be removed; change nothing.' }),
  };

  async run(): Promise<void> {
    const result = await removeSecret(await this.session(), { key: this.args.key, global: this.flags.global, dryRun: this.flags['dry-run'] });
    const from = result.profile === 'default' ? '' : ` from profile ${result.profile}`;
    const global = result.global ? ' (global)' : '';
    this.out(result.dryRun ? `[dry-run] Would remove secret ${result.key}${from}${global} from ${result.file}` : `✓ Removed secret ${result.key}${from}${global}`);
  }
}

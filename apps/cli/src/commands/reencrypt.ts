import { Args, Flags } from '@oclif/core';
import { applyReencrypt, planReencrypt } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Reencrypt extends FnoxCommand<typeof Reencrypt> {
  static override summary = 'Re-encrypt stored secrets with the current provider settings (e.g. after adding a recipient).';
  static override description =
    'Decrypts the full stored value of every secret of an encryption provider (age, aws-kms, plain) and encrypts it again with the provider as configured now. Each entry is written back to the file and section it came from; only value lines change. Every value is re-encrypted in memory first: if any secret fails, each failure is listed and nothing is written.';
  static override strict = false;
  static override examples = [
    { description: 'After adding a recipient to [providers.age]', command: '<%= config.bin %> reencrypt --force' },
    { description: 'After changing key_id of the aws-kms provider kms', command: '<%= config.bin %> reencrypt --provider kms --force' },
    { description: 'Preview, only age secrets matching DB_', command: '<%= config.bin %> reencrypt -p age --filter "^DB_" --dry-run' },
    { description: 'Two keys only', command: '<%= config.bin %> reencrypt DB_URL API_KEY -f' },
  ];
  static override args = {
    keys: Args.string({ description: 'Only these secrets (default: all eligible)', ignoreStdin: true }),
  };
  static override flags = {
    force: Flags.boolean({
      char: 'f',
      aliases: ['yes'],
      charAliases: ['y'],
      summary: 'Do not ask for confirmation (alias --yes, -y); required without a terminal.',
    }),
    'dry-run': Flags.boolean({ char: 'n', summary: 'List what would be re-encrypted; change nothing.' }),
    provider: Flags.string({ char: 'p', summary: 'Only secrets of this provider.' }),
    filter: Flags.string({ summary: 'Only names matching this regular expression.' }),
  };

  async run(): Promise<void> {
    const { flags } = this;
    const session = await this.session();
    const keys = this.argvRest.filter((k) => k !== '');
    const plan = await planReencrypt(session, { keys, provider: flags.provider, filter: flags.filter });
    if (plan.items.length === 0) {
      this.out('No secrets to re-encrypt');
      return;
    }
    const rows = plan.items.map((i) => `${i.key} (${i.provider})`);
    if (flags['dry-run']) {
      this.out([`[dry-run] Would re-encrypt ${plan.items.length} secrets in profile ${plan.profile}:`, ...rows.map((r) => `  ${r}`)].join('\n'));
      return;
    }
    if (!flags.force) {
      if (!(await this.confirm(session, `Ready to re-encrypt ${plan.items.length} secrets in profile '${plan.profile}':`, rows, 're-encrypting'))) {
        this.out('Re-encryption cancelled');
        return;
      }
    }
    const result = await applyReencrypt(session, plan);
    this.out(`Re-encrypted ${result.count} secrets`);
  }
}

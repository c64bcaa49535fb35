import { Args, Flags } from '@oclif/core';
import { applySync, planSync } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Sync extends FnoxCommand<typeof Sync> {
  static override summary = 'Cache remote secrets locally, encrypted with an encryption provider.';
  static override description =
    'Fetches the raw value of each secret that has its own provider (e.g. aws-sm), encrypts it with the target provider, and writes `sync = { provider, value }` on the entry. Reads then use the cache (offline), while the original provider/value stay for the next sync. Writes to the -c file (default ./fnox.toml), the local override beside it (--local-file) or the global config.';
  static override strict = false;
  static override examples = [
    { description: 'Cache every aws-sm secret with age', command: '<%= config.bin %> sync -p age -s sm --force' },
    { description: 'Into fnox.local.toml (keep the cache out of git)', command: '<%= config.bin %> sync -p age --local-file -f' },
    { description: 'Preview', command: '<%= config.bin %> sync -p age --dry-run' },
  ];
  static override args = {
    keys: Args.string({ description: 'Only these secrets (default: all candidates)', ignoreStdin: true }),
  };
  static override flags = {
    provider: Flags.string({ char: 'p', summary: 'Target encryption provider (default: the default provider).' }),
    source: Flags.string({ char: 's', summary: 'Only secrets of this source provider.' }),
    filter: Flags.string({ summary: 'Only names matching this regular expression.' }),
    force: Flags.boolean({ char: 'f', aliases: ['yes'], charAliases: ['y'], summary: 'Do not ask for confirmation (alias --yes, -y); required without a terminal.' }),
    'dry-run': Flags.boolean({ char: 'n', summary: 'List what would be synced; fetch and write nothing.' }),
    global: Flags.boolean({ char: 'g', summary: 'Write the caches to the global config.', exclusive: ['local-file'] }),
    'local-file': Flags.boolean({ summary: 'Write the caches to fnox.local.toml beside fnox.toml.', exclusive: ['global'] }),
  };

  async run(): Promise<void> {
    const { flags } = this;
    const session = await this.session();
    const keys = this.argvRest.filter((k) => k !== '');
    const plan = await planSync(session, { keys, provider: flags.provider, source: flags.source, filter: flags.filter, global: flags.global, localFile: flags['local-file'] });
    if (plan.items.length === 0) {
      this.out('No secrets to sync');
      return;
    }
    const suffix = plan.mode ? ` (${plan.mode})` : '';
    const rows = plan.items.map((i) => `${i.key} (from ${i.from})`);
    if (flags['dry-run']) {
      this.out([`[dry-run] Would sync ${plan.items.length} secrets in profile ${plan.profile} to provider ${plan.target}${suffix}:`, ...rows.map((r) => `  ${r}`)].join('\n'));
      return;
    }
    if (!flags.force) {
      if (!(await this.confirm(session, `Ready to sync ${plan.items.length} secrets in profile '${plan.profile}' to provider '${plan.target}':`, rows, 'syncing'))) {
        this.out('Sync cancelled');
        return;
      }
    }
    const { synced, skipped } = await applySync(session, plan);
    if (synced.length === 0) {
      this.out('No secrets were synced (all skipped)');
      return;
    }
    this.out(`Synced ${synced.length} secrets to provider '${plan.target}'${suffix}`);
    if (skipped.length > 0) this.out(`Skipped ${skipped.length} secrets (could not resolve)`);
  }
}

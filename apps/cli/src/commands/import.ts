import { Args, Flags } from '@oclif/core';
import { applyImport, FnoxError, IMPORT_FORMATS, planImport, type ImportFormat } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Import extends FnoxCommand<typeof Import> {
  static override summary = 'Import secrets from a dotenv, JSON, YAML or TOML file, encrypting each value.';
  static override description =
    'Every value is encrypted by the chosen provider (age, aws-kms or plain) before anything is written; all entries are written in one atomic, format-preserving update of the config file. Reading stdin requires --force or --dry-run, because stdin cannot also answer the confirmation.';
  static override hiddenAliases = ['im'];
  static override examples = [
    { description: 'Import a .env file with age', command: '<%= config.bin %> import -i .env -p age' },
    { description: 'From stdin, only APP_* keys, prefixed', command: 'cat prod.json | <%= config.bin %> import json -p age --force --filter "^APP_" --prefix PROD_' },
    { description: 'Preview only', command: '<%= config.bin %> import yaml -i secrets.yaml -p age --dry-run' },
  ];
  static override args = {
    // ignoreStdin: oclif would otherwise read piped stdin as the FORMAT argument; stdin is the data.
    format: Args.string({ description: 'Input format', options: [...IMPORT_FORMATS], default: 'env', ignoreStdin: true }),
  };
  static override flags = {
    // Checked in run() rather than with `required`, so the usage error names --provider the way upstream does.
    provider: Flags.string({ char: 'p', summary: '(required) Provider that encrypts the imported values.' }),
    input: Flags.string({ char: 'i', summary: 'File to import (default: stdin).' }),
    force: Flags.boolean({ char: 'f', aliases: ['yes'], charAliases: ['y'], summary: 'Do not ask for confirmation (alias --yes, -y); required without a terminal.' }),
    'dry-run': Flags.boolean({ char: 'n', summary: 'Show what would be imported; encrypt and write nothing.' }),
    global: Flags.boolean({ char: 'g', summary: 'Import into the global config.' }),
    filter: Flags.string({ summary: 'Only import names matching this regular expression.' }),
    prefix: Flags.string({ summary: 'Prefix added to every imported name.' }),
  };

  async run(): Promise<void> {
    const { flags } = this;
    if (flags.provider === undefined) {
      throw new FnoxError('usage', 'the following required arguments were not provided: --provider <PROVIDER>', { hint: 'Choose the provider that encrypts the values: fnox import -p age ...' });
    }
    const session = await this.session();
    const plan = await planImport(session, {
      format: this.args.format as ImportFormat,
      input: flags.input,
      provider: flags.provider,
      force: flags.force,
      dryRun: flags['dry-run'],
      global: flags.global,
      filter: flags.filter,
      prefix: flags.prefix,
    });
    if (!plan) {
      this.out('No secrets to import');
      return;
    }
    const global = plan.global ? ' (global)' : '';
    if (plan.dryRun) {
      const head = `[dry-run] Would import ${plan.keys.length} secrets into profile ${plan.profile} using provider ${plan.provider}${global}:`;
      this.out([head, ...plan.keys.map((k) => `  ${k}`)].join('\n'));
      return;
    }
    if (!flags.force) {
      if (!(await this.confirm(session, `Ready to import ${plan.keys.length} secrets into profile '${plan.profile}':`, plan.keys, 'importing'))) {
        this.out('Import cancelled');
        return;
      }
    }
    const result = await applyImport(session, plan);
    this.out(`✓ Imported ${result.count} secrets into profile '${result.profile}' using provider '${result.provider}'${global}`);
  }
}

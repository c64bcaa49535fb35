import { Flags } from '@oclif/core';
import { checkConfig } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Check extends FnoxCommand<typeof Check> {
  static override summary = 'Check that the configuration is valid and required secrets resolve.';
  static override description =
    'Validates the configuration, then fetches every secret whose if_missing is error (all secrets with --all) and reports ' +
    'errors and warnings. Exits 1 when an error is found. Secrets default to if_missing = warn, whose failures are only warnings: ' +
    'in CI use --strict, which fetches every secret and fails on any warning (a provider that cannot be reached, a secret without a value).';
  static override aliases = ['c'];
  static override examples = [
    '<%= config.bin %> check',
    { description: 'Also fetch optional secrets', command: '<%= config.bin %> check --all -P prod' },
    { description: 'In CI: fail on anything that is not right', command: '<%= config.bin %> check --strict' },
  ];
  static override flags = {
    all: Flags.boolean({ char: 'a', summary: 'Also check secrets with if_missing = warn or ignore.' }),
    strict: Flags.boolean({ summary: 'Fetch every secret (as --all) and treat every warning as an error (exit 1).' }),
  };

  async run(): Promise<void> {
    const { strict } = this.flags;
    const found = await checkConfig(await this.session(), { all: this.flags.all || strict });
    const report = strict ? { ...found, errors: [...found.errors, ...found.warnings], warnings: [] } : found;
    const out = [`Checking configuration for profile(s): ${report.profile}`];
    if (report.secretCount > 0) out.push(`Found ${report.secretCount} secret(s) in profile(s)`);
    if (report.providerCount > 0) out.push(`Found ${report.providerCount} provider(s) in profile`);
    this.out(out.join('\n'));
    const err: string[] = [];
    if (report.errors.length > 0) err.push(`Found ${report.errors.length} error(s):`, ...report.errors.map((e) => `  ${e}`));
    if (report.warnings.length > 0) err.push(`Found ${report.warnings.length} warning(s):`, ...report.warnings.map((w) => `  ${w}`));
    if (err.length > 0) this.say(`${err.join('\n')}\n`);
    if (report.errors.length > 0) this.exit(1);
    this.out(report.warnings.length > 0 ? '✓ Configuration is OK (with warnings)' : '✓ Configuration is healthy');
  }
}

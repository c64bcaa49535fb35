import { Args, Flags } from '@oclif/core';
import { FnoxError, testProviders } from '@fnox/core/internal';
import { FnoxCommand } from '../../base-command.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export default class ProviderTest extends FnoxCommand<typeof ProviderTest> {
  static override summary = 'Check that a provider (or every provider) can be built and reached.';
  static override description =
    'Builds the provider from the config (resolving { secret = ... } fields) and runs its connection check (for AWS: a cheap read-only API call; age and plain need no network). Exits 1 when any provider fails.';
  static override hiddenAliases = ['provider:t'];
  static override examples = ['<%= config.bin %> provider test age', { description: 'Every provider, with error details', command: '<%= config.bin %> provider test --all --verbose' }];
  static override args = {
    name: Args.string({ description: 'Provider name', ignoreStdin: true }),
  };
  static override flags = {
    all: Flags.boolean({ char: 'a', summary: 'Test every provider of the active profile(s).' }),
  };

  async run(): Promise<void> {
    const session = await this.session();
    if (!this.flags.all) {
      if (this.args.name === undefined) {
        throw new FnoxError('config_invalid', 'Please specify a provider name or use --all to test all providers', { hint: 'fnox provider test NAME, or fnox provider test --all' });
      }
      const [result] = await testProviders(session, [this.args.name]);
      if (!result!.ok) throw result!.cause;
      this.out(`✓ Provider ${result!.name} connection successful`);
      return;
    }
    const results = await testProviders(session);
    if (results.length === 0) {
      this.out('No providers configured');
      return;
    }
    const lines = [`Testing ${plural(results.length, 'provider')}...`, ''];
    for (const r of results) lines.push(`  ${r.name} ${r.ok ? '✓' : '✗'}`);
    lines.push('');
    const failed = results.filter((r) => !r.ok);
    if (failed.length === 0) {
      lines.push(`✓ All ${plural(results.length, 'provider')} passed`);
      this.out(lines.join('\n'));
      return;
    }
    lines.push(`✗ ${results.length - failed.length} passed, ${failed.length} failed`);
    if (session.options.verbose) lines.push('', 'Errors:', ...failed.map((r) => `  ${r.name}: ${r.error}`));
    else lines.push('  Run with --verbose to see error details');
    this.out(lines.join('\n'));
    throw new FnoxError('config_invalid', `${plural(failed.length, 'provider')} failed`, { hint: 'Run `fnox provider test NAME` for the full error of one provider.' });
  }
}

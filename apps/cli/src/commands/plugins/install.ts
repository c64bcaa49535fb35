import { Args, Flags } from '@oclif/core';
import { FnoxCommand } from '../../base-command.js';
import { assertSupportedContract, localPackageJson } from '../../plugin-install/contract-check.js';
import { installedPackageJson, runPluginsCommand, userPlugins } from '../../plugin-install/delegate.js';
import { expandProviderNames, localPathSpecs } from '../../plugin-install/short-names.js';

/**
 * `fnox plugins install`: plugin-plugins' install with fnox's short provider names (`aws-sm` →
 * `@fnox/provider-secrets-manager`) and a provider-contract check. It replaces plugin-plugins'
 * command of the same id because the root CLI's commands win oclif's priority order.
 */
export default class PluginsInstall extends FnoxCommand<typeof PluginsInstall> {
  static override summary = 'Install a provider plugin (or any plugin) into fnox.';
  static override description =
    'Uses npm to install plugins. Short names of fnox providers are expanded: aws-kms → @fnox/provider-aws-kms, ' +
    'aws-sm → @fnox/provider-secrets-manager, age → @fnox/provider-age. A folder or tarball on disk installs from there ' +
    '(`./fnox-provider-x`, `../x-1.0.0.tgz`, or file:/abs/path); to use a checkout while you work on it, `fnox plugins link DIR --no-install`. ' +
    'A provider plugin built for a provider contract this fnox does not support is refused (and removed again when npm already installed it).';
  static override examples = [
    '<%= config.bin %> plugins install aws-kms',
    '<%= config.bin %> plugins install aws-sm',
    '<%= config.bin %> plugins install fnox-provider-env-file',
    '<%= config.bin %> plugins install ./fnox-provider-env-file-1.0.0.tgz',
    '<%= config.bin %> plugins install ./path/to/fnox-provider-env-file',
  ];
  static override aliases = ['plugins:add'];
  static override strict = false;
  // plugin-plugins' own args and flags (test/ecosystem checks they stay in step); it parses them again.
  static override args = { plugin: Args.string({ description: 'Plugin to install.', required: true }) };
  static override flags = {
    force: Flags.boolean({ char: 'f', description: 'Force npm to fetch remote resources even if a local copy exists on disk.' }),
    help: Flags.help({ char: 'h' }),
    jit: Flags.boolean({ hidden: true }),
    silent: Flags.boolean({ char: 's', description: 'Silences npm output.', exclusive: ['verbose'] }),
    verbose: Flags.boolean({ char: 'v', description: 'Show verbose npm output.', exclusive: ['silent'] }),
  };

  async run(): Promise<void> {
    const plugins = localPathSpecs(expandProviderNames(this.argvRest), process.cwd());
    // Local sources can be checked before npm touches anything.
    for (const spec of plugins) {
      const pjson = localPackageJson(spec, process.cwd());
      if (pjson) assertSupportedContract(pjson, spec);
    }
    const before = new Set(userPlugins(this.config).map((p) => p.name));
    const named = new Set(plugins.map((spec) => spec.replace(/(?<!^)@[^/]*$/, '')));
    const flags = (['force', 'jit', 'silent', 'verbose'] as const).filter((name) => this.flags[name]).map((name) => `--${name}`);
    // Rebuilt from parsed values so fnox's global flags (-P, --debug...) never reach plugin-plugins' parser.
    await runPluginsCommand('plugins:install', [...plugins, ...flags], this.config);
    // Registry installs can only be checked once npm has fetched them: remove a refused one again.
    for (const plugin of userPlugins(this.config)) {
      if (before.has(plugin.name) && !named.has(plugin.name)) continue;
      const pjson = installedPackageJson(plugin);
      if (!pjson) continue;
      try {
        assertSupportedContract(pjson, plugin.name);
      } catch (error) {
        await runPluginsCommand('plugins:uninstall', [plugin.name], this.config);
        throw error;
      }
    }
  }
}

import { Args, Flags } from '@oclif/core';
import { FnoxCommand } from '../../base-command.js';
import { assertSupportedContract, localPackageJson } from '../../plugin-install/contract-check.js';
import { runPluginsCommand } from '../../plugin-install/delegate.js';

/** `fnox plugins link`: plugin-plugins' link, refusing a provider plugin built for an unsupported contract. */
export default class PluginsLink extends FnoxCommand<typeof PluginsLink> {
  static override summary = 'Link a plugin folder into fnox for development.';
  static override description =
    'A linked plugin overrides a user-installed or core plugin of the same name. A provider plugin built for a provider contract this fnox does not support is refused. ' +
    'Inside a pnpm workspace pass --no-install.';
  static override examples = ['<%= config.bin %> plugins link ./examples/provider-env-file --no-install'];
  // plugin-plugins' own args and flags (test/ecosystem checks they stay in step).
  static override args = { path: Args.string({ default: '.', description: 'path to plugin', name: 'path', required: true }) };
  static override flags = {
    help: Flags.help({ char: 'h' }),
    install: Flags.boolean({ allowNo: true, default: true, description: 'Install dependencies after linking the plugin.' }),
    verbose: Flags.boolean({ char: 'v' }),
  };

  async run(): Promise<void> {
    const path = this.args.path;
    const pjson = localPackageJson(path.startsWith('/') ? path : `./${path}`, process.cwd());
    if (pjson) assertSupportedContract(pjson, path);
    const flags = [this.flags.install ? '--install' : '--no-install', ...(this.flags.verbose ? ['--verbose'] : [])];
    await runPluginsCommand('plugins:link', [path, ...flags], this.config);
  }
}

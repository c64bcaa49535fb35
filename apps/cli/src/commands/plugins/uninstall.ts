import { Args, Flags } from '@oclif/core';
import { FnoxCommand } from '../../base-command.js';
import { runPluginsCommand } from '../../plugin-install/delegate.js';
import { expandProviderNames } from '../../plugin-install/short-names.js';

/** `fnox plugins uninstall`: plugin-plugins' uninstall, accepting fnox's short provider names (`aws-sm`). */
export default class PluginsUninstall extends FnoxCommand<typeof PluginsUninstall> {
  static override summary = 'Remove a plugin from fnox.';
  static override description = 'Short names of fnox providers are accepted: aws-sm removes @fnox/provider-secrets-manager.';
  static override examples = ['<%= config.bin %> plugins uninstall aws-sm', '<%= config.bin %> plugins uninstall fnox-provider-env-file'];
  static override aliases = ['plugins:unlink', 'plugins:remove'];
  static override strict = false;
  // plugin-plugins' own args and flags (test/ecosystem checks they stay in step).
  static override args = { plugin: Args.string({ description: 'plugin to uninstall' }) };
  static override flags = {
    help: Flags.help({ char: 'h' }),
    verbose: Flags.boolean({ char: 'v' }),
  };

  async run(): Promise<void> {
    const plugins = expandProviderNames(this.argvRest);
    await runPluginsCommand('plugins:uninstall', [...plugins, ...(this.flags.verbose ? ['--verbose'] : [])], this.config);
  }
}

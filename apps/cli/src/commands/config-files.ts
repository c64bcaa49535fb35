import { configFiles } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class ConfigFiles extends FnoxCommand<typeof ConfigFiles> {
  static override summary = 'Print the config files fnox reads, nearest first, global last.';
  static override description = 'Each file is followed by the files it imports. With -c, only that file, its imports and the global config.';
  static override examples = ['<%= config.bin %> config-files', '<%= config.bin %> config-files -P prod'];

  async run(): Promise<void> {
    const files = configFiles(await this.session());
    if (files.length > 0) this.out(files.join('\n'));
  }
}

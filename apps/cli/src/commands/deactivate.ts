import { deactivate } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Deactivate extends FnoxCommand<typeof Deactivate> {
  static override summary = 'Unload fnox from the current shell: restore the variables it replaced, remove the hook, delete its temp files.';
  static override description = 'Run it as `fnox deactivate`: the shell function that activation defines evaluates the output.';
  static override examples = ['<%= config.bin %> deactivate'];

  async run(): Promise<void> {
    this.out(deactivate(process.env));
  }
}

import { FnoxCommand } from '../base-command.js';

export default class Version extends FnoxCommand<typeof Version> {
  static override summary = 'Print the fnox version.';
  static override hiddenAliases = ['v'];
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> --version'];

  async run(): Promise<void> {
    this.out(`fnox ${this.config.version}`);
  }
}

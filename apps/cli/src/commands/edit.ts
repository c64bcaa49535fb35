import { editConfig } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Edit extends FnoxCommand<typeof Edit> {
  static override summary = 'Edit fnox.toml in your editor with the secret values decrypted.';
  static override description =
    'Decrypts every secret of the config file (-c, default ./fnox.toml) into a private 0600 temporary copy and opens $EDITOR (else $VISUAL, else vi; arguments work as in git: EDITOR="code --wait"). On save, unchanged values keep their ciphertext and changed or new ones are encrypted again before the file is written. The copy is deleted whatever happens; if the editor exits with an error nothing is written.';
  static override examples = [
    '<%= config.bin %> edit',
    { description: 'With another editor, for another file', command: 'EDITOR=nano <%= config.bin %> -c config/fnox.toml edit' },
    { description: 'An editor that needs arguments', command: 'EDITOR="code --wait" <%= config.bin %> edit' },
  ];

  async run(): Promise<void> {
    const result = await editConfig(await this.session());
    if (!result.written) {
      this.out(`No changes made to ${result.file}`);
      return;
    }
    this.out(`✓ Configuration file ${result.file} updated with re-encrypted secrets`);
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Args } from '@oclif/core';
import { FnoxCommand } from '../base-command.js';
import { fishCompletion } from '../completion-fish.js';

/**
 * `fnox completion bash|zsh|fish` (aliases `complete`, `completions`, as upstream): prints a
 * completion script to source. bash and zsh come from oclif's autocomplete plugin (the same
 * functions `fnox autocomplete` installs); fish, which that plugin does not cover, is generated
 * from the same command list.
 */
export default class Completion extends FnoxCommand<typeof Completion> {
  static override summary = 'Print a shell completion script.';
  static override description =
    'Source the output in your shell: `source <(fnox completion bash)` in ~/.bashrc, `source <(fnox completion zsh)` in ~/.zshrc ' +
    '(after compinit), `fnox completion fish | source` in ~/.config/fish/config.fish. `fnox autocomplete` sets the same up for bash and zsh.';
  static override aliases = ['complete', 'completions'];
  static override examples = [
    '<%= config.bin %> completion bash > ~/.local/share/bash-completion/completions/fnox',
    '<%= config.bin %> completion fish | source',
  ];
  static override args = {
    shell: Args.string({ description: 'Shell to complete for', required: true, options: ['bash', 'zsh', 'fish'] }),
  };

  async run(): Promise<void> {
    const { shell } = this.args;
    if (shell === 'fish') {
      this.out(fishCompletion(this.config));
      return;
    }
    // The plugin writes its functions into fnox's cache directory; print the one for this shell.
    await this.config.runCommand('autocomplete:create');
    const functions = join(this.config.cacheDir, 'autocomplete', 'functions');
    if (shell === 'bash') {
      this.out(readFileSync(join(functions, 'bash', `${this.config.bin}.bash`), 'utf8'));
      return;
    }
    // The zsh file is written for $fpath (its body runs on autoload); sourced, it must register itself.
    const zsh = readFileSync(join(functions, 'zsh', `_${this.config.bin}`), 'utf8').trimEnd();
    const body = zsh.replace(new RegExp(`\\n_${this.config.bin}(?: "\\$@")?$`), '');
    this.out(`${body}\n\ncompdef _${this.config.bin} ${this.config.bin}\n`);
  }
}

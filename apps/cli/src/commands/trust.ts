import { Args, Flags } from '@oclif/core';
import { escapeControls, explainTrust, listTrusted, trustCommand, trustFiles, untrustFiles, type TrustReason } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';
import { stderr } from '../stdio.js';

const REASONS: Record<TrustReason, string> = {
  global: 'trusted (global config)',
  'trusted-path': 'trusted (FNOX_TRUSTED_CONFIG_PATHS)',
  record: 'trusted',
  'not-trusted': 'not trusted',
  changed: 'changed since trusted',
};

export default class Trust extends FnoxCommand<typeof Trust> {
  static override summary = 'Trust a config file so the shell hook loads it and its provider settings apply in full.';
  static override description =
    "Trust is recorded outside the repository, in fnox's data directory, bound to the file's real path and the SHA-256 of its content: " +
    'after any change (a git pull) the file is untrusted again until you trust it anew. PATH is a config file, or a directory whose fnox*.toml files are trusted; ' +
    'without PATH, the nearest directory with config files. Files another user controls are refused without --force. See docs/security.md.';
  static override examples = [
    '<%= config.bin %> trust',
    { description: 'One file', command: '<%= config.bin %> trust ./fnox.toml' },
    { description: 'Stop trusting it', command: '<%= config.bin %> trust --untrust ./fnox.toml' },
    { description: 'Every trusted file and whether it changed since', command: '<%= config.bin %> trust --list' },
    { description: 'Why each config file here is trusted or not', command: '<%= config.bin %> trust --show' },
  ];
  static override args = {
    path: Args.string({ description: 'A config file, or a directory (its fnox*.toml files).' }),
  };
  static override flags = {
    untrust: Flags.boolean({ summary: "Remove the trust of PATH's files.", exclusive: ['list', 'show', 'force'] }),
    list: Flags.boolean({ summary: 'List every trusted file: trusted, changed since trusted, or missing.', exclusive: ['untrust', 'show', 'force'] }),
    show: Flags.boolean({ summary: "Show whether each config file in reach (or PATH's) is trusted, and why.", exclusive: ['untrust', 'list', 'force'] }),
    force: Flags.boolean({ summary: 'Trust even a file another user owns or can replace.' }),
  };

  async run(): Promise<void> {
    const session = await this.session();
    const path = this.args.path;
    if (this.flags.list) {
      const entries = listTrusted(session);
      if (entries.length === 0) stderr.write('No trusted files.\n');
      for (const entry of entries)
        this.out(`${entry.state.padEnd(8)} ${escapeControls(entry.path)}${entry.forced ? ` (forced: ${escapeControls(entry.forced)})` : ''}`);
      return;
    }
    if (this.flags.show) {
      for (const { verdict, unsafe } of explainTrust(session, { path })) {
        const fix = verdict.trusted ? '' : `; run: ${trustCommand(verdict.path, unsafe !== undefined)}`;
        const owner = unsafe !== undefined ? `; ${escapeControls(unsafe)}` : '';
        this.out(`${escapeControls(verdict.path)}: ${REASONS[verdict.reason]}${owner}${fix}`);
      }
      return;
    }
    if (this.flags.untrust) {
      for (const outcome of untrustFiles(session, { path })) {
        const file = escapeControls(outcome.file);
        this.out(outcome.action === 'untrusted' ? `✓ Untrusted ${file}` : `${file} was not trusted`);
      }
      return;
    }
    for (const outcome of trustFiles(session, { path, force: this.flags.force })) {
      this.out(`✓ Trusted ${escapeControls(outcome.file)}${outcome.forced ? ` (despite: ${escapeControls(outcome.forced)})` : ''}`);
    }
  }
}

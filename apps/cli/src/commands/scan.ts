import { Args, Flags } from '@oclif/core';
import { affectedPaths, FnoxError, scanDirectory } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

export default class Scan extends FnoxCommand<typeof Scan> {
  static override summary = 'Look for plaintext secrets (keys, tokens, passwords) in a directory.';
  static override description =
    'Walks DIR (default: .) including dotfiles, honouring .gitignore (in a git work tree), .git/info/exclude and .ignore, skipping node_modules, dist, build, .git and similar directories, binary files and files over 5 MiB. Matches are reported redacted. Exits 1 when anything is found, so it can gate CI or a pre-commit hook.';
  static override examples = [
    '<%= config.bin %> scan',
    { description: 'Machine-readable, skipping fixtures', command: '<%= config.bin %> scan src --format json --ignore "test/fixtures/**"' },
    { description: 'Only the affected files', command: '<%= config.bin %> scan -q' },
  ];
  static override args = {
    dir: Args.string({ description: 'Directory to scan', default: '.', ignoreStdin: true }),
  };
  static override flags = {
    ignore: Flags.string({ char: 'i', summary: 'Skip files matching this glob (repeatable; a pattern without / matches at any depth).', multiple: true }),
    format: Flags.string({ summary: 'Output format.', options: ['human', 'json'], default: 'human' }),
    quiet: Flags.boolean({ char: 'q', summary: 'Print only the paths of affected files.' }),
  };

  async run(): Promise<void> {
    const { flags } = this;
    const dir = this.args.dir;
    const report = scanDirectory(await this.session(), { dir, ignore: flags.ignore ?? [] });
    const json = flags.format === 'json';
    if (flags.quiet) {
      const paths = affectedPaths(report);
      if (json) this.out(JSON.stringify(paths, null, 2));
      else if (paths.length > 0) this.out(paths.join('\n'));
    } else if (json) {
      this.out(JSON.stringify(report, null, 2));
    } else if (report.findings.length === 0) {
      this.out(`No potential secrets found in ${report.summary.files_scanned} file(s) under ${dir}`);
    } else {
      const lines = [`Found ${report.summary.findings} potential secret(s) in ${report.summary.files_with_findings} file(s):`];
      for (const f of report.findings) lines.push(`${f.path}:${f.line}:${f.column} [${f.detector} ${f.severity}] ${f.redacted}`);
      this.out(lines.join('\n'));
    }
    if (report.findings.length > 0) throw new FnoxError('scan_secrets_found', 'Potential secrets found during scan');
  }
}

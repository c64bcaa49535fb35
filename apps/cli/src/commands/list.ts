import { Flags } from '@oclif/core';
import { escapeControls, listSecrets, type SecretListing } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';
import { stderr, stdout } from '../stdio.js';

const WRAP = 40;

function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out;
}

/**
 * One table cell on one line: a newline, CR or tab in a value or description is shown as `\n`,
 * `\r`, `\t`, any other control character as `\uXXXX`, so a cell can never break a row or
 * drive the terminal.
 */
function cell(text: string): string {
  return escapeControls(text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t'));
}

/** Borderless table; the last column wraps onto continuation rows. */
function table(rows: string[][], wrapLast: boolean): string {
  const expanded: string[][] = [];
  for (const row of rows) {
    const last = wrapLast ? wrap(row[row.length - 1]!, WRAP) : [row[row.length - 1]!];
    last.forEach((part, i) => expanded.push(i === 0 ? [...row.slice(0, -1), part] : [...row.slice(0, -1).map(() => ''), part]));
  }
  const widths = expanded[0]!.map((_, c) => Math.max(...expanded.map((r) => r[c]!.length)));
  return expanded.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

export default class List extends FnoxCommand<typeof List> {
  static override summary = 'List the secrets of the active profile(s).';
  static override description = 'Shows each secret\'s type, provider key and description in config order. Values are shown only with --values.';
  static override aliases = ['ls', 'secrets'];
  static override examples = [
    '<%= config.bin %> list',
    { description: 'Where each secret is defined, for the prod profile', command: '<%= config.bin %> list -P prod --sources' },
    { description: 'Machine-readable', command: '<%= config.bin %> list --json' },
  ];
  static override flags = {
    full: Flags.boolean({ char: 'f', summary: 'Do not truncate or wrap columns.' }),
    sources: Flags.boolean({ char: 's', summary: 'Add the file each secret is defined in.' }),
    values: Flags.boolean({ char: 'V', summary: 'Resolve and show every value (decrypts!).' }),
    json: Flags.boolean({ summary: 'Print JSON (an fnox-ts extension).' }),
    complete: Flags.boolean({ hidden: true, summary: 'Print the keys only.' }),
  };

  async run(): Promise<void> {
    const { flags } = this;
    const list = await listSecrets(await this.session(), { values: flags.values });
    if (flags.json) {
      this.out(JSON.stringify({ profile: list.profile, secrets: list.secrets, missingProviderTypes: list.missingProviderTypes }, null, 2));
      return;
    }
    // On stderr, so the table stays the only stdout; `--complete` (shell completion) stays quiet.
    if (!flags.complete) {
      for (const missing of list.missingProviderTypes) {
        const used = missing.secrets.map((key) => (key === '' ? '""' : key)).join(', ');
        stderr.write(`${escapeControls(`Warning: ${missing.message} (used by ${used}). ${missing.hint}`)}\n`);
      }
    }
    if (flags.complete) {
      if (list.secrets.length > 0) this.out(list.secrets.map((s) => s.key).join('\n'));
      return;
    }
    if (list.secrets.length === 0) {
      this.out(`No secrets defined in profiles '${list.profile}'`);
      return;
    }
    const header = ['Key', 'Type', ...(flags.sources ? ['Source File'] : []), 'Provider Key', 'Description', ...(flags.values ? ['Value'] : [])];
    const providerKey = (s: SecretListing) => {
      const key = s.providerKey ?? '';
      return !flags.full && key.length > 40 ? `${key.slice(0, 37)}...` : key;
    };
    const rows = list.secrets.map((s) => [
      s.key,
      s.type,
      ...(flags.sources ? [s.source ?? 'unknown'] : []),
      providerKey(s),
      s.description ?? '',
      ...(flags.values ? [s.value ?? '<not available>'] : []),
    ]);
    // The last column wraps only for a person reading a terminal; piped, each secret stays one line.
    this.out(table([header, ...rows.map((row) => row.map(cell))], !flags.full && stdout.isTTY));
  }
}

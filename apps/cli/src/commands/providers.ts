import { Flags } from '@oclif/core';
import type { ProviderIndexEntry } from '@fnox/contract';
import { FnoxCommand } from '../base-command.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

function origin(entry: ProviderIndexEntry): string {
  return entry.origin;
}

export default class Providers extends FnoxCommand<typeof Providers> {
  static override summary = 'List the provider types this fnox can use, and where each comes from.';
  static override description =
    'Reads only package manifests: no provider code is loaded. Origins: builtin (inside fnox), core (ships with the CLI), user (fnox plugins install), link (fnox plugins link).';
  static override examples = ['<%= config.bin %> providers', '<%= config.bin %> providers --json'];
  static override flags = {
    json: Flags.boolean({ summary: 'Print the provider index as JSON.' }),
  };

  async run(): Promise<void> {
    const { report } = this.providerRegistry();
    const entries = Object.values(report.providers).sort((a, b) => a.type.localeCompare(b.type));
    if (this.flags.json) {
      const providers = entries.map((e) => ({
        type: e.type,
        title: e.title,
        summary: e.summary,
        mode: e.mode,
        package: e.packageName,
        version: e.version ?? null,
        origin: e.origin,
        root: e.root || null,
      }));
      this.out(JSON.stringify({ providers, conflicts: report.conflicts, warnings: report.warnings }, null, 2));
      return;
    }
    const rows = [['TYPE', 'TITLE', 'MODE', 'PACKAGE', 'ORIGIN']];
    for (const e of entries) rows.push([e.type, e.title, e.mode, `${e.packageName}${e.version ? `@${e.version}` : ''}`, origin(e)]);
    this.out(table(rows));
    for (const conflict of report.conflicts) {
      const names = conflict.packages.map((p) => `${p.name} (${p.origin})`).join(', ');
      const verdict = conflict.winner ? `${conflict.winner} wins` : 'unusable until one is removed';
      this.say(`Warning: provider type '${conflict.type}' is declared by ${names}: ${verdict}\n`);
    }
    for (const warning of report.warnings) this.say(`Warning: ${warning}\n`);
  }
}

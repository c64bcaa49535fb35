import { Flags } from '@oclif/core';
import { doctor, profileLabel, profileStack, type DoctorReport } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

/** The human report after the header (docs/cli-reference.md, `doctor` headings, plus files and identity sources). */
function body(report: DoctorReport): string[] {
  const lines = ['  Status: ✓ Loaded successfully'];
  for (const file of report.files) lines.push(`  Loaded: ${file}`);
  lines.push('', '🔐 Secrets:', `  Count: ${report.secrets.count}`);
  if (report.secrets.count > 0) {
    lines.push(`  With value source: ${report.secrets.withValueSource}`, `  Required: ${report.secrets.required}`, `  Using providers: ${report.secrets.usingProviders}`);
    if (report.secrets.list) {
      lines.push('  Secrets:');
      for (const s of report.secrets.list) lines.push(`    ${s.hasValue ? '✓' : '?'} ${s.name} (provider: ${s.provider})`);
    }
  }
  lines.push('', '🔧 Providers:', `  Count: ${report.providers.length}`);
  if (report.providers.length > 0) {
    lines.push('  Providers:', ...report.providers.map((p) => `    ${p.name} (${p.type})`));
    if (report.defaultProvider) lines.push(`  Default: ${report.defaultProvider}`);
  }
  lines.push('', '🌍 Environment:', `  FNOX_PROFILE: ${report.environment.fnoxProfile ?? '(not set)'}`);
  lines.push(`  FNOX_AGE_KEY: ${report.environment.ageKeySet ? '(set)' : '(not set)'}`);
  if (report.environment.ageKeyFile) lines.push(`  FNOX_AGE_KEY_FILE: ${report.environment.ageKeyFile}`);
  lines.push(`  Config directory: ${report.environment.configDir}`);
  report.environment.warnings.forEach((w, i) => lines.push(i === 0 ? `  ⚠ ${w}` : `    ${w}`));
  if (report.identities.length > 0) {
    lines.push('', '🔑 Age identities:');
    for (const { provider, sources } of report.identities) {
      lines.push(`  ${provider}:`);
      for (const s of sources) {
        const state = s.exists === undefined ? '' : s.exists ? ' (found)' : ' (missing)';
        lines.push(`    ${s.used ? '→' : ' '} ${s.description}${s.path ? `: ${s.path}` : ''}${state}${s.used ? ' [used]' : ''}`);
      }
    }
  }
  if (report.health.length > 0) {
    lines.push('', '🔍 Provider Health:');
    for (const h of report.health) {
      if (h.initError !== undefined) lines.push(`  ${h.name}: ✗ Failed to initialize: ${h.initError}`);
      else lines.push(`  ${h.name}: Testing... ${h.ok ? '✓' : `✗ ${h.error}`}`);
    }
  }
  const failing = report.health.filter((h) => !h.ok).length;
  lines.push('', '📊 Summary:', `  Total secrets: ${report.secrets.count}`, `  Total providers: ${report.providers.length}`);
  if (failing > 0) lines.push(`  Failing providers: ${failing}`);
  lines.push('', '💡 Tips:', ...report.tips.map((t) => `  - ${t}`));
  return lines;
}

export default class Doctor extends FnoxCommand<typeof Doctor> {
  static override summary = 'Report on the configuration: files, secrets, providers and whether each provider works.';
  static override description =
    'Validates the merged config, lists secrets and providers of the active profile, builds every provider and runs its connection check, and shows where age identities are looked for (and which one is used). Never prints a secret value or key.';
  static override hiddenAliases = ['dr'];
  static override examples = ['<%= config.bin %> doctor', { description: 'For the prod profile, as JSON', command: '<%= config.bin %> doctor -P prod --json' }];
  static override flags = {
    json: Flags.boolean({ summary: 'Print the report as JSON.' }),
  };

  async run(): Promise<void> {
    const session = await this.session();
    if (this.flags.json) {
      this.out(JSON.stringify(await doctor(session), null, 2));
      return;
    }
    // Printed before loading, as upstream does: a validation error then follows this header.
    this.out(['🏥 Fnox Doctor Report', '====================', '', '📄 Configuration:', '  File: fnox.toml', `  Profile: ${profileLabel(profileStack(session))}`].join('\n'));
    this.out(body(await doctor(session)).join('\n'));
  }
}

import { Flags } from '@oclif/core';
import { doctor, escapeControls, FnoxError, profileLabel, profileStack, type DoctorReport } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';

/** The human report after the header. */
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
  const reported = report.health.filter((h) => h.diagnosis);
  if (reported.length > 0) {
    // Each provider speaks for itself (contract `diagnose()`): where its keys or credentials come from.
    lines.push('', '🔑 Identities and credentials:');
    for (const { name, diagnosis } of reported) {
      lines.push(`  ${name} (${escapeControls(diagnosis!.title)}):`);
      for (const item of diagnosis!.items) {
        const state = item.found === undefined ? '' : item.found ? ' (found)' : ' (missing)';
        const text = `${item.description}${item.path ? `: ${item.path}` : ''}${state}${item.used ? ' [used]' : ''}`;
        lines.push(`    ${item.used ? '→' : ' '} ${escapeControls(text)}`);
      }
      if (diagnosis!.problem) {
        lines.push(`    ⚠ ${escapeControls(diagnosis!.problem.message)}`);
        if (diagnosis!.problem.hint) lines.push(`      hint: ${escapeControls(diagnosis!.problem.hint)}`);
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
    'Validates the merged config, lists secrets and providers of the active profile, builds every provider and runs its connection check, and shows what each provider reports about where its keys or credentials come from (and which source is used). Never prints a secret value or key. Exits 1 when a provider fails to build or fails its check.';
  static override hiddenAliases = ['dr'];
  static override examples = ['<%= config.bin %> doctor', { description: 'For the prod profile, as JSON', command: '<%= config.bin %> doctor -P prod --json' }];
  static override flags = {
    json: Flags.boolean({ summary: 'Print the report as JSON.' }),
  };

  async run(): Promise<void> {
    const session = await this.session();
    let report: DoctorReport;
    if (this.flags.json) {
      report = await doctor(session);
      this.out(JSON.stringify(report, null, 2));
    } else {
      // Printed before loading, as upstream does: a validation error then follows this header.
      this.out(['🏥 Fnox Doctor Report', '====================', '', '📄 Configuration:', '  File: fnox.toml', `  Profile: ${profileLabel(profileStack(session))}`].join('\n'));
      report = await doctor(session);
      this.out(body(report).join('\n'));
    }
    // The report is complete either way; a failing provider makes the exit status say so (docs/ci.md).
    const failing = report.health.filter((h) => !h.ok).map((h) => h.name);
    if (failing.length > 0) {
      throw new FnoxError('doctor_providers_failed', `${failing.length} provider(s) failed the health check: ${failing.join(', ')}`);
    }
  }
}

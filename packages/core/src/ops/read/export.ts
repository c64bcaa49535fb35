/** `fnox export` (docs/cli-reference.md, `export`): batch-resolve the shell-visible secrets and format them. */
import type { EffectiveConfig } from '../../config/types.js';
import { formatExport, rfc3339, type ExportFormat } from '../../format/export-formats.js';
import { secretsFor } from '../../resolve/env-mode.js';
import { resolveSecrets } from '../../resolve/resolver.js';
import { tempDirFor, writeSecretFile } from '../../resolve/temp-files.js';
import { envNamePolicy } from '../../security/env-names.js';
import type { FnoxSession } from '../../session.js';
import { loadActiveConfig } from '../active-config.js';
import { fromUntrustedFile } from '../../trust/untrusted-value.js';

/** Options of {@link exportSecrets}. */
export interface ExportOptions {
  /** The config to use; default: loaded from the session (no validation, as upstream). */
  readonly effective?: EffectiveConfig;
  /** Default `env`. */
  readonly format?: ExportFormat;
  /** `--all`: include `env = false` and `env = "exec"` secrets (filtered before resolving otherwise). */
  readonly all?: boolean;
  /** `--header` (env/shell only). */
  readonly header?: boolean;
  /** `-o PATH`: write the text there (0600, never through a symlink; see export-file.ts) instead of returning it for stdout. */
  readonly output?: string;
  /** `-n`: with `output`, write nothing. */
  readonly dryRun?: boolean;
  /** Clock, for tests. */
  readonly now?: Date;
}

/** The outcome of an export. */
export interface ExportResult {
  /** The formatted document. */
  readonly text: string;
  /** Exported keys in config order (those with "no value" are omitted). */
  readonly keys: readonly string[];
  readonly format: ExportFormat;
  /** Some exported value may come from a config file the user has not trusted (show the text escaped on a terminal). */
  readonly untrusted: boolean;
  /** Absolute path written, when `output` was given without `dryRun`. */
  readonly written?: string;
}

/** Resolve and format; writes `output` when given (unless `dryRun`). Does not run validation. */
export async function exportSecrets(session: FnoxSession, options: ExportOptions = {}): Promise<ExportResult> {
  const effective = options.effective ?? loadActiveConfig(session);
  const format = options.format ?? 'env';
  const secrets = secretsFor(effective, options.all ? 'export-all' : 'export');
  const { values } = await resolveSecrets(session, effective, secrets);
  const dryRunToFile = Boolean(options.output && options.dryRun);
  // Formats a shell or `env` file loader reads get only names that are safe to export there.
  const policy = format === 'env' || format === 'shell' ? envNamePolicy(session.env) : undefined;
  const entries: [string, string][] = [];
  for (const [key, value] of values) {
    if (value === undefined) continue;
    const refusal = policy?.refusal(key);
    if (refusal) {
      session.log.warn(policy!.warning(key, refusal));
      continue;
    }
    // A dry run writes nothing at all, temp files included.
    const asFile = secrets.get(key)?.config.as_file && !dryRunToFile;
    entries.push([key, asFile ? writeSecretFile(tempDirFor(session.env), 'fnox-export-', key, value) : value]);
  }
  const text = formatExport({ secrets: entries, profile: effective.profileLabel, exportedAt: rfc3339(options.now ?? new Date()) }, format, {
    header: options.header ?? false,
  });
  const keys = entries.map(([key]) => key);
  const untrusted = keys.some((key) => fromUntrustedFile(effective, key));
  if (!options.output || options.dryRun) return { text, keys, format, untrusted };
  const { resolve } = await import('node:path');
  const path = resolve(session.cwd, options.output);
  (await import('./export-file.js')).writeExportFile(path, text);
  return { text, keys, format, untrusted, written: path };
}

/**
 * `fnox remove` (docs/cli-reference.md, `remove`): delete one entry from the write target's section, preserving every
 * other byte. Does not load the merged config and never touches remote stores.
 */
import { readFileSync } from 'node:fs';
import { withFileLock } from '../../config/atomic-write.js';
import { commitConfigWrite } from '../../config/commit-write.js';
import { removeSecretFromText } from '../../config/edit-secret.js';
import { writeTarget } from '../../config/write-target.js';
import { tomlEditor } from '../../config/toml-edit.js';
import { FnoxError } from '../../errors.js';
import type { FnoxSession } from '../../session.js';

/** Options of {@link removeSecret}. */
export interface RemoveSecretOptions {
  readonly key: string;
  readonly global?: boolean;
  readonly dryRun?: boolean;
}

/** What was (or would be) removed. */
export interface RemoveSecretResult {
  readonly key: string;
  readonly file: string;
  readonly profile: string;
  readonly global: boolean;
  readonly dryRun: boolean;
}

function notFound(key: string, profile: string, file: string): FnoxError {
  return new FnoxError('secret_not_found', `Secret '${key}' not found in profile '${profile}'`, {
    details: [`Config file: ${file}`],
    hint: `Run \`fnox list${profile === 'default' ? '' : ` -P ${profile}`} --sources\` to see where secrets are defined.`,
  });
}

/** Remove a secret from its write target (see module comment). */
export async function removeSecret(session: FnoxSession, options: RemoveSecretOptions): Promise<RemoveSecretResult> {
  const target = writeTarget(session, { global: options.global });
  if (!target.exists) {
    throw new FnoxError('config_not_found', `Configuration file not found: ${target.file}`, {
      hint: options.global ? 'Create it with `fnox init --global`.' : "Run 'fnox init' to create a configuration file.",
    });
  }
  const result = { key: options.key, file: target.file, profile: target.profile, global: target.global, dryRun: Boolean(options.dryRun) };
  const read = () => {
    try {
      return readFileSync(target.file, 'utf8');
    } catch (error) {
      throw new FnoxError('config_read_failed', `Failed to read configuration file: ${target.file}`, { cause: error });
    }
  };
  if (options.dryRun) {
    if ((await removeSecretFromText(read(), target.secretsSection, options.key, target.file)) === undefined) {
      throw notFound(options.key, target.profile, target.file);
    }
    return result;
  }
  await tomlEditor();
  await withFileLock(target.file, async () => {
    const updated = await removeSecretFromText(read(), target.secretsSection, options.key, target.file);
    if (updated === undefined) throw notFound(options.key, target.profile, target.file);
    await commitConfigWrite(session.env, target.file, updated);
  });
  return result;
}

/**
 * `fnox set` (docs/cli-reference.md, `set`): pick the write target, the provider and the entry, encrypt (or store
 * remotely) BEFORE touching the file, then write one entry format-preservingly and atomically.
 * Encryption failure aborts: plaintext is never written where a provider was asked for.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { effectiveConfig } from '../../config/effective.js';
import { setSecretInText } from '../../config/edit-secret.js';
import { loadConfigSync } from '../../config/load.js';
import { withFileLock } from '../../config/atomic-write.js';
import { commitConfigWrite } from '../../config/commit-write.js';
import { writeTarget, type WriteTarget } from '../../config/write-target.js';
import { tomlEditor } from '../../config/toml-edit.js';
import type { IfMissing, SecretConfig } from '../../config/types.js';
import { FnoxError } from '../../errors.js';
import { createProviderFactory } from '../../resolve/provider-factory.js';
import { resolveDefaultProvider } from '../../resolve/default-provider.js';
import type { FnoxSession } from '../../session.js';
import { assertSecretName } from './secret-name.js';
import type { ProviderInstance } from '@fnox/contract';
import { escapeControls } from '../../format/terminal-text.js';

/** After a write: say so when this machine could not read the value back (the provider's own `diagnose()`). */
async function warnIfUnreadable(session: FnoxSession, instance: ProviderInstance, key: string): Promise<void> {
  if (typeof instance.diagnose !== 'function') return;
  const problem = await instance.diagnose().then((d) => d.problem, () => undefined);
  if (!problem) return;
  session.log.warn(`Warning: ${escapeControls(problem.message)} (secret '${key}')`);
  if (problem.hint) session.log.warn(`hint: ${escapeControls(problem.hint)}`);
}

/** Options of {@link setSecret}. */
export interface SetSecretOptions {
  readonly key: string;
  /** Plaintext (already read from its source); undefined = metadata only. */
  readonly value?: string;
  readonly description?: string;
  readonly default?: string;
  readonly ifMissing?: IfMissing;
  /** `-p`. */
  readonly provider?: string;
  /** `-k`: remote name for store-mode providers. */
  readonly keyName?: string;
  readonly base64Encode?: boolean;
  readonly global?: boolean;
  readonly dryRun?: boolean;
  /** Store an empty value over an existing secret (refused otherwise: an empty pipe is usually a mistake). */
  readonly allowEmpty?: boolean;
}

/** What {@link setSecret} did (or, with dryRun, would do). No plaintext unless it is stored as such. */
export interface SetSecretResult {
  readonly key: string;
  readonly file: string;
  /** The write profile; `default` for the top level. */
  readonly profile: string;
  readonly global: boolean;
  readonly dryRun: boolean;
  readonly provider?: string;
  /** How the value is stored: ciphertext, a remote name, plaintext (no provider), or unchanged. */
  readonly storage: 'encrypted' | 'remote' | 'plaintext' | 'unchanged';
  /** The entry as written (its `value` is ciphertext / a remote name / the provider-less plaintext). */
  readonly entry: SecretConfig;
}

function startingEntry(target: WriteTarget, key: string, merged: ReturnType<typeof loadConfigSync>): SecretConfig {
  if (target.secretsSection.length === 1 && target.profile !== 'default') {
    // Profile file (fnox.P.toml): keep what the file itself has for KEY (Rust would start empty).
    const own = merged.secrets.get(key);
    return own?.source.file === target.file ? own.config : {};
  }
  if (target.profile === 'default') return merged.secrets.get(key)?.config ?? {};
  return merged.profiles.get(target.profile)?.secrets.get(key)?.config ?? {};
}

/**
 * Refuse values that would lose or corrupt a secret silently: a NUL byte (no environment variable
 * can carry it), and an empty value over an existing secret (`fnox set K </dev/null`, a closed
 * stdin, an unset variable piped in) unless `allowEmpty`. The value itself is never quoted.
 */
function assertStorableValue(options: SetSecretOptions, exists: boolean): void {
  if (options.value === undefined) return;
  if (options.value.includes('\u0000')) {
    throw new FnoxError('secret_value_invalid', `Refusing to set '${options.key}': the value contains a NUL byte`);
  }
  if (options.value === '' && exists && !options.allowEmpty) {
    throw new FnoxError('secret_empty_refused', `Refusing to replace secret '${options.key}' with an empty value`);
  }
}

/** Set a secret (see module comment). */
export async function setSecret(session: FnoxSession, options: SetSecretOptions): Promise<SetSecretResult> {
  assertSecretName(options.key);
  const target = writeTarget(session, { global: options.global });
  const merged = loadConfigSync(session);
  const effective = effectiveConfig(merged, [target.profile]);
  assertStorableValue(options, effective.secrets.has(options.key));
  const plaintext = options.value === undefined ? undefined : options.base64Encode ? Buffer.from(options.value, 'utf8').toString('base64') : options.value;

  let providerName = options.provider;
  if (providerName === undefined && plaintext !== undefined) {
    providerName = effective.secrets.get(options.key)?.config.provider ?? resolveDefaultProvider(effective);
  }
  const entry: Record<string, unknown> = { ...startingEntry(target, options.key, merged) };
  if (options.description !== undefined) entry.description = options.description;
  if (options.default !== undefined) entry.default = options.default;
  if (options.ifMissing !== undefined) entry.if_missing = options.ifMissing;
  if (providerName !== undefined && (options.provider !== undefined || entry.provider === undefined)) entry.provider = providerName;

  let storage: SetSecretResult['storage'] = 'unchanged';
  if (plaintext !== undefined && providerName === undefined) {
    entry.value = plaintext;
    entry.default = plaintext;
    storage = 'plaintext';
    // Upstream stores the value as plain text when no provider can be chosen; say so, since a
    // user with several providers may well have expected encryption.
    if (effective.providers.size > 0) {
      session.log.warn(
        `Warning: no provider chosen for '${options.key}' (${effective.providers.size} providers and no default_provider): it is stored as plain text. ` +
          `Use -p NAME to encrypt it, or set default_provider.`,
      );
    }
  } else if (plaintext !== undefined && providerName !== undefined) {
    const providerEntry = effective.providers.get(providerName);
    if (!providerEntry) {
      throw new FnoxError('provider_not_configured', `Provider '${providerName}' not found in configuration`, {
        hint: `Add [providers.${providerName}] to the config, or pick one of: ${[...effective.providers.keys()].join(', ') || '(none defined)'}.`,
      });
    }
    const definition = await session.registry.load(providerEntry.config.type);
    if (definition.mode === 'read') {
      throw new FnoxError('provider_unsupported', `Provider '${providerName}' (type ${definition.type}) is read-only; fnox cannot store values in it`);
    }
    storage = definition.mode === 'encrypt' ? 'encrypted' : 'remote';
    if (!options.dryRun) {
      const existing = merged.secrets.get(options.key);
      const reuse = storage === 'remote' && existing?.source.file === target.file && existing.config.provider === providerName ? existing.config.value : undefined;
      const remoteName = options.keyName ?? reuse ?? options.key;
      const factory = createProviderFactory(session, effective);
      try {
        const { instance } = await factory.instance(providerName);
        if (typeof instance.put !== 'function') throw new FnoxError('provider_unsupported', `Provider '${providerName}' cannot store values`);
        entry.value = await instance.put(remoteName, plaintext);
        await warnIfUnreadable(session, instance, options.key);
      } finally {
        await factory.dispose();
      }
      if (typeof entry.value !== 'string') throw new FnoxError('provider_encrypt', `Provider '${providerName}' returned nothing to store`);
    } else {
      entry.value = storage === 'remote' ? (options.keyName ?? options.key) : '<encrypted>';
    }
  }

  const result: SetSecretResult = {
    key: options.key,
    file: target.file,
    profile: target.profile,
    global: target.global,
    dryRun: Boolean(options.dryRun),
    ...(providerName !== undefined ? { provider: providerName } : {}),
    storage,
    entry: entry as SecretConfig,
  };
  if (options.dryRun) return result;
  await writeSecretEntry(target, options.key, entry as SecretConfig, session.env);
  return result;
}

/** Write one entry into the target under its lock, re-reading the file inside the lock. */
export async function writeSecretEntry(target: WriteTarget, key: string, entry: SecretConfig, env: NodeJS.ProcessEnv): Promise<void> {
  if (target.global) mkdirSync(dirname(target.file), { recursive: true });
  // Start the wasm editor before taking the lock, so the lock is held only for the edit itself.
  await tomlEditor();
  await withFileLock(target.file, async () => {
    let text = '';
    try {
      text = readFileSync(target.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new FnoxError('config_read_failed', `Failed to read configuration file: ${target.file}`, { cause: error });
      }
    }
    const updated = await setSecretInText(text, target.secretsSection, key, entry, target.file);
    await commitConfigWrite(env, target.file, updated);
  });
}

/**
 * `fnox reencrypt` (docs/cli-reference.md, `reencrypt`): decrypt the raw stored values of encryption-provider secrets and
 * encrypt them again with each provider's current settings (e.g. a new recipient list). Every
 * entry goes back to its own source file and section; only its value line changes (and a stale
 * `sync` cache is dropped). Nothing is written unless every secret re-encrypted.
 */
import type { EffectiveConfig, SecretConfig, Sourced } from '../../config/types.js';
import { FnoxError } from '../../errors.js';
import { resolveDefaultProvider } from '../../resolve/default-provider.js';
import { createProviderFactory } from '../../resolve/provider-factory.js';
import { errorMessage } from '../../resolve/provider-step.js';
import type { FnoxSession } from '../../session.js';
import { loadActiveConfig } from '../active-config.js';
import { compileFilter } from './filter-regex.js';
import { resolveRaw } from '../read/raw-resolve.js';
import { writeEntries, type EntryWrite } from '../write/write-entries.js';

/** Options of {@link planReencrypt}. */
export interface ReencryptOptions {
  /** Only these keys (each must be eligible). */
  readonly keys?: readonly string[];
  /** `-p`: only secrets of this provider. */
  readonly provider?: string;
  /** `--filter REGEX` on the key. */
  readonly filter?: string;
}

/** What reencrypt will do; no secret values in it. */
export interface ReencryptPlan {
  readonly profile: string;
  /** Eligible secrets in config order with the provider that re-encrypts each. */
  readonly items: readonly { readonly key: string; readonly provider: string }[];
  /** @internal */
  readonly effective: EffectiveConfig;
}

/** The entry as its file has it (without the `env` the effective view may have inherited). */
export function fileEntry(effective: EffectiveConfig, key: string, entry: Sourced<SecretConfig>): Sourced<SecretConfig> {
  const { merged } = effective;
  const own = entry.source.profile === undefined ? merged.secrets.get(key) : merged.profiles.get(entry.source.profile)?.secrets.get(key);
  return own && own.source.file === entry.source.file ? own : entry;
}

/** The TOML section an entry was read from. */
export function sourceSection(entry: Sourced<SecretConfig>): string[] {
  return entry.source.profile === undefined ? ['secrets'] : ['profiles', entry.source.profile, 'secrets'];
}

/** Select the secrets to re-encrypt (see module comment). */
export async function planReencrypt(session: FnoxSession, options: ReencryptOptions = {}): Promise<ReencryptPlan> {
  const effective = loadActiveConfig(session);
  const matches = compileFilter(options.filter);
  const wanted = options.keys && options.keys.length > 0 ? new Set(options.keys) : undefined;
  const defaultProvider = resolveDefaultProvider(effective);
  const items: { key: string; provider: string }[] = [];
  for (const [key, { config }] of effective.secrets) {
    const provider = config.provider ?? defaultProvider;
    if (provider === undefined) continue;
    if (options.provider !== undefined && provider !== options.provider) continue;
    if (wanted && !wanted.has(key)) continue;
    if (matches && !matches(key)) continue;
    if (!effective.providers.has(provider)) {
      session.log.warn(`WARN Skipping '${key}': provider '${provider}' not found in current config`);
      continue;
    }
    if ((await session.registry.load(effective.providers.get(provider)!.config.type)).mode !== 'encrypt') continue;
    if (config.value === undefined) continue;
    items.push({ key, provider });
  }
  for (const key of options.keys ?? []) {
    if (items.some((item) => item.key === key)) continue;
    const filters = `${options.provider !== undefined ? ` (--provider ${options.provider})` : ''}${options.filter !== undefined ? ` (--filter ${options.filter})` : ''}`;
    throw new FnoxError('secret_not_found', `Secret '${key}' not found in profile '${effective.profileLabel}'`, {
      hint: `The key was not found, does not use an encryption provider, or was excluded by filters${filters}`,
    });
  }
  return { profile: effective.profileLabel, items, effective };
}

/**
 * Decrypt, re-encrypt and write back; returns how many secrets were re-encrypted. Every value is
 * re-encrypted in memory before any file is touched; when any secret fails (decrypt or encrypt),
 * the error lists each failing secret and no file is written. Core knows no provider type: any
 * `encrypt`-mode provider's `put()` re-encrypts under its current configuration.
 */
export async function applyReencrypt(session: FnoxSession, plan: ReencryptPlan): Promise<{ count: number; files: string[] }> {
  const { effective } = plan;
  const entries = new Map(plan.items.map(({ key }) => [key, effective.secrets.get(key)!]));
  // Decrypt failures come back as one error listing every failing secret (the batch resolver's).
  const plaintexts = await resolveRaw(session, effective, entries);
  const writes: EntryWrite[] = [];
  const failures: { decrypt: boolean; line: string }[] = [];
  let unchanged = 0;
  const factory = createProviderFactory(session, effective);
  try {
    for (const { key, provider } of plan.items) {
      const plaintext = plaintexts.get(key);
      if (plaintext === undefined) {
        // Under if_missing warn/ignore the resolver already logged why; upstream's wording.
        failures.push({ decrypt: true, line: `Failed to decrypt secret '${key}' — cannot re-encrypt: resolver returned no value for this secret` });
        continue;
      }
      const own = fileEntry(effective, key, entries.get(key)!);
      if (own.source.file === undefined) {
        failures.push({ decrypt: false, line: `Secret '${key}' has no known source file; cannot write back re-encrypted value` });
        continue;
      }
      let stored: string;
      try {
        const { instance } = await factory.instance(provider);
        if (typeof instance.put !== 'function') throw new FnoxError('provider_unsupported', `Provider '${provider}' cannot encrypt`);
        stored = await instance.put(key, plaintext);
      } catch (error) {
        failures.push({ decrypt: false, line: `${key} (provider '${provider}'): ${errorMessage(error)}` });
        continue;
      }
      const { sync: _stale, ...kept } = own.config;
      // Same stored text (plain) and no cache to drop: rewriting would only reformat the line.
      if (stored === own.config.value && own.config.sync === undefined) {
        unchanged++;
        continue;
      }
      writes.push({ file: own.source.file, section: sourceSection(own), key, entry: { ...kept, value: stored } });
    }
  } finally {
    await factory.dispose();
  }
  if (failures.length === 1 && failures[0]!.decrypt) throw new FnoxError('provider_decrypt', failures[0]!.line);
  if (failures.length > 0) {
    const noun = failures.length === 1 ? 'secret' : 'secrets';
    throw new FnoxError(failures.some((f) => f.decrypt) ? 'provider_decrypt' : 'provider_encrypt', `Failed to re-encrypt ${failures.length} ${noun}; no file was changed`, {
      details: failures.map((f) => f.line),
      hint: 'Fix the provider configuration or access for the secrets listed, then run `fnox reencrypt` again',
    });
  }
  const files = writes.length > 0 ? await writeEntries(writes, { env: session.env, signal: session.signal }) : [];
  return { count: writes.length + unchanged, files };
}

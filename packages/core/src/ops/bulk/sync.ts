/**
 * `fnox sync` (docs/cli-reference.md, `sync`): keep a local encrypted copy of remote secrets. Each candidate's raw
 * value is fetched from its own provider, encrypted with the target (an encryption provider), and
 * written as `sync = { provider, value }` on a copy of its entry (original provider/value kept),
 * to the `-c` file as given, the local override beside it (`--local-file`) or the global config.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { globalConfigPath, isDiscoveryMode, isProfileFileName } from '../../config/files.js';
import type { EffectiveConfig, SecretConfig, Sourced } from '../../config/types.js';
import { DEFAULT_PROFILE } from '../../config/profiles.js';
import { writeProfile, writeTarget } from '../../config/write-target.js';
import { FnoxError } from '../../errors.js';
import { resolveDefaultProvider } from '../../resolve/default-provider.js';
import { createProviderFactory, providerNotConfigured } from '../../resolve/provider-factory.js';
import type { FnoxSession } from '../../session.js';
import { loadActiveConfig } from '../active-config.js';
import { compileFilter } from './filter-regex.js';
import { resolveRaw } from '../read/raw-resolve.js';
import { fileEntry } from './reencrypt.js';
import { writeEntries, type EntryWrite } from '../write/write-entries.js';

/** Options of {@link planSync}. */
export interface SyncOptions {
  readonly keys?: readonly string[];
  /** `-p`: the target provider (default: the default provider). */
  readonly provider?: string;
  /** `-s`: only secrets of this source provider. */
  readonly source?: string;
  readonly filter?: string;
  readonly global?: boolean;
  readonly localFile?: boolean;
}

/** What sync will do; no secret values in it. */
export interface SyncPlan {
  readonly profile: string;
  readonly target: string;
  /** The file written and the secrets table in it. */
  readonly file: string;
  readonly section: readonly string[];
  /** `local-file`, `global` or undefined (the -c file). */
  readonly mode?: 'local-file' | 'global';
  readonly items: readonly { readonly key: string; readonly from: string }[];
  /** @internal */
  readonly effective: EffectiveConfig;
}

/** The local override file beside `base`, as `sync` documents (docs/cli-reference.md). */
function localOverride(base: string): string {
  const name = basename(base);
  const local = name === 'fnox.toml' ? 'fnox.local.toml' : name === '.fnox.toml' ? '.fnox.local.toml' : undefined;
  if (!local) {
    throw new FnoxError('config_invalid', `--local-file requires --config to be 'fnox.toml' or '.fnox.toml'; '${base}' would not load the adjacent local override file`, {
      hint: 'Run from the directory of fnox.toml without -c, or drop --local-file.',
    });
  }
  return join(dirname(base), local);
}

function destination(session: FnoxSession, options: SyncOptions): { file: string; mode?: SyncPlan['mode'] } {
  const config = session.options.config;
  if (options.global && options.localFile) throw new FnoxError('usage', 'the argument --local-file cannot be used with --global');
  if (options.global) return { file: globalConfigPath(session.env), mode: 'global' };
  if (options.localFile) {
    if (!isDiscoveryMode(config)) {
      throw new FnoxError('config_invalid', `--local-file requires --config to be the bare filename 'fnox.toml' or '.fnox.toml'; '${config}' is an explicit path and would not load the adjacent local override file`);
    }
    const base = config === undefined || config === 'fnox.toml' ? writeTarget(session).file : resolve(session.cwd, config);
    return { file: localOverride(base), mode: 'local-file' };
  }
  return { file: resolve(session.cwd, config ?? 'fnox.toml') };
}

/** Select the secrets to sync and where they go (see module comment). */
export async function planSync(session: FnoxSession, options: SyncOptions = {}): Promise<SyncPlan> {
  const profile = writeProfile(session);
  const { file, mode } = destination(session, options);
  const effective = loadActiveConfig(session);
  let target = options.provider;
  if (target === undefined) {
    try {
      target = resolveDefaultProvider(effective);
    } catch {
      target = undefined;
    }
  }
  if (target === undefined) {
    throw new FnoxError('config_invalid', 'No target provider specified and no default_provider configured. Use -p <provider> to specify one.');
  }
  const targetEntry = effective.providers.get(target);
  if (!targetEntry) throw providerNotConfigured(effective, target);
  if ((await session.registry.load(targetEntry.config.type)).mode !== 'encrypt') {
    throw new FnoxError('provider_unsupported', `Provider '${target}' cannot be used as a sync target`, { hint: 'Sync into an encryption provider such as age, aws-kms or plain.' });
  }
  const matches = compileFilter(options.filter);
  const wanted = options.keys && options.keys.length > 0 ? new Set(options.keys) : undefined;
  const items: { key: string; from: string }[] = [];
  for (const [key, { config }] of effective.secrets) {
    if (config.provider === undefined || config.provider === target) continue;
    if (options.source !== undefined && config.provider !== options.source) continue;
    if (wanted && !wanted.has(key)) continue;
    if (matches && !matches(key)) continue;
    items.push({ key, from: config.provider });
  }
  const topLevel = profile === DEFAULT_PROFILE || (mode !== 'global' && isProfileFileName(file));
  return { profile: effective.profileLabel, target, file, section: topLevel ? ['secrets'] : ['profiles', profile, 'secrets'], ...(mode ? { mode } : {}), items, effective };
}

/** Fetch, encrypt with the target and write the `sync` caches; returns synced and skipped keys. */
export async function applySync(session: FnoxSession, plan: SyncPlan): Promise<{ synced: string[]; skipped: string[] }> {
  const { effective } = plan;
  const withValue = new Map<string, Sourced<SecretConfig>>();
  for (const { key } of plan.items) {
    const entry = effective.secrets.get(key)!;
    if (entry.config.value !== undefined) withValue.set(key, entry);
  }
  const values = await resolveRaw(session, effective, withValue);
  const writes: EntryWrite[] = [];
  const skipped: string[] = [];
  const factory = createProviderFactory(session, effective);
  try {
    const { instance } = await factory.instance(plan.target);
    if (typeof instance.put !== 'function') throw new FnoxError('provider_unsupported', `Provider '${plan.target}' cannot be used as a sync target`);
    for (const { key } of plan.items) {
      // A candidate without `value` can only come from the environment (raw: no default).
      const plaintext = withValue.has(key) ? values.get(key) : session.env[key];
      if (plaintext === undefined) {
        session.log.warn(`WARN Skipping secret '${key}': could not resolve a value to sync`);
        skipped.push(key);
        continue;
      }
      const own = fileEntry(effective, key, effective.secrets.get(key)!);
      const cached = await instance.put(key, plaintext);
      writes.push({ file: plan.file, section: plan.section, key, entry: { ...own.config, sync: { provider: plan.target, value: cached } } });
    }
  } finally {
    await factory.dispose();
  }
  if (writes.length > 0) await writeEntries(writes, { createDirs: plan.mode === 'global', env: session.env, signal: session.signal });
  return { synced: writes.map((w) => w.key), skipped };
}

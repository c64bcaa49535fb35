/**
 * `fnox doctor` (docs/cli-reference.md, `doctor`): a health report of the active profile — config files, secrets,
 * providers (built and checked), where age identities would come from, environment warnings.
 * Validation errors abort (as upstream); provider failures are reported, not thrown. The report
 * names files and variables but never contains a secret or key.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { expandHome } from '../config/files.js';
import { configFiles, loadConfigSync } from '../config/load.js';
import { effectiveConfig } from '../config/effective.js';
import { noDefaultsEnabled, profileLabel, profileStack } from '../config/profiles.js';
import type { EffectiveConfig, ProviderConfig, Sourced } from '../config/types.js';
import { assertValidConfig } from '../config/validate.js';
import { resolveDefaultProvider } from '../resolve/default-provider.js';
import { createProviderFactory } from '../resolve/provider-factory.js';
import { errorMessage } from '../resolve/provider-step.js';
import { globalConfigDir, type FnoxSession } from '../session.js';

/** One place an age identity may come from, in the order the age provider tries them. */
export interface IdentitySource {
  readonly description: string;
  readonly path?: string;
  /** The source the provider reads (the first that applies); later ones are never consulted. */
  readonly used: boolean;
  /** For files: whether the file exists. */
  readonly exists?: boolean;
}

/** Provider health: built, then `check()`ed where the provider has one. */
export interface ProviderHealth {
  readonly name: string;
  readonly type: string;
  readonly ok: boolean;
  /** Set when the provider could not even be built. */
  readonly initError?: string;
  readonly error?: string;
}

/** What {@link doctor} found. */
export interface DoctorReport {
  readonly profile: string;
  readonly files: readonly string[];
  readonly secrets: {
    readonly count: number;
    readonly withValueSource: number;
    readonly required: number;
    readonly usingProviders: number;
    /** One row per secret when there are at most 10. */
    readonly list?: readonly { readonly name: string; readonly hasValue: boolean; readonly provider: string }[];
  };
  readonly providers: readonly { readonly name: string; readonly type: string; readonly source?: string }[];
  readonly defaultProvider?: string;
  readonly environment: {
    readonly fnoxProfile?: string;
    readonly ageKeySet: boolean;
    readonly ageKeyFile?: string;
    readonly configDir: string;
    readonly warnings: readonly string[];
  };
  readonly identities: readonly { readonly provider: string; readonly sources: readonly IdentitySource[] }[];
  readonly health: readonly ProviderHealth[];
  readonly tips: readonly string[];
}

/** Where the age provider named `entry` would find its identity (docs/providers/age.md order), without reading any key. */
export function ageIdentitySources(session: FnoxSession, entry: Sourced<ProviderConfig>): IdentitySource[] {
  const env = session.env;
  const out: IdentitySource[] = [];
  const add = (description: string, applies: boolean, path?: string) => {
    if (!applies) return;
    out.push({ description, ...(path !== undefined ? { path, exists: existsSync(path) } : {}), used: out.length === 0 });
  };
  add('FNOX_AGE_KEY environment variable', env.FNOX_AGE_KEY !== undefined);
  const identity = entry.config.identity as { provider?: string; value?: string } | undefined;
  add(`identity from provider '${identity?.provider}' (value '${identity?.value}')`, identity !== undefined);
  const keyFile = entry.config.key_file;
  if (typeof keyFile === 'string') {
    const base = entry.source.file ? dirname(entry.source.file) : session.cwd;
    add(`key_file of provider '${entry.name}'`, true, resolve(base, expandHome(keyFile, env)));
  } else if (keyFile !== undefined) {
    add(`key_file of provider '${entry.name}' (from secret '${(keyFile as { secret?: string }).secret}')`, true);
  }
  if (session.options.ageKeyFile) add('--age-key-file', true, resolve(session.cwd, session.options.ageKeyFile));
  if (env.FNOX_AGE_KEY_FILE) {
    const path = expandHome(env.FNOX_AGE_KEY_FILE, env);
    add('FNOX_AGE_KEY_FILE', true, isAbsolute(path) ? path : resolve(session.cwd, path));
  }
  add('default identity file', true, join(globalConfigDir(env), 'age.txt'));
  return out;
}

async function health(session: FnoxSession, effective: EffectiveConfig): Promise<ProviderHealth[]> {
  const factory = createProviderFactory(session, effective);
  const out: ProviderHealth[] = [];
  try {
    for (const { name, config } of effective.providers.values()) {
      let handle;
      try {
        handle = await factory.instance(name);
      } catch (error) {
        out.push({ name, type: config.type, ok: false, initError: errorMessage(error) });
        continue;
      }
      try {
        if (typeof handle.instance.check === 'function') await handle.instance.check();
        out.push({ name, type: config.type, ok: true });
      } catch (error) {
        out.push({ name, type: config.type, ok: false, error: errorMessage(error) });
      }
    }
  } finally {
    await factory.dispose();
  }
  return out;
}

/** Build the doctor report for the session's active profile stack. */
export async function doctor(session: FnoxSession): Promise<DoctorReport> {
  const stack = profileStack(session);
  const merged = loadConfigSync(session, { stack });
  assertValidConfig(merged);
  const effective = effectiveConfig(merged, stack, { noDefaults: noDefaultsEnabled(session) });
  const secrets = [...effective.secrets.values()];
  const hasValue = (c: { value?: string; default?: string }) => c.value !== undefined || c.default !== undefined;
  let defaultProvider: string | undefined;
  try {
    defaultProvider = resolveDefaultProvider(effective);
  } catch {
    defaultProvider = undefined;
  }
  const env = session.env;
  const warnings: string[] = [];
  if (merged.env !== undefined && merged.env !== true && env.FNOX_AGE_KEY !== undefined) {
    warnings.push('FNOX_AGE_KEY is exported in this shell while the top-level `env` default keeps secrets out of it.');
    warnings.push('Anything running in this shell can decrypt your secrets with that key.');
    warnings.push('Consider a key_file or FNOX_AGE_KEY_FILE instead.');
  }
  const tips: string[] = [];
  if (secrets.length === 0) tips.push('Add secrets with: fnox set <name> <value>');
  if (effective.providers.size === 0 && secrets.length > 3) tips.push('Consider using a provider for better secret management');
  tips.push("Run 'fnox check' to validate your configuration");
  return {
    profile: profileLabel(stack),
    files: configFiles(session),
    secrets: {
      count: secrets.length,
      withValueSource: secrets.filter((s) => hasValue(s.config)).length,
      required: secrets.filter((s) => s.config.if_missing === 'error').length,
      usingProviders: secrets.filter((s) => s.config.provider !== undefined).length,
      ...(secrets.length <= 10 ? { list: secrets.map((s) => ({ name: s.name, hasValue: hasValue(s.config), provider: s.config.provider ?? 'plain' })) } : {}),
    },
    providers: [...effective.providers.values()].map((p) => ({ name: p.name, type: p.config.type, ...(p.source.file ? { source: p.source.file } : {}) })),
    ...(defaultProvider !== undefined ? { defaultProvider } : {}),
    environment: {
      ...(env.FNOX_PROFILE ? { fnoxProfile: env.FNOX_PROFILE } : {}),
      ageKeySet: env.FNOX_AGE_KEY !== undefined,
      ...(env.FNOX_AGE_KEY_FILE ? { ageKeyFile: env.FNOX_AGE_KEY_FILE } : {}),
      configDir: globalConfigDir(env),
      warnings,
    },
    identities: [...effective.providers.values()].filter((p) => p.config.type === 'age').map((p) => ({ provider: p.name, sources: ageIdentitySources(session, p) })),
    health: await health(session, effective),
    tips,
  };
}

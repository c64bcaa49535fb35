/**
 * `fnox doctor`: a health report of the active profile — config files, secrets,
 * providers (built, checked, and each one's own report of where its keys or credentials come
 * from, through the contract's `diagnose()`), environment warnings.
 * Validation errors abort (as upstream); provider failures are reported, not thrown. The report
 * names files and variables but never contains a secret or key.
 */
import type { ProviderDiagnosis, ProviderInstance } from '@fnox/contract';
import { configFiles, loadConfigSync } from '../../config/load.js';
import { effectiveConfig } from '../../config/effective.js';
import { noDefaultsEnabled, profileLabel, profileStack } from '../../config/profiles.js';
import type { EffectiveConfig } from '../../config/types.js';
import { assertValidConfig } from '../../config/validate.js';
import { resolveDefaultProvider } from '../../resolve/default-provider.js';
import { createProviderFactory } from '../../resolve/provider-factory.js';
import { errorMessage } from '../../resolve/provider-step.js';
import { globalConfigDir, type FnoxSession } from '../../session.js';

/** Provider health: built, then `check()`ed where the provider has one. */
export interface ProviderHealth {
  readonly name: string;
  readonly type: string;
  readonly ok: boolean;
  /** Set when the provider could not even be built. */
  readonly initError?: string;
  readonly error?: string;
  /** The provider's own report (contract `diagnose()`), when it has one. */
  readonly diagnosis?: ProviderDiagnosis;
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
  readonly health: readonly ProviderHealth[];
  readonly tips: readonly string[];
}

/** The instance's own report; a failing `diagnose()` only loses the report. */
async function diagnose(instance: ProviderInstance): Promise<ProviderDiagnosis | undefined> {
  if (typeof instance.diagnose !== 'function') return undefined;
  try {
    return await instance.diagnose();
  } catch {
    return undefined;
  }
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
      const diagnosis = await diagnose(handle.instance);
      const extra = diagnosis ? { diagnosis } : {};
      try {
        if (typeof handle.instance.check === 'function') await handle.instance.check();
        out.push({ name, type: config.type, ok: true, ...extra });
      } catch (error) {
        out.push({ name, type: config.type, ok: false, error: errorMessage(error), ...extra });
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
    health: await health(session, effective),
    tips,
  };
}

/** `fnox list` and `fnox profiles` (docs/cli-reference.md, `list`; docs/cli-reference.md, `profiles`): data only; the CLI formats it. */
import { effectiveConfig } from '../../config/effective.js';
import { loadConfigSync } from '../../config/load.js';
import { DEFAULT_PROFILE, noDefaultsEnabled, profileStack } from '../../config/profiles.js';
import type { EffectiveConfig, EnvMode, SecretConfig } from '../../config/types.js';
import { resolveSecrets } from '../../resolve/resolver.js';
import { missingProviderTypes, type MissingProviderType } from './missing-provider-types.js';
import type { FnoxSession } from '../../session.js';

/** One row of `fnox list`. */
export interface SecretListing {
  readonly key: string;
  /** `provider (NAME)`, `stored value`, `default value` or `env var`, plus ` [file]` for as_file. */
  readonly type: string;
  readonly provider?: string;
  /** The stored `value` for provider rows (a ciphertext or remote name, never a plaintext). */
  readonly providerKey?: string;
  readonly description?: string;
  /** Absolute path of the defining file. */
  readonly source?: string;
  /** Set when the secret comes from `[profiles.P.secrets]`. */
  readonly sourceProfile?: string;
  readonly env: EnvMode;
  readonly asFile: boolean;
  /** With `values`: the resolved value, or null when nothing resolved. */
  readonly value?: string | null;
}

/** Result of {@link listSecrets}. */
export interface SecretList {
  /** Display form of the active stack. */
  readonly profile: string;
  readonly secrets: readonly SecretListing[];
  /** Provider types the listed secrets use that no installed plugin provides, with how to install each. */
  readonly missingProviderTypes: readonly MissingProviderType[];
}

/** The Type column (docs/cli-reference.md, `list`). */
export function secretKind(config: SecretConfig): string {
  const base = config.provider !== undefined ? `provider (${config.provider})` : config.value !== undefined ? 'stored value' : config.default !== undefined ? 'default value' : 'env var';
  return config.as_file ? `${base} [file]` : base;
}

function activeEffective(session: FnoxSession): EffectiveConfig {
  const stack = profileStack(session);
  return effectiveConfig(loadConfigSync(session, { stack }), stack, { noDefaults: noDefaultsEnabled(session) });
}

/** The effective secrets of the active stack, in config order; `values` batch-resolves them all. */
export async function listSecrets(session: FnoxSession, options: { values?: boolean } = {}): Promise<SecretList> {
  const effective = activeEffective(session);
  let values: Map<string, string | undefined> | undefined;
  if (options.values) {
    values = (await resolveSecrets(session, effective, effective.secrets)).values;
  }
  const secrets = [...effective.secrets].map(([key, { config, source }]): SecretListing => ({
    key,
    type: secretKind(config),
    ...(config.provider !== undefined ? { provider: config.provider } : {}),
    ...(config.provider !== undefined && config.value !== undefined ? { providerKey: config.value } : {}),
    ...(config.description !== undefined ? { description: config.description } : {}),
    ...(source.file !== undefined ? { source: source.file } : {}),
    ...(source.profile !== undefined ? { sourceProfile: source.profile } : {}),
    env: config.env ?? true,
    asFile: config.as_file === true,
    ...(values ? { value: values.get(key) ?? null } : {}),
  }));
  return { profile: effective.profileLabel, secrets, missingProviderTypes: missingProviderTypes(session, effective) };
}

/** One row of `fnox profiles`. */
export interface ProfileListing {
  readonly name: string;
  /** Effective secrets with only this profile active. */
  readonly secrets: number;
}

/** `default` plus every `[profiles.*]` name of the merged config, sorted. */
export async function listProfiles(session: FnoxSession): Promise<ProfileListing[]> {
  const merged = loadConfigSync(session);
  const noDefaults = noDefaultsEnabled(session);
  const names = [...new Set([DEFAULT_PROFILE, ...merged.profiles.keys()])].sort();
  return names.map((name) => ({ name, secrets: effectiveConfig(merged, [name], { noDefaults }).secrets.size }));
}

/**
 * The config seen by one profile stack (docs/profiles.md): top-level secrets (unless --no-defaults with a
 * profile active) overlaid by each profile's secrets in order; providers likewise (never affected
 * by --no-defaults); every secret without `env` inherits the merged top-level `env`.
 */
import { nonDefaultProfiles, profileLabel } from './profiles.js';
import type { EffectiveConfig, MergedConfig, ProviderConfig, SecretConfig, Sourced } from './types.js';

/** Options of {@link effectiveConfig}. */
export interface EffectiveOptions {
  /** `--no-defaults` / FNOX_NO_DEFAULTS (see `noDefaultsEnabled`). */
  readonly noDefaults?: boolean;
}

/** Compute the effective secrets and providers of `merged` for `stack` (e.g. `['aws', 'prod']`). */
export function effectiveConfig(merged: MergedConfig, stack: readonly string[], options: EffectiveOptions = {}): EffectiveConfig {
  const profiles = nonDefaultProfiles(stack);
  const secrets = new Map<string, Sourced<SecretConfig>>();
  if (!(options.noDefaults && profiles.length > 0)) for (const [name, entry] of merged.secrets) secrets.set(name, entry);
  const providers = new Map<string, Sourced<ProviderConfig>>(merged.providers);
  for (const name of profiles) {
    const profile = merged.profiles.get(name);
    if (!profile) continue;
    for (const [key, entry] of profile.secrets) secrets.set(key, entry);
    for (const [key, entry] of profile.providers) providers.set(key, entry);
  }
  if (merged.env !== undefined) {
    for (const [key, entry] of secrets) {
      if (entry.config.env === undefined) secrets.set(key, { ...entry, config: { ...entry.config, env: merged.env } });
    }
  }
  return { profiles, profileLabel: profileLabel(stack), merged, secrets, providers };
}

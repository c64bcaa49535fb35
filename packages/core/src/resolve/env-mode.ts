/** Which secrets a command resolves and injects (ARCHITECTURE.md, "The resolution pipeline"). */
import type { EffectiveConfig, EnvMode, SecretConfig, SecretMap, Sourced } from '../config/types.js';

/** A secret's injection mode: its own `env` (the loader already applied the top-level default), else `true`. */
export function envMode(secret: SecretConfig): EnvMode {
  return secret.env ?? true;
}

/** What a batch is for; decides the filter applied *before* resolving. */
export type ResolvePurpose = 'exec' | 'export' | 'export-all' | 'hook-env' | 'list';

/** The effective secrets `purpose` resolves, in config order. */
export function secretsFor(effective: EffectiveConfig, purpose: ResolvePurpose): SecretMap {
  if (purpose === 'exec' || purpose === 'export-all' || purpose === 'list') return effective.secrets;
  const out = new Map<string, Sourced<SecretConfig>>();
  for (const [key, entry] of effective.secrets) if (envMode(entry.config) === true) out.set(key, entry);
  return out;
}

/** Whether an exec child receives the secret (`true` and `"exec"`); `false` names are stripped instead. */
export function injectedIntoExec(secret: SecretConfig): boolean {
  return envMode(secret) !== false;
}

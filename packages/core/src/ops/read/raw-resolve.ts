/**
 * Raw resolution for sync, reencrypt and edit (ARCHITECTURE.md, "The resolution pipeline"): the provider's full stored value,
 * ignoring `json_path`, `line`, `sync` and `default`, so re-stored ciphertext keeps the original.
 * Uses the batch resolver (per-provider batches, if_missing per secret) on stripped copies.
 */
import type { EffectiveConfig, IfMissing, SecretConfig, Sourced } from '../../config/types.js';
import { resolveSecrets } from '../../resolve/resolver.js';
import type { FnoxSession } from '../../session.js';

/** Options of {@link resolveRaw}. */
export interface RawResolveOptions {
  /** Give every secret this `if_missing` (edit uses `error`); runtime overrides still win. */
  readonly ifMissing?: IfMissing;
}

/** The fields raw resolution keeps: where the value lives and the missing-value policy. */
export function rawSecret(config: SecretConfig, ifMissing?: IfMissing): SecretConfig {
  const out: { -readonly [K in keyof SecretConfig]: SecretConfig[K] } = {};
  if (config.provider !== undefined) out.provider = config.provider;
  if (config.value !== undefined) out.value = config.value;
  const policy = ifMissing ?? config.if_missing;
  if (policy !== undefined) out.if_missing = policy;
  return out;
}

/**
 * Resolve `secrets` (name → entry as found in the config) raw, for the stack of `effective`. Pass
 * only provider-backed secrets: a secret without a provider step would fall back to the
 * environment. Values stay in a private working environment, never in `process.env`.
 */
export async function resolveRaw(
  session: FnoxSession,
  effective: EffectiveConfig,
  secrets: ReadonlyMap<string, Sourced<SecretConfig>>,
  options: RawResolveOptions = {},
): Promise<Map<string, string | undefined>> {
  const stripped = new Map<string, Sourced<SecretConfig>>();
  for (const [key, entry] of secrets) stripped.set(key, { ...entry, config: rawSecret(entry.config, options.ifMissing) });
  // The effective config keeps its full secret set: provider fields may reference other secrets.
  return (await resolveSecrets(session, effective, stripped, { env: { ...session.env } })).values;
}

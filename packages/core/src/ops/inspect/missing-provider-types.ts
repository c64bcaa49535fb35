/**
 * Provider types that secrets use but no installed plugin provides, with the command that installs
 * each: `fnox list` tells it up front instead of leaving it to the first `get` (or to `doctor`).
 */
import type { EffectiveConfig } from '../../config/types.js';
import { providerNotInstalled } from '../../providers/catalog.js';
import { resolveDefaultProvider } from '../../resolve/default-provider.js';
import type { FnoxSession } from '../../session.js';

/** One provider type that is used but not installed. */
export interface MissingProviderType {
  readonly type: string;
  /** The secrets (in config order) whose provider has this type. */
  readonly secrets: readonly string[];
  /** `Provider type 'X' is not installed` (or not supported, or unknown). */
  readonly message: string;
  /** How to install it. */
  readonly hint: string;
}

/** The types used by `effective`'s secrets that the session's registry cannot load, in first-use order. */
export function missingProviderTypes(session: FnoxSession, effective: EffectiveConfig): MissingProviderType[] {
  let fallback: string | undefined;
  try {
    fallback = resolveDefaultProvider(effective);
  } catch {
    fallback = undefined; // reported by the commands that need it
  }
  const byType = new Map<string, string[]>();
  for (const [key, { config }] of effective.secrets) {
    const name = config.provider ?? (config.value !== undefined ? fallback : undefined);
    const type = name === undefined ? undefined : effective.providers.get(name)?.config.type;
    if (typeof type !== 'string' || session.registry.entry(type)) continue;
    byType.set(type, [...(byType.get(type) ?? []), key]);
  }
  return [...byType].map(([type, secrets]) => {
    const error = providerNotInstalled(type);
    return { type, secrets, message: error.message, hint: error.hint };
  });
}

/** The default provider of a profile stack (ARCHITECTURE.md, "The resolution pipeline"). */
import type { EffectiveConfig } from '../config/types.js';
import { FnoxError } from '../errors.js';

/**
 * The provider used for a secret that has a `value` but no `provider`: the `default_provider` of the
 * last profile in the stack that sets one, else the top-level one, else the only provider. Throws
 * when no provider exists at all (unless `root = true`) or the named default does not exist.
 */
export function resolveDefaultProvider(effective: EffectiveConfig): string | undefined {
  if (effective.providers.size === 0) {
    if (effective.merged.root) return undefined;
    throw new FnoxError('no_providers', 'No providers configured. Add at least one provider to fnox.toml');
  }
  let winner: { name: string; profile?: string } | undefined;
  for (const profile of effective.profiles) {
    const dp = effective.merged.profiles.get(profile)?.defaultProvider;
    if (dp) winner = { name: dp.name, profile };
  }
  if (!winner && effective.merged.defaultProvider) winner = { name: effective.merged.defaultProvider.name };
  if (winner) {
    if (effective.providers.has(winner.name)) return winner.name;
    const where = winner.profile ? `in profile '${winner.profile}'` : 'in configuration';
    throw new FnoxError('default_provider_not_found', `Default provider '${winner.name}' not found ${where}`);
  }
  if (effective.providers.size === 1) return effective.providers.keys().next().value;
  return undefined;
}

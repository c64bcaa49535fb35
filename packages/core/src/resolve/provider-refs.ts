/**
 * `{ secret = "NAME" }` values inside provider tables (ARCHITECTURE.md, "The resolution pipeline"): finding them, the provider
 * graph they form, and the cycle check that runs before any provider is built.
 */
import type { EffectiveConfig, ProviderConfig } from '../config/types.js';
import { FnoxError } from '../errors.js';

/** True for a `{ secret = "NAME" }` table (extra keys are tolerated, as upstream). */
export function isSecretRef(value: unknown): value is { readonly secret: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>).secret === 'string'
  );
}

/** The secret names a provider table refers to through `{ secret = ... }` fields, in field order. */
export function secretRefsOf(table: ProviderConfig): string[] {
  const names: string[] = [];
  for (const [field, value] of Object.entries(table)) {
    if (field === 'type' || field === 'auth_command' || field === 'daemon_cache') continue;
    if (isSecretRef(value)) names.push(value.secret);
  }
  return names;
}

/**
 * Providers a provider needs before it can be built: those of the secrets its `{ secret = ... }`
 * fields name, when such a secret has an explicit `provider` *and* a `value` (only then is the
 * provider consulted; ARCHITECTURE.md, "The resolution pipeline").
 */
export function providerDependencies(effective: EffectiveConfig, providerName: string): string[] {
  const entry = effective.providers.get(providerName);
  if (!entry) return [];
  const deps: string[] = [];
  for (const secretName of secretRefsOf(entry.config)) {
    const secret = effective.secrets.get(secretName)?.config;
    if (secret?.provider !== undefined && secret.value !== undefined && !deps.includes(secret.provider)) {
      deps.push(secret.provider);
    }
  }
  return deps;
}

/** The error for a provider reference loop; `path` ends with the provider seen twice. */
export function providerCycleError(path: readonly string[]): FnoxError {
  const repeated = path[path.length - 1] ?? '';
  return new FnoxError('provider_config_cycle', `Circular dependency detected in provider configuration for '${repeated}'`, {
    hint: `Resolution path: ${path.join(' -> ')}`,
  });
}

/**
 * Throw when building `providerName` would need itself through `{ secret = ... }` fields. Checked
 * statically before building so concurrent, memoised builds can never wait on each other in a loop.
 */
export function assertNoProviderCycle(effective: EffectiveConfig, providerName: string, prefix: readonly string[] = []): void {
  const done = new Set<string>();
  const visit = (name: string, path: readonly string[]): void => {
    if (path.includes(name)) throw providerCycleError([...path, name]);
    if (done.has(name)) return;
    for (const dep of providerDependencies(effective, name)) visit(dep, [...path, name]);
    done.add(name);
  };
  visit(providerName, prefix);
}

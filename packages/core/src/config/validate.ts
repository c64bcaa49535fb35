/**
 * Semantic validation (docs/configuration.md), run by `get`, `check` and `doctor` (not by exec/export/list/hook):
 * every issue is collected and reported together.
 */
import { FnoxError } from '../errors.js';
import type { MergedConfig, ProviderMap, SecretMap } from './types.js';

/** One problem found by {@link validateConfig}. */
export interface ConfigIssue {
  readonly message: string;
  /** The file concerned, when known. */
  readonly file?: string;
}

function providerTypeFor(secretProvider: string | undefined, providers: ProviderMap, defaultProvider: string | undefined): string | undefined {
  const name = secretProvider ?? defaultProvider ?? (providers.size === 1 ? [...providers.keys()][0] : undefined);
  return name === undefined ? undefined : providers.get(name)?.config.type;
}

function emptyValues(secrets: SecretMap, providers: ProviderMap, defaultProvider: string | undefined, profile?: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [key, { config, source }] of secrets) {
    if (config.value !== '' || providerTypeFor(config.provider, providers, defaultProvider) === 'plain') continue;
    const where = profile ? ` in profile '${profile}'` : '';
    issues.push({ message: `Secret '${key}'${where} has an empty value`, file: source.file });
  }
  return issues;
}

/** All validation issues (docs/configuration.md) of a merged config (empty when valid). */
export function validateConfig(merged: MergedConfig): ConfigIssue[] {
  const hasProfiles = merged.profiles.size > 0;
  if (merged.root && merged.providers.size === 0 && !hasProfiles && merged.secrets.size === 0) return [];
  const issues: ConfigIssue[] = [];
  const topDefault = merged.defaultProvider?.name;
  issues.push(...emptyValues(merged.secrets, merged.providers, topDefault));
  const anyProviders = merged.providers.size > 0 || [...merged.profiles.values()].some((p) => p.providers.size > 0);
  if (merged.secrets.size > 0 && !anyProviders && !hasProfiles) {
    issues.push({ message: 'No providers configured', file: merged.files[merged.files.length - 1] });
  }
  if (topDefault !== undefined && !merged.providers.has(topDefault)) {
    issues.push({ message: `Default provider '${topDefault}' not found in configuration`, file: merged.defaultProvider?.source.file });
  }
  for (const [name, profile] of merged.profiles) {
    const providers = new Map([...merged.providers, ...profile.providers]);
    if (providers.size === 0 && !merged.root) {
      issues.push({ message: `Profile '${name}' has no providers configured`, file: [...profile.secrets.values()][0]?.source.file });
    }
    const profileDefault = profile.defaultProvider?.name ?? topDefault;
    if (profile.defaultProvider && !providers.has(profile.defaultProvider.name)) {
      issues.push({ message: `Default provider '${profile.defaultProvider.name}' not found in profile '${name}'`, file: profile.defaultProvider.source.file });
    }
    issues.push(...emptyValues(profile.secrets, providers, profileDefault, name));
  }
  return issues;
}

/** Throw `config_validation_failed` listing every issue, if there are any. */
export function assertValidConfig(merged: MergedConfig): void {
  const issues = validateConfig(merged);
  if (issues.length === 0) return;
  const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
  throw new FnoxError('config_validation_failed', `Configuration validation failed (${count})`, {
    details: issues.map((issue) => (issue.file ? `${issue.message} (${issue.file})` : issue.message)),
  });
}

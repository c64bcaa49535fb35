/** `fnox check` (docs/cli-reference.md, `check`): can every required secret be resolved? */
import type { EffectiveConfig } from '../../config/types.js';
import { errorMessage } from '../../resolve/provider-step.js';
import { createResolver } from '../../resolve/resolver.js';
import type { FnoxSession } from '../../session.js';
import { loadActiveConfig } from '../active-config.js';

/** Options of {@link checkConfig}. */
export interface CheckOptions {
  /** The config to use; default: loaded from the session and validated (docs/configuration.md). */
  readonly effective?: EffectiveConfig;
  /** `--all`: also fetch secrets whose effective if_missing is warn/ignore. */
  readonly all?: boolean;
}

/** What `check` found; the CLI prints it (counts and verdict to stdout, findings to stderr). */
export interface CheckReport {
  readonly profile: string;
  /** Effective secrets (0 → the "No secrets defined" warning). */
  readonly secretCount: number;
  /** Effective providers (0 → the "No providers configured" warning). */
  readonly providerCount: number;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Check the effective secrets of the active stack. Validation (docs/configuration.md) runs first: the config is
 * loaded with validation unless `options.effective` is given. Secrets with a known provider are fetched (single mode) when their effective
 * if_missing is `error`, or always with `all`.
 */
export async function checkConfig(session: FnoxSession, options: CheckOptions = {}): Promise<CheckReport> {
  const effective = options.effective ?? loadActiveConfig(session, { validate: true });
  const errors: string[] = [];
  const warnings: string[] = [];
  if (effective.secrets.size === 0) warnings.push('No secrets defined in profile(s)');
  const resolver = createResolver(session, effective);
  try {
    for (const [name, { config }] of effective.secrets) {
      if (config.provider === undefined && config.value === undefined && config.default === undefined) {
        if (config.if_missing === 'error') errors.push(`Secret '${name}' is required but has no value source`);
        else if (config.if_missing === 'warn') warnings.push(`Secret '${name}' has no value source`);
      }
      if (config.provider === undefined) continue;
      if (!effective.providers.has(config.provider)) {
        warnings.push(`Secret '${name}' references unknown provider '${config.provider}'`);
        continue;
      }
      const policy = resolver.ifMissing.for(config);
      if (!options.all && policy !== 'error') continue;
      const sink = policy === 'error' ? errors : policy === 'warn' ? warnings : undefined;
      try {
        const value = await resolver.resolveOne(name);
        if (value === undefined) sink?.push(`Secret '${name}' could not be resolved from provider '${config.provider}'`);
      } catch (error) {
        sink?.push(`Secret '${name}' failed to resolve: ${errorMessage(error)}`);
      }
    }
  } finally {
    await resolver.dispose();
  }
  if (effective.providers.size === 0) warnings.push('No providers configured');
  return { profile: effective.profileLabel, secretCount: effective.secrets.size, providerCount: effective.providers.size, errors, warnings };
}

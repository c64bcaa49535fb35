import type { PluginDescriptor } from '@fnox/contract';
import type { IfMissing } from '../config/types.js';
import { toFnoxError } from '../errors.js';
import { loadActiveConfig } from '../ops/active-config.js';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry.js';
import { secretsFor } from '../resolve/env-mode.js';
import { resolveSecrets } from '../resolve/resolver.js';
import { tempDirFor, writeSecretFile } from '../resolve/temp-files.js';
import { createSession, stderrLogger, type GlobalOptions, type Logger } from '../session.js';
import { dependencyProviders } from './dependency-providers.js';

/** Options of {@link loadSecrets}. Everything is optional; the defaults are those of `fnox export`. */
export interface LoadSecretsOptions {
  /** Where config discovery starts, and where the app's package.json is looked for. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Profile or profile stack (`'prod'`, `'aws,prod'`, `['aws', 'prod']`). Default `FNOX_PROFILE`, else `default`. */
  readonly profile?: string | readonly string[];
  /**
   * The environment fnox reads: `FNOX_*` settings, provider settings (`FNOX_AGE_KEY`, `AWS_*`) and
   * the fallback for secrets without a value. Default `process.env`. It is never written to.
   */
  readonly env?: NodeJS.ProcessEnv;
  /** A config file, as `fnox -c`: a bare `fnox.toml` keeps discovery, any other path loads only that file. */
  readonly config?: string;
  /** Also return secrets with `env = false` or `env = "exec"`, as `fnox export --all`. Default false. */
  readonly all?: boolean;
  /** Runtime `if_missing` override, as `fnox --if-missing`. */
  readonly ifMissing?: IfMissing;
  /** Skip top-level secrets while a profile is active, as `--no-defaults`. */
  readonly noDefaults?: boolean;
  /**
   * Also write the values into `process.env`. By default an existing variable is overwritten, as
   * `fnox exec` does; `{ override: false }` keeps it.
   * @default false
   */
  readonly inject?: boolean | { readonly override?: boolean };
  /**
   * Look for provider packages among the app's dependencies (nearest package.json from `cwd`).
   * @default true
   */
  readonly discoverProviders?: boolean;
  /** More provider packages, e.g. ones installed outside the app. */
  readonly providers?: readonly PluginDescriptor[];
  /** A ready registry (tests, hosts with their own discovery); replaces discovery. */
  readonly registry?: ProviderRegistry;
  /** Where warnings go (missing secrets under `warn`, skipped plugins). Default: stderr. */
  readonly logger?: Logger;
  /** Cancels provider calls. */
  readonly signal?: AbortSignal;
}

function profiles(profile: LoadSecretsOptions['profile']): readonly string[] | undefined {
  if (profile === undefined) return undefined;
  return typeof profile === 'string' ? [profile] : profile;
}

/**
 * Resolve the secrets of the active profile the way `fnox export` does: secrets with `env = true`
 * (all with `all`), batch resolution, the same `if_missing` rules, secrets with no value left out,
 * `as_file` secrets as the path of a 0600 temp file. Returns name → value in config order and
 * writes nothing to `process.env` unless `inject` is set. Failures throw a `FnoxError` (code, hint,
 * never a secret value); print one with `renderError`.
 *
 * @example
 * ```ts
 * import { loadSecrets } from '@fnox/core';
 * const secrets = await loadSecrets({ profile: 'prod' });
 * connect(secrets.DATABASE_URL);
 * ```
 */
export async function loadSecrets(options: LoadSecretsOptions = {}): Promise<Record<string, string>> {
  try {
    return await loadSecretsOrThrow(options);
  } catch (error) {
    // Provider errors (and anything unexpected) reach the app as a FnoxError too: code, hint, exitCode.
    throw toFnoxError(error);
  }
}

async function loadSecretsOrThrow(options: LoadSecretsOptions): Promise<Record<string, string>> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const log = options.logger ?? stderrLogger(false);
  const stack = profiles(options.profile);
  const globalOptions: GlobalOptions = {
    nonInteractive: true,
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(stack === undefined ? {} : { profiles: stack }),
    ...(options.ifMissing === undefined ? {} : { ifMissing: options.ifMissing }),
    ...(options.noDefaults === undefined ? {} : { noDefaults: options.noDefaults }),
  };
  const registry =
    options.registry ??
    createProviderRegistry({
      plugins: [...(options.discoverProviders === false ? [] : dependencyProviders(cwd)), ...(options.providers ?? [])],
    });
  for (const warning of registry.report.warnings) log.warn(`Warning: ${warning}`);
  const session = createSession({
    cwd,
    env,
    options: globalOptions,
    registry,
    log,
    stdinIsTTY: false,
    ...(options.signal ? { signal: options.signal } : {}),
  });

  const effective = loadActiveConfig(session);
  const secrets = secretsFor(effective, options.all ? 'export-all' : 'export');
  const { values } = await resolveSecrets(session, effective, secrets);
  const out: Record<string, string> = {};
  for (const [key, value] of values) {
    if (value === undefined) continue;
    out[key] = secrets.get(key)?.config.as_file ? writeSecretFile(tempDirFor(env), 'fnox-export-', key, value) : value;
  }
  if (options.inject) {
    const override = options.inject === true || options.inject.override !== false;
    for (const [key, value] of Object.entries(out)) if (override || process.env[key] === undefined) process.env[key] = value;
  }
  return out;
}

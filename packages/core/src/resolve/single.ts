/**
 * Single-secret resolution (get, check, and the fallback of batch resolution): provider →
 * default → environment → if_missing, memoised per command with interpolation-cycle detection.
 * The pipeline is described in ARCHITECTURE.md ("The resolution pipeline").
 */
import type { EffectiveConfig, SecretConfig } from '../config/types.js';
import { FnoxError, isFnoxError } from '../errors.js';
import type { FnoxSession } from '../session.js';
import { createAuthPrompter, withAuthRetry, type AuthPrompter } from './auth-prompt.js';
import type { IfMissingPolicy } from './if-missing.js';
import { interpolationCycleError, renderDefault } from './interpolate.js';
import { postProcess } from './post-process.js';
import type { ProviderFactory } from './provider-factory.js';
import { errorMessage, providerStep } from './provider-step.js';

/** A resolved secret: its value, or `undefined` for "no value" (missing under warn/ignore). */
export type ResolvedValue = string | undefined;

/** What one command's resolution works with: shared by single and batch resolution. */
export interface ResolutionScope {
  readonly session: FnoxSession;
  readonly effective: EffectiveConfig;
  /** The working environment: read by the env fallback and providers, written by batch resolution. */
  readonly env: Record<string, string | undefined>;
  readonly factory: ProviderFactory;
  readonly ifMissing: IfMissingPolicy;
}

/** Single-mode resolution of one command (batch resolution reuses it; not public API). */
export interface SingleResolution {
  /** Resolve `key` in single mode; `lookup` overrides how `${NAME}` references are found. */
  single(key: string, stack: readonly string[], lookup?: (name: string) => Promise<ResolvedValue>): Promise<ResolvedValue>;
  /** Memoised single-mode resolution with interpolation-cycle detection. */
  cachedSingle(key: string, stack: readonly string[]): Promise<ResolvedValue>;
  /** The auth prompt of this command, shared so each provider is offered once. */
  readonly auth: AuthPrompter;
}

/** Create the single-mode resolution of one command. */
export function createSingleResolution(scope: ResolutionScope): SingleResolution {
  const { session, effective, env, factory, ifMissing } = scope;
  const auth = createAuthPrompter(session, effective, factory);
  const done = new Map<string, ResolvedValue>();

  /** Apply if_missing to a secret that produced nothing. */
  const missing = (key: string, secret: SecretConfig): ResolvedValue => {
    const policy = ifMissing.for(secret);
    if (policy === 'error') throw new FnoxError('secret_missing', `Secret '${key}' not found and no default provided`);
    if (policy === 'warn') session.log.warn(`Warning: Secret '${key}' not found and no default provided`);
    return undefined;
  };

  async function single(key: string, stack: readonly string[], lookup?: (name: string) => Promise<ResolvedValue>): Promise<ResolvedValue> {
    const entry = effective.secrets.get(key);
    if (!entry) throw new FnoxError('secret_not_found', `Secret '${key}' not found in profile '${effective.profileLabel}'`);
    const secret = entry.config;
    let raw: string | undefined;
    try {
      const step = providerStep(effective, secret);
      if (step) {
        raw = await withAuthRetry(auth, step.provider, async () => {
          const done = session.activity?.(`contacting provider '${step.provider}'`);
          try {
            const handle = await factory.instance(step.provider);
            return await handle.instance.get({ key, value: step.value });
          } finally {
            done?.();
          }
        });
      }
    } catch (error) {
      if (secret.default === undefined || session.signal.aborted) throw error;
      const quiet = isFnoxError(error) && error.code === 'provider_not_configured';
      const line = `Provider failed for secret '${key}', using its default: ${errorMessage(error)}`;
      if (quiet) session.log.debug(line);
      else session.log.warn(`WARN ${line}`);
    }
    if (raw !== undefined) return postProcess(raw, secret);
    if (secret.default !== undefined) {
      const refLookup = lookup ?? ((name: string) => cachedSingle(name, [...stack, key]));
      return postProcess(await renderDefault(key, secret.default, effective, refLookup), secret);
    }
    const fromEnv = env[key];
    if (fromEnv !== undefined) return postProcess(fromEnv, secret);
    return missing(key, secret);
  }

  async function cachedSingle(key: string, stack: readonly string[]): Promise<ResolvedValue> {
    if (done.has(key)) return done.get(key);
    const at = stack.indexOf(key);
    if (at >= 0) throw interpolationCycleError(stack.slice(at));
    const value = await single(key, stack);
    done.set(key, value);
    return value;
  }

  return { single, cachedSingle, auth };
}

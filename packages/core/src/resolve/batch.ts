/**
 * Batch resolution (ARCHITECTURE.md, "The resolution pipeline"): dependency levels over `${NAME}` references and provider env
 * dependencies; per level, one batch per provider instance (`getMany` when present, else `get`
 * with bounded concurrency); per-secret outcomes; if_missing per secret; failures aggregated.
 */
import type { ProviderHandle } from './provider-factory.js';
import { isUntrustedSource, type SecretConfig, type SecretMap } from '../config/types.js';
import { FnoxError } from '../errors.js';
import { authFailure } from './auth-prompt.js';
import { mapLimit } from './concurrency.js';
import { interpolationCycleError, renderDefault, templateRefs } from './interpolate.js';
import { computeLevels } from './levels.js';
import { postProcess } from './post-process.js';
import { errorMessage, providerStep } from './provider-step.js';
import { fromUntrustedFile } from '../trust/untrusted-value.js';
import type { ResolutionScope, ResolvedValue, SingleResolution } from './single.js';

/** Providers resolved at the same time, and `get` calls in flight per provider without `getMany`. */
export const PROVIDER_CONCURRENCY = 10;
export const GET_CONCURRENCY = 10;

/** A secret that could not be resolved under an `error` policy (or failed post-processing). */
interface Failure {
  readonly key: string;
  readonly provider: string | undefined;
  readonly error: unknown;
}

type Outcome = { ok: true; value: string } | { ok: false; error: unknown };

const isAuthFailure = (outcome: Outcome | undefined): boolean => outcome?.ok === false && authFailure(outcome.error) !== undefined;

/** One error for the whole batch: the single error unchanged, or one report listing every secret. */
function aggregate(failures: readonly Failure[]): unknown {
  if (failures.length === 1) return failures[0]?.error;
  return new FnoxError('secrets_unresolved', `${failures.length} secrets could not be resolved`, {
    details: failures.map((f) => `${f.key}${f.provider ? ` (provider '${f.provider}')` : ''}: ${errorMessage(f.error)}`),
  });
}

async function fetchGroup(handle: ProviderHandle, requests: { key: string; value: string }[]): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  const { instance } = handle;
  if (typeof instance.getMany === 'function') {
    let results: ReadonlyMap<string, { ok: boolean; value?: string; error?: unknown }>;
    try {
      results = await instance.getMany(requests);
    } catch (error) {
      const wrapped = new FnoxError('provider_api', `Provider error: ${errorMessage(error)}`, { cause: error });
      for (const r of requests) out.set(r.key, { ok: false, error: wrapped });
      return out;
    }
    for (const r of requests) {
      const result = results.get(r.key);
      if (result?.ok === true && typeof result.value === 'string') out.set(r.key, { ok: true, value: result.value });
      else if (result && !result.ok) out.set(r.key, { ok: false, error: result.error });
      else
        out.set(r.key, { ok: false, error: new FnoxError('provider_invalid_response', `Provider '${handle.entry.name}' returned no result for '${r.key}'`) });
    }
    return out;
  }
  await mapLimit(requests, GET_CONCURRENCY, async (r) => {
    try {
      out.set(r.key, { ok: true, value: await instance.get(r) });
    } catch (error) {
      out.set(r.key, { ok: false, error });
    }
  });
  return out;
}

/** Resolve `secrets` in batch mode; see {@link Resolver.resolveMany}. */
export async function resolveBatch(scope: ResolutionScope, secrets: SecretMap, internals: SingleResolution): Promise<Map<string, ResolvedValue>> {
  const { effective, factory, session, env } = scope;
  const results = new Map<string, ResolvedValue>();
  const keys = [...secrets.keys()];
  const configOf = (key: string): SecretConfig => secrets.get(key)?.config ?? {};

  // 1. Classify: default-provider errors are swallowed here (the secret becomes provider-less).
  const backed = new Map<string, { provider: string; value: string }>();
  for (const key of keys) {
    let step: { provider: string; value: string } | undefined;
    try {
      step = providerStep(effective, configOf(key));
    } catch {
      step = undefined;
    }
    if (step) backed.set(key, step);
  }

  // 2. Dependencies: `${NAME}` in defaults, and provider env dependencies naming another secret.
  const envDeps = new Map<string, readonly string[]>();
  for (const provider of new Set([...backed.values()].map((b) => b.provider))) {
    try {
      envDeps.set(provider, (await factory.definition(provider)).envDependencies ?? []);
    } catch {
      // Reported per secret when the level runs.
    }
  }
  const deps = new Map<string, Set<string>>();
  for (const key of keys) {
    const needs = new Set(templateRefs(configOf(key).default));
    const b = backed.get(key);
    if (b) for (const name of envDeps.get(b.provider) ?? []) needs.add(name);
    deps.set(key, needs);
  }
  const { levels, cyclic } = computeLevels(keys, deps);
  const all = [...levels];
  if (cyclic.length > 0) {
    // Only defaults that must be used (no provider step) make a cycle fatal.
    const mustUse = cyclic.filter((k) => !backed.has(k) && configOf(k).default !== undefined);
    const interp = new Map(mustUse.map((k) => [k, new Set(templateRefs(configOf(k).default))]));
    const stuck = computeLevels(mustUse, interp).cyclic;
    if (stuck.length > 0) throw interpolationCycleError(stuck);
    session.log.warn(`WARN Detected dependency cycle among secrets: ${cyclic.join(', ')}. Resolving best-effort.`);
    all.push(cyclic);
  }

  // References: values resolved so far, else (outside this batch) single mode on demand.
  const lookup = async (name: string): Promise<ResolvedValue> =>
    results.has(name) ? results.get(name) : secrets.has(name) ? undefined : internals.cachedSingle(name, []);

  for (const level of all) {
    const failures: Failure[] = [];
    const groups = new Map<string, { key: string; value: string }[]>();
    const plain: string[] = [];
    for (const key of level) {
      const b = backed.get(key);
      if (!b) plain.push(key);
      else {
        const group = groups.get(b.provider);
        if (group) group.push({ key, value: b.value });
        else groups.set(b.provider, [{ key, value: b.value }]);
      }
    }

    const settle = async (key: string, provider: string, outcome: Outcome): Promise<void> => {
      const secret = configOf(key);
      if (outcome.ok) {
        try {
          results.set(key, postProcess(outcome.value, secret));
        } catch (error) {
          failures.push({ key, provider, error }); // post-processing errors are hard, whatever the policy
        }
        return;
      }
      if (secret.default !== undefined) {
        session.log.debug(`Provider '${provider}' failed for secret '${key}', using its default: ${errorMessage(outcome.error)}`);
        try {
          results.set(key, postProcess(await renderDefault(key, secret.default, effective, lookup), secret));
        } catch (error) {
          failures.push({ key, provider, error });
        }
        return;
      }
      const policy = session.signal.aborted ? 'error' : scope.ifMissing.for(secret);
      if (policy === 'error') failures.push({ key, provider, error: outcome.error });
      else if (policy === 'warn') session.log.warn(`WARN Error resolving secret '${key}': ${errorMessage(outcome.error)}`);
      results.set(key, undefined);
    };

    const fetchFrom = async (provider: string, requests: { key: string; value: string }[]): Promise<Map<string, Outcome>> => {
      const done = session.activity?.(`contacting provider '${provider}'`);
      try {
        return await fetchGroup(await factory.instance(provider), requests);
      } catch (error) {
        return new Map(requests.map((r) => [r.key, { ok: false, error } as Outcome]));
      } finally {
        done?.();
      }
    };
    await mapLimit([...groups], PROVIDER_CONCURRENCY, async ([provider, requests]) => {
      const outcomes = await fetchFrom(provider, requests);
      // docs/configuration.md, "Authentication prompt": one offer per provider; when accepted and the command succeeded, its
      // auth-failed keys are fetched once more from a fresh instance.
      const denied = requests.filter((r) => isAuthFailure(outcomes.get(r.key)));
      const first = denied[0] ? outcomes.get(denied[0].key) : undefined;
      if (first && !first.ok && (await internals.auth.offer(provider, first.error))) {
        for (const [key, outcome] of await fetchFrom(provider, denied)) outcomes.set(key, outcome);
      }
      for (const r of requests) await settle(r.key, provider, outcomes.get(r.key) ?? { ok: false, error: new Error('no outcome') });
    });
    await mapLimit(plain, GET_CONCURRENCY, async (key) => {
      try {
        results.set(key, await internals.single(key, [], lookup));
      } catch (error) {
        failures.push({ key, provider: undefined, error });
      }
    });

    if (failures.length > 0) {
      const order = new Map(keys.map((k, i) => [k, i]));
      failures.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
      throw aggregate(failures);
    }
    // Later levels (providers reading env vars, exec children) see what was resolved; never a
    // value from an untrusted file (AWS_ENDPOINT_URL = { default = ... } would aim the user's keys),
    // not even through a trusted default's `${NAME}` that an untrusted file defines.
    for (const key of level) {
      const value = results.get(key);
      const untrusted = isUntrustedSource(effective.merged, secrets.get(key)?.source.file) || fromUntrustedFile(effective, key);
      if (value !== undefined && !untrusted) env[key] = value;
    }
  }

  return new Map(keys.map((key) => [key, results.get(key)]));
}

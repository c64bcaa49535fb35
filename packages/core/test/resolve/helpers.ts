/** Test helpers: effective configs built in memory, a fake registry, a capturing session. */
import {
  defineProvider,
  fieldsSchema,
  ProviderError,
  type BrandedProviderDefinition,
  type ProviderInstance,
  type SecretOutcome,
  type SecretRequest,
} from '@fnox/contract';
import type { EffectiveConfig, MergedConfig, ProfileConfig, ProviderConfig, SecretConfig, Sourced } from '../../src/config/types.js';
import { FnoxError } from '../../src/errors.js';
import { plainProvider } from '../../src/providers/plain.js';
import type { ProviderRegistry } from '../../src/providers/registry.js';
import type { FnoxSession, GlobalOptions } from '../../src/session.js';
import { scriptedIO } from '../scripted-io.js';

export interface Spec {
  secrets?: Record<string, SecretConfig>;
  providers?: Record<string, ProviderConfig>;
  profiles?: Record<string, { secrets?: Record<string, SecretConfig>; providers?: Record<string, ProviderConfig>; default_provider?: string }>;
  stack?: string[];
  default_provider?: string;
  if_missing?: 'error' | 'warn' | 'ignore';
  env?: true | false | 'exec';
  root?: boolean;
  file?: string;
}

function sourced<T>(entries: Record<string, T> | undefined, file: string | undefined, profile?: string): Map<string, Sourced<T>> {
  const map = new Map<string, Sourced<T>>();
  for (const [name, config] of Object.entries(entries ?? {})) map.set(name, { name, config, source: profile ? { file, profile } : { file } });
  return map;
}

/** An EffectiveConfig as the config engineer's loader would produce for `spec`. */
export function effective(spec: Spec): EffectiveConfig {
  const file = spec.file ?? '/project/fnox.toml';
  const profiles = new Map<string, ProfileConfig>();
  for (const [name, p] of Object.entries(spec.profiles ?? {})) {
    profiles.set(name, {
      providers: sourced(p.providers, file, name),
      secrets: sourced(p.secrets, file, name),
      ...(p.default_provider ? { defaultProvider: { name: p.default_provider, source: { file } } } : {}),
    });
  }
  const merged: MergedConfig = {
    root: spec.root ?? false,
    ...(spec.default_provider ? { defaultProvider: { name: spec.default_provider, source: { file } } } : {}),
    ...(spec.if_missing ? { ifMissing: spec.if_missing } : {}),
    ...(spec.env !== undefined ? { env: spec.env } : {}),
    providers: sourced(spec.providers, file),
    secrets: sourced(spec.secrets, file),
    profiles,
    files: [file],
  };
  const stack = (spec.stack ?? []).filter((p) => p !== 'default');
  const secrets = new Map(merged.secrets);
  const providers = new Map(merged.providers);
  for (const p of stack) {
    for (const [k, v] of profiles.get(p)?.secrets ?? []) secrets.set(k, v);
    for (const [k, v] of profiles.get(p)?.providers ?? []) providers.set(k, v);
  }
  for (const [k, v] of secrets) {
    if (v.config.env === undefined && spec.env !== undefined) secrets.set(k, { ...v, config: { ...v.config, env: spec.env } });
  }
  return { profiles: stack, profileLabel: stack.length ? stack.join(',') : 'default', merged, secrets, providers };
}

/** Counters a fake provider records into. */
export interface Calls {
  get: SecretRequest[];
  getMany: SecretRequest[][];
  created: { name: string; config: Record<string, unknown> }[];
  disposed: string[];
  maxInFlight: number;
}

export function newCalls(): Calls {
  return { get: [], getMany: [], created: [], disposed: [], maxInFlight: 0 };
}

/**
 * `fake` reads `value` as `ok:<plaintext>`, `fail:<code>:<message>`, `ref:<provider>:<value>`
 * (asks ctx.resolveSecret), `hang` (never answers, ignoring ctx.signal) or anything else
 * (returned reversed). `batch` has getMany.
 */
export function fakeDefinitions(calls: Calls): Record<string, BrandedProviderDefinition> {
  let inFlight = 0;
  const make = (type: string, batch: boolean) =>
    defineProvider({
      type,
      mode: 'read',
      configSchema: fieldsSchema({ token: { kind: 'string' }, other: { kind: 'string' }, identity: { kind: 'provider-ref' } }),
      create(config, ctx) {
        calls.created.push({ name: ctx.name, config: { ...config } });
        const one = async (req: SecretRequest): Promise<string> => {
          inFlight++;
          calls.maxInFlight = Math.max(calls.maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 2));
          inFlight--;
          const v = req.value;
          if (v === 'hang') return new Promise<string>(() => undefined);
          if (v.startsWith('ok:')) return v.slice(3);
          if (v.startsWith('env:')) return ctx.env[v.slice(4)] ?? '<unset>';
          if (v === 'token') return `token=${String(config.token)}`;
          if (v.startsWith('fail:')) {
            const [, code, ...msg] = v.split(':');
            throw new ProviderError(code as 'not-found', msg.join(':'));
          }
          if (v.startsWith('ref:')) {
            const [, provider, ...rest] = v.split(':');
            return ctx.resolveSecret(provider!, rest.join(':'));
          }
          if (v === 'identity' && config.identity) return ctx.resolveSecret(config.identity.provider, config.identity.value);
          return [...v].reverse().join('');
        };
        const instance: ProviderInstance = {
          async get(req) {
            calls.get.push(req);
            return one(req);
          },
          async dispose() {
            calls.disposed.push(ctx.name);
          },
        };
        if (batch) {
          instance.getMany = async (reqs) => {
            calls.getMany.push([...reqs]);
            if (reqs.some((r) => r.value === 'batch-explode')) throw new ProviderError('api', 'batch call exploded');
            const out = new Map<string, SecretOutcome>();
            for (const r of reqs) {
              try {
                out.set(r.key, { ok: true, value: await one(r) });
              } catch (error) {
                out.set(r.key, { ok: false, error: error as ProviderError });
              }
            }
            return out;
          };
        }
        return instance;
      },
    });
  // `envdep` reads DEP_TOKEN from its env at get time, and declares it, so DEP_TOKEN resolves first.
  const envdep = { ...make('envdep', false), envDependencies: ['DEP_TOKEN'] } as BrandedProviderDefinition;
  return { fake: make('fake', false), batch: make('batch', true), envdep, plain: plainProvider };
}

export function fakeRegistry(defs: Record<string, BrandedProviderDefinition>): ProviderRegistry {
  return {
    report: { providers: {}, conflicts: [], warnings: [] },
    entry: () => undefined,
    async load(type) {
      const def = defs[type];
      if (!def) {
        throw new FnoxError('provider_not_installed', `Provider type '${type}' is not installed`, {
          hint: `Install it with: fnox plugins install ${type} (package @fnox/provider-${type})`,
        });
      }
      return def;
    },
  };
}

export interface TestSession extends FnoxSession {
  readonly warnings: string[];
  readonly debugs: string[];
}

export function session(opts: { env?: Record<string, string>; options?: GlobalOptions; calls?: Calls; cwd?: string } = {}): TestSession {
  const warnings: string[] = [];
  const debugs: string[] = [];
  return {
    cwd: opts.cwd ?? '/project',
    env: { ...(opts.env ?? {}) },
    options: opts.options ?? {},
    registry: fakeRegistry(fakeDefinitions(opts.calls ?? newCalls())),
    log: { warn: (m) => warnings.push(m), debug: (m) => debugs.push(m), info: (m) => warnings.push(m) },
    stdinIsTTY: false,
    signal: new AbortController().signal,
    io: scriptedIO(),
    warnings,
    debugs,
  };
}

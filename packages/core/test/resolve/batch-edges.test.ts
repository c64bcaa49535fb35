/** Batch resolution's edges: malformed getMany replies, failure order, untrusted values kept out of env. */
import { defineProvider, fieldsSchema, ProviderError, type SecretOutcome } from '@fnox/contract';
import { describe, expect, it } from 'vitest';
import { createResolver } from '../../src/resolve/resolver.js';
import { effective, fakeDefinitions, fakeRegistry, newCalls, session, type Spec } from './helpers.js';

/** A provider whose getMany answers NUM with a number, MISSING with nothing, FAILV with a failure. */
const odd = defineProvider({
  type: 'odd',
  mode: 'read',
  configSchema: fieldsSchema({}),
  create: () => ({
    get: async () => 'unused',
    getMany: async () =>
      new Map<string, SecretOutcome>([
        ['NUM', { ok: true, value: 42 } as unknown as SecretOutcome],
        ['OKV', { ok: true, value: 'v' }],
        ['FAILV', { ok: false, error: new ProviderError('not-found', 'gone') }],
      ]),
  }),
});

/** Resolve `spec` (one trusted file, /project/fnox.toml) with the secrets named in `fromRepo` defined by an untrusted /repo/fnox.toml instead. */
async function resolve(spec: Spec, trusted = true, fromRepo: readonly string[] = []) {
  const calls = newCalls();
  const s = { ...session({ calls }), registry: fakeRegistry({ ...fakeDefinitions(calls), odd }) };
  const eff = effective(spec);
  const secrets = new Map(eff.secrets);
  for (const name of fromRepo) secrets.set(name, { ...secrets.get(name)!, source: { file: '/repo/fnox.toml' } });
  const trust = new Map([
    ['/project/fnox.toml', { trusted }],
    ['/repo/fnox.toml', { trusted: false }],
  ]);
  const r = createResolver(s, { ...eff, secrets, merged: { ...eff.merged, trust } } as typeof eff);
  try {
    const out = await r.resolveMany(secrets).then(
      (values) => ({ values: Object.fromEntries(values) }),
      (error: Error & { code?: string; details?: string[] }) => ({ error }),
    );
    return { ...out, env: r.env };
  } finally {
    await r.dispose();
  }
}

describe('batch resolution edges', () => {
  it('a getMany reply that is missing, or not a string (the guard says so first), fails that secret; failures are reported in config order', async () => {
    const out = await resolve({
      providers: { o: { type: 'odd' } },
      if_missing: 'error',
      secrets: {
        MISSING: { provider: 'o', value: 'm' },
        OKV: { provider: 'o', value: 'v' },
        FAILV: { provider: 'o', value: 'f' },
        NUM: { provider: 'o', value: 'n' },
      },
    });
    expect('error' in out && out.error.code).toBe('secrets_unresolved');
    const error = (out as { error: Error & { details?: string[] } }).error;
    expect(error.message).toBe('3 secrets could not be resolved');
    expect(error.details).toEqual([
      "MISSING (provider 'o'): Provider 'o' returned no result for 'MISSING'",
      "FAILV (provider 'o'): gone",
      "NUM (provider 'o'): Provider 'o' (type odd) returned a number from getMany() instead of a string",
    ]);
  });

  it('with one failure, that error itself is thrown', async () => {
    const out = await resolve({
      providers: { o: { type: 'odd' } },
      secrets: { OKV: { provider: 'o', value: 'v' }, FAILV: { provider: 'o', value: 'f', if_missing: 'error' } },
    });
    expect((out as { error: Error }).error.message).toBe('gone');
  });

  it('a value from an untrusted file never reaches the environment later levels and providers read', async () => {
    const spec: Spec = { providers: { e: { type: 'envdep' } }, secrets: { DEP_TOKEN: { default: 'tok' }, X: { provider: 'e', value: 'env:DEP_TOKEN' } } };
    const trusted = await resolve(spec);
    expect(trusted).toMatchObject({ values: { DEP_TOKEN: 'tok', X: 'tok' } });
    expect(trusted.env.DEP_TOKEN).toBe('tok'); // positive control
    const untrusted = await resolve(spec, false);
    expect(untrusted).toMatchObject({ values: { DEP_TOKEN: 'tok', X: '<unset>' } });
    expect(untrusted.env.DEP_TOKEN).toBeUndefined();
  });

  it("nor through a trusted default's ${NAME} that an untrusted file defines (transitively)", async () => {
    const spec: Spec = {
      providers: { e: { type: 'envdep' } },
      secrets: {
        BASE: { default: 'http://own' },
        MID: { default: '${BASE}' },
        DEP_TOKEN: { default: '${MID}/x' },
        X: { provider: 'e', value: 'env:DEP_TOKEN' },
      },
    };
    const own = await resolve(spec);
    expect(own).toMatchObject({ values: { DEP_TOKEN: 'http://own/x', X: 'http://own/x' } }); // positive control
    const attacked = await resolve(spec, true, ['BASE']);
    expect(attacked).toMatchObject({ values: { DEP_TOKEN: 'http://own/x', X: '<unset>' } });
    expect(attacked.env.DEP_TOKEN).toBeUndefined();
    expect(attacked.env.MID).toBeUndefined();
  });
});

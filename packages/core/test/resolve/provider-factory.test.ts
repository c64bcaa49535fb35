import { describe, expect, it } from 'vitest';
import { createProviderFactory } from '../../src/resolve/provider-factory.js';
import { toFnoxError } from '../../src/errors.js';
import { effective, newCalls, session } from './helpers.js';

describe('createProviderFactory', () => {
  it('builds one instance per provider name and disposes all', async () => {
    const calls = newCalls();
    const s = session({ calls });
    const f = createProviderFactory(s, effective({ providers: { a: { type: 'fake' }, b: { type: 'batch' } } }));
    const [x, y] = await Promise.all([f.instance('a'), f.instance('a')]);
    expect(x).toBe(y);
    await f.instance('b');
    expect(calls.created.map((c) => c.name)).toEqual(['a', 'b']);
    expect(x.entry.name).toBe('a');
    expect(x.definition.type).toBe('fake');
    await f.dispose();
    expect(calls.disposed.sort()).toEqual(['a', 'b']);
  });

  it('names a missing provider with did-you-mean', async () => {
    const f = createProviderFactory(session(), effective({ providers: { age: { type: 'fake' } }, stack: ['prod'] }));
    const err = await f.instance('agee').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'provider_not_configured', message: "Provider 'agee' not configured in profile 'prod'" });
    expect((err as { hint: string }).hint).toContain("Did you mean 'age'?");
  });

  it('unknown provider type: hint names the package to install', async () => {
    const f = createProviderFactory(session(), effective({ providers: { kms: { type: 'aws-kms' } } }));
    const err = await f.instance('kms').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'provider_not_installed' });
    expect((err as { hint: string }).hint).toContain('@fnox/provider-aws-kms');
  });

  it('validates the provider schema', async () => {
    const f = createProviderFactory(session(), effective({ providers: { a: { type: 'fake', bogus: 'x' } } }));
    await expect(f.instance('a')).rejects.toMatchObject({ code: 'provider_config_invalid' });
  });

  describe('{ secret = NAME } fields (ARCHITECTURE.md, "The resolution pipeline")', () => {
    const table = [
      { name: 'provider + value: fetched from that provider', secret: { provider: 'src', value: 'ok:from-src' }, env: {}, want: 'from-src' },
      { name: 'default used verbatim (no interpolation)', secret: { default: 'd-${X}' }, env: {}, want: 'd-${X}' },
      { name: 'value relying on default provider does not count', secret: { value: 'ok:no', default: 'dflt' }, env: {}, want: 'dflt' },
      { name: 'falls back to the environment', secret: {}, env: { TOKEN: 'from-env' }, want: 'from-env' },
      { name: 'undefined secret, env set', secret: undefined, env: { TOKEN: 'env-only' }, want: 'env-only' },
    ];
    for (const row of table) {
      it(row.name, async () => {
        const calls = newCalls();
        const s = session({ calls, env: row.env });
        const eff = effective({
          providers: { main: { type: 'fake', token: { secret: 'TOKEN' } }, src: { type: 'fake' } },
          secrets: row.secret ? { TOKEN: row.secret } : {},
        });
        const f = createProviderFactory(s, eff);
        const h = await f.instance('main');
        expect(await h.instance.get({ key: 'K', value: 'token' })).toBe(`token=${row.want}`);
      });
    }

    describe('trust (docs/security.md): values flow from trusted files only', () => {
      /** `main` (from the trusted /project file) takes `token` from secret TOKEN, defined in `tokenFile`. */
      function withTokenFrom(tokenFile: string, trust: Record<string, boolean>) {
        const eff = effective({ providers: { main: { type: 'fake', token: { secret: 'TOKEN' } } }, secrets: { TOKEN: { default: 'from-config' } } });
        const token = eff.secrets.get('TOKEN')!;
        const secrets = new Map(eff.secrets).set('TOKEN', { ...token, source: { ...token.source, file: tokenFile } });
        const verdicts = new Map(Object.entries(trust).map(([file, trusted]) => [file, { trusted } as never]));
        return { ...eff, secrets, merged: { ...eff.merged, trust: verdicts } };
      }

      it('positive control: a definition from a trusted file is used', async () => {
        const eff = withTokenFrom('/project/fnox.local.toml', { '/project/fnox.toml': true, '/project/fnox.local.toml': true });
        const h = await createProviderFactory(session({ env: { TOKEN: 'from-env' } }), eff).instance('main');
        expect(await h.instance.get({ key: 'K', value: 'token' })).toBe('token=from-config');
      });

      it('a definition from an untrusted file is refused, naming provider, field, secret and file', async () => {
        const eff = withTokenFrom('/repo/fnox.toml', { '/project/fnox.toml': true, '/repo/fnox.toml': false });
        await expect(createProviderFactory(session({ env: { TOKEN: 'from-env' } }), eff).instance('main')).rejects.toMatchObject({
          code: 'untrusted_provider_field',
          message: expect.stringContaining("Provider 'main' takes 'token' from secret 'TOKEN', which /repo/fnox.toml defines"),
        });
      });

      it("an untrusted file's own provider table may not take { secret = ... } values at all", async () => {
        const eff = withTokenFrom('/project/fnox.toml', { '/project/fnox.toml': false });
        await expect(createProviderFactory(session(), eff).instance('main')).rejects.toMatchObject({
          code: 'untrusted_provider_field',
          message: expect.stringContaining("sets 'token', which takes its value from a secret or your environment"),
        });
      });
    });

    it('unresolvable reference', async () => {
      const f = createProviderFactory(session(), effective({ providers: { main: { type: 'fake', token: { secret: 'NOPE' } } } }));
      await expect(f.instance('main')).rejects.toMatchObject({
        code: 'provider_config_resolution_failed',
        message: "Failed to resolve secret 'NOPE' for provider 'main' configuration: Secret 'NOPE' not found in config or environment",
      });
    });

    it('errors from the referenced provider propagate unchanged', async () => {
      const eff = effective({
        providers: { main: { type: 'fake', token: { secret: 'T' } }, src: { type: 'fake' } },
        secrets: { T: { provider: 'src', value: 'fail:not-found:remote thing missing' } },
      });
      await expect(createProviderFactory(session(), eff).instance('main')).rejects.toMatchObject({
        name: 'ProviderError',
        message: 'remote thing missing',
      });
    });

    it('cycles are named with their resolution path', async () => {
      const eff = effective({
        providers: { a: { type: 'fake', token: { secret: 'TA' } }, b: { type: 'fake', token: { secret: 'TB' } } },
        secrets: { TA: { provider: 'b', value: 'ok:x' }, TB: { provider: 'a', value: 'ok:y' } },
      });
      const f = createProviderFactory(session(), eff);
      const [ea, eb] = await Promise.all([f.instance('a').catch((e: unknown) => e), f.instance('b').catch((e: unknown) => e)]);
      expect(ea).toMatchObject({
        code: 'provider_config_cycle',
        message: "Circular dependency detected in provider configuration for 'a'",
        hint: 'Resolution path: a -> b -> a',
      });
      expect(eb).toMatchObject({ code: 'provider_config_cycle', hint: 'Resolution path: b -> a -> b' });
    });

    it('self reference is a cycle', async () => {
      const eff = effective({ providers: { a: { type: 'fake', token: { secret: 'T' } } }, secrets: { T: { provider: 'a', value: 'v' } } });
      await expect(createProviderFactory(session(), eff).instance('a')).rejects.toMatchObject({ hint: 'Resolution path: a -> a' });
    });
  });

  describe('context', () => {
    it('passes name, file, dir, env, the options the type declares, and global config dir', async () => {
      let seen: Record<string, unknown> = {};
      const s = session({ env: { FNOX_CONFIG_DIR: '/cfg' }, options: { providerOptions: { 'age-key-file': '/k.txt', other: 'x' } } });
      const base = s.registry;
      const spy = {
        ...base,
        load: async (type: string) => {
          const def = await base.load(type);
          return {
            ...def,
            options: ['age-key-file'],
            create: (c: unknown, ctx: Record<string, unknown>) => ((seen = ctx), def.create(c, ctx as never)),
          } as never;
        },
      };
      const f = createProviderFactory({ ...s, registry: spy }, effective({ providers: { p: { type: 'fake' } }, file: '/w/sub/fnox.toml' }));
      await f.instance('p');
      expect(seen).toMatchObject({ name: 'p', configFile: '/w/sub/fnox.toml', configDir: '/w/sub', globalConfigDir: '/cfg' });
      expect(seen.options).toEqual({ 'age-key-file': '/k.txt' });
    });

    it('resolveSecret asks another provider, and names a loop age-a -> age-b -> age-a', async () => {
      const eff = effective({
        providers: {
          'age-a': { type: 'fake', identity: { provider: 'age-b', value: 'identity' } },
          'age-b': { type: 'fake', identity: { provider: 'age-a', value: 'identity' } },
          plainish: { type: 'fake' },
        },
      });
      const f = createProviderFactory(session(), eff);
      const a = await f.instance('age-a');
      await expect(a.instance.get({ key: 'K', value: 'ref:plainish:ok:hello' })).resolves.toBe('hello');
      // It reaches the provider as a ProviderError (what a plugin passes on), and becomes the cycle code again.
      const error = await a.instance.get({ key: 'K', value: 'identity' }).catch((e: unknown) => e);
      expect(toFnoxError(error)).toMatchObject({
        code: 'provider_config_cycle',
        diagnostic: 'fnox::provider::config_cycle',
        message: "Circular dependency detected in provider configuration for 'age-a'",
        hint: 'Resolution path: age-a -> age-b -> age-a',
      });
      await f.dispose();
    });

    it('uses the env it is given', async () => {
      const env: Record<string, string | undefined> = { X: '1' };
      const f = createProviderFactory(session({ env: { X: 'session' } }), effective({ providers: { p: { type: 'fake' } } }), { env });
      const h = await f.instance('p');
      env.X = 'later';
      expect(await h.instance.get({ key: 'K', value: 'env:X' })).toBe('later');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { createResolver } from '../../src/resolve/resolver.js';
import { resolveDefaultProvider } from '../../src/resolve/default-provider.js';
import { effective, newCalls, session, type Spec } from './helpers.js';

const P = { p: { type: 'fake' } } as const;

async function one(spec: Spec, key: string, env: Record<string, string> = {}, options = {}) {
  const s = session({ env, options });
  const r = createResolver(s, effective(spec));
  try {
    const value = await r.resolveOne(key).catch((e: unknown) => ({ error: e as Error }));
    return { value, warnings: s.warnings, debugs: s.debugs };
  } finally {
    await r.dispose();
  }
}

describe('single-secret resolution order (ARCHITECTURE.md, "The resolution pipeline"; ARCHITECTURE.md, "Compatibility with upstream fnox")', () => {
  const rows: { name: string; secret: object; env?: Record<string, string>; want: unknown }[] = [
    { name: 'provider value', secret: { provider: 'p', value: 'ok:prov' }, want: 'prov' },
    { name: 'provider beats env', secret: { provider: 'p', value: 'ok:prov' }, env: { K: 'envv' }, want: 'prov' },
    { name: 'provider beats default', secret: { provider: 'p', value: 'ok:prov', default: 'd' }, want: 'prov' },
    { name: 'default beats env', secret: { default: 'dflt' }, env: { K: 'envv' }, want: 'dflt' },
    { name: 'env is the last fallback', secret: {}, env: { K: 'envv' }, want: 'envv' },
    { name: 'provider without value is ignored', secret: { provider: 'p' }, env: { K: 'envv' }, want: 'envv' },
    { name: 'failing provider falls to default', secret: { provider: 'p', value: 'fail:decrypt:bad key', default: 'd' }, want: 'd' },
    { name: 'sync wins over provider/value', secret: { provider: 'p', value: 'ok:orig', sync: { provider: 'p', value: 'ok:cached' } }, want: 'cached' },
    { name: 'value uses the only provider', secret: { value: 'ok:auto' }, want: 'auto' },
    { name: 'post-processing on env', secret: { json_path: 'a' }, env: { K: '{"a":"x"}' }, want: 'x' },
    { name: 'post-processing on default', secret: { default: 'l1\nl2', line: 2 }, want: 'l2' },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const { value } = await one({ providers: P, secrets: { K: row.secret } }, 'K', row.env);
      expect(value).toBe(row.want);
    });
  }

  it('provider failure without default is returned even under ignore (single mode ignores if_missing)', async () => {
    const { value } = await one({ providers: P, if_missing: 'ignore', secrets: { K: { provider: 'p', value: 'fail:decrypt:Age decryption failed: x' } } }, 'K');
    expect(value).toMatchObject({ error: { message: 'Age decryption failed: x' } });
  });

  it('a failing provider with a default logs WARN; a missing provider only debug', async () => {
    const a = await one({ providers: P, secrets: { K: { provider: 'p', value: 'fail:api:boom', default: 'd' } } }, 'K');
    expect(a.warnings.join('\n')).toContain('WARN');
    const b = await one({ providers: P, secrets: { K: { provider: 'nope', value: 'x', default: 'd' } } }, 'K');
    expect(b.value).toBe('d');
    expect(b.warnings).toEqual([]);
    expect(b.debugs.join('\n')).toContain("Provider 'nope' not configured");
  });

  it('unknown provider name: error with did-you-mean', async () => {
    const { value } = await one({ providers: { prod: { type: 'fake' } }, secrets: { K: { provider: 'prd', value: 'x' } } }, 'K');
    expect(value).toMatchObject({ error: { code: 'provider_not_configured', message: "Provider 'prd' not configured in profile 'default'" } });
  });

  it('unknown provider type: hint names the package', async () => {
    const { value } = await one({ providers: { kms: { type: 'aws-kms' } }, secrets: { K: { provider: 'kms', value: 'x' } } }, 'K');
    expect((value as { error: { hint: string } }).error.hint).toContain('@fnox/provider-aws-kms');
  });
});

describe('missing values and if_missing (ARCHITECTURE.md, "The resolution pipeline")', () => {
  it('error', async () => {
    const { value } = await one({ secrets: { K: { if_missing: 'error' } } }, 'K');
    expect(value).toMatchObject({ error: { message: "Secret 'K' not found and no default provided" } });
  });
  it('warn prints the exact Warning line', async () => {
    const r = await one({ secrets: { K: { if_missing: 'warn' } } }, 'K');
    expect(r.value).toBeUndefined();
    expect(r.warnings).toEqual(["Warning: Secret 'K' not found and no default provided"]);
  });
  it('ignore is silent', async () => {
    const r = await one({ secrets: { K: { if_missing: 'ignore' } } }, 'K');
    expect(r.value).toBeUndefined();
    expect(r.warnings).toEqual([]);
  });

  type Row = { name: string; flag?: string; env?: Record<string, string>; secret?: 'error' | 'warn' | 'ignore'; top?: 'error' | 'warn' | 'ignore'; want: string; warning?: string };
  const rows: Row[] = [
    { name: 'flag beats everything', flag: 'ignore', env: { FNOX_IF_MISSING: 'error', FNOX_IF_MISSING_DEFAULT: 'error' }, secret: 'error', top: 'error', want: 'ignore' },
    { name: 'flag is case-insensitive', flag: 'ERROR', want: 'error' },
    { name: 'invalid flag → warn + warning', flag: 'bogus', secret: 'ignore', want: 'warn', warning: "Warning: Invalid if_missing value 'bogus', using 'warn'" },
    { name: 'FNOX_IF_MISSING beats the secret', env: { FNOX_IF_MISSING: 'ignore' }, secret: 'error', want: 'ignore' },
    { name: 'invalid FNOX_IF_MISSING → warn', env: { FNOX_IF_MISSING: 'nah' }, secret: 'ignore', want: 'warn', warning: "Warning: Invalid if_missing value 'nah', using 'warn'" },
    { name: 'secret beats top level', secret: 'ignore', top: 'error', want: 'ignore' },
    { name: 'top level beats FNOX_IF_MISSING_DEFAULT', top: 'ignore', env: { FNOX_IF_MISSING_DEFAULT: 'error' }, want: 'ignore' },
    { name: 'FNOX_IF_MISSING_DEFAULT beats built-in', env: { FNOX_IF_MISSING_DEFAULT: 'error' }, want: 'error' },
    { name: 'invalid FNOX_IF_MISSING_DEFAULT → warn', env: { FNOX_IF_MISSING_DEFAULT: 'zz' }, want: 'warn', warning: "Warning: Invalid FNOX_IF_MISSING_DEFAULT value 'zz', using 'warn'" },
    { name: 'built-in default is warn', want: 'warn' },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const r = await one(
        { ...(row.top ? { if_missing: row.top } : {}), secrets: { K: row.secret ? { if_missing: row.secret } : {} } },
        'K',
        row.env ?? {},
        row.flag ? { ifMissing: row.flag } : {},
      );
      const got = r.value && typeof r.value === 'object' ? 'error' : r.warnings.some((w) => w.startsWith("Warning: Secret 'K'")) ? 'warn' : 'ignore';
      expect(got).toBe(row.want);
      if (row.warning) expect(r.warnings).toContain(row.warning);
    });
  }
});

describe('${NAME} interpolation in defaults (ARCHITECTURE.md, "The resolution pipeline")', () => {
  const rows: { name: string; secrets: Spec['secrets']; env?: Record<string, string>; key?: string; want: unknown }[] = [
    { name: 'basic', secrets: { HOST: { default: 'db' }, URL: { default: 'pg://${HOST}:5432' } }, key: 'URL', want: 'pg://db:5432' },
    { name: 'declaration order does not matter', secrets: { URL: { default: '${A}-${B}' }, A: { default: 'a' }, B: { default: 'b' } }, key: 'URL', want: 'a-b' },
    { name: 'nested references', secrets: { A: { default: '${B}!' }, B: { default: '${C}?' }, C: { default: 'c' } }, key: 'A', want: 'c?!' },
    { name: 'referenced secret from provider', secrets: { T: { provider: 'p', value: 'ok:tok' }, U: { default: 'x=${T}' } }, key: 'U', want: 'x=tok' },
    { name: 'referenced secret from env', secrets: { T: {}, U: { default: 'x=${T}' } }, env: { T: 'e' }, key: 'U', want: 'x=e' },
    { name: 'no-value reference becomes empty', secrets: { T: { if_missing: 'ignore' }, U: { default: '[${T}]' } }, key: 'U', want: '[]' },
    { name: 'unclosed ${ is literal', secrets: { U: { default: 'a ${B and more' } }, key: 'U', want: 'a ${B and more' },
    { name: '$NAME without braces is literal', secrets: { A: { default: 'x' }, U: { default: '$A' } }, key: 'U', want: '$A' },
    { name: 'provider value wins over interpolated default', secrets: { A: { default: 'a' }, U: { provider: 'p', value: 'ok:prov', default: '${A}' } }, key: 'U', want: 'prov' },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const { value } = await one({ providers: P, secrets: row.secrets }, row.key ?? 'U', row.env);
      expect(value).toBe(row.want);
    });
  }
  const errors: { name: string; secrets: Spec['secrets']; key: string; msg: string }[] = [
    { name: 'undefined reference', secrets: { U: { default: '${NOPE}' } }, key: 'U', msg: "Secret 'U' references undefined secret 'NOPE' in default value" },
    { name: 'empty reference', secrets: { U: { default: 'a${}b' } }, key: 'U', msg: "Secret 'U' has an empty interpolation reference in default value" },
    { name: 'cycle', secrets: { A: { default: '${B}' }, B: { default: '${A}' } }, key: 'A', msg: 'Interpolation dependency cycle among secrets: A, B' },
    { name: 'self cycle', secrets: { A: { default: 'x${A}' } }, key: 'A', msg: 'Interpolation dependency cycle among secrets: A' },
  ];
  for (const row of errors) {
    it(`error: ${row.name}`, async () => {
      const { value } = await one({ providers: P, secrets: row.secrets }, row.key);
      expect(value).toMatchObject({ error: { message: row.msg } });
    });
  }
});

describe('default provider (ARCHITECTURE.md, "The resolution pipeline")', () => {
  const rows: { name: string; spec: Spec; want: string | undefined | { error: string } }[] = [
    { name: 'no providers → error', spec: {}, want: { error: 'No providers configured. Add at least one provider to fnox.toml' } },
    { name: 'no providers, root → none', spec: { root: true }, want: undefined },
    { name: 'single provider auto-selected', spec: { providers: { only: { type: 'fake' } } }, want: 'only' },
    { name: 'two providers, no default → none', spec: { providers: { a: { type: 'fake' }, b: { type: 'fake' } } }, want: undefined },
    { name: 'top-level default', spec: { providers: { a: { type: 'fake' }, b: { type: 'fake' } }, default_provider: 'b' }, want: 'b' },
    { name: 'top-level default missing', spec: { providers: { a: { type: 'fake' } }, default_provider: 'x' }, want: { error: "Default provider 'x' not found in configuration" } },
    {
      name: 'last profile that sets one wins',
      spec: { providers: { a: { type: 'fake' }, b: { type: 'fake' }, c: { type: 'fake' } }, default_provider: 'a', profiles: { p1: { default_provider: 'b' }, p2: { default_provider: 'c' }, p3: {} }, stack: ['p1', 'p2', 'p3'] },
      want: 'c',
    },
    { name: 'profile default missing', spec: { providers: { a: { type: 'fake' } }, profiles: { p1: { default_provider: 'zz' } }, stack: ['p1'] }, want: { error: "Default provider 'zz' not found in profile 'p1'" } },
  ];
  for (const row of rows) {
    it(row.name, () => {
      if (row.want && typeof row.want === 'object') expect(() => resolveDefaultProvider(effective(row.spec))).toThrow(row.want.error);
      else expect(resolveDefaultProvider(effective(row.spec))).toBe(row.want);
    });
  }
  it('value with two providers and no default is silently ignored (falls to env)', async () => {
    const { value } = await one({ providers: { a: { type: 'fake' }, b: { type: 'fake' } }, secrets: { K: { value: 'ok:x' } } }, 'K', { K: 'env' });
    expect(value).toBe('env');
  });
  it('default provider error counts as a provider error (default rescues it)', async () => {
    const { value } = await one({ secrets: { K: { value: 'x', default: 'd' } } }, 'K');
    expect(value).toBe('d');
  });
});

describe('profiles re-point providers by name', () => {
  it('a profile redefines the provider an inherited secret uses', async () => {
    const calls = newCalls();
    const spec: Spec = {
      providers: { p: { type: 'fake' } },
      profiles: { prod: { providers: { p: { type: 'batch' } } } },
      secrets: { K: { provider: 'p', value: 'ok:v' } },
      stack: ['prod'],
    };
    const s = session({ calls });
    const r = createResolver(s, effective(spec));
    expect(await r.resolveOne('K')).toBe('v');
    expect((await r.factory.instance('p')).definition.type).toBe('batch');
  });
});

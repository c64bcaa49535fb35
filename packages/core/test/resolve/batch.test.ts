import { describe, expect, it } from 'vitest';
import { computeLevels } from '../../src/resolve/levels.js';
import { createResolver } from '../../src/resolve/resolver.js';
import { secretsFor } from '../../src/resolve/env-mode.js';
import { effective, newCalls, session, type Calls, type Spec } from './helpers.js';

async function many(spec: Spec, env: Record<string, string> = {}, options = {}, calls: Calls = newCalls()) {
  const s = session({ env, options, calls });
  const eff = effective(spec);
  const r = createResolver(s, eff);
  try {
    const out = await r.resolveMany(eff.secrets).catch((e: unknown) => ({ error: e as Error & { code?: string; details?: string[] } }));
    return { out, warnings: s.warnings, env: r.env, sessionEnv: s.env, calls };
  } finally {
    await r.dispose();
  }
}

const obj = (m: unknown) => (m instanceof Map ? Object.fromEntries(m) : m);

describe('batch resolution (ARCHITECTURE.md, "The resolution pipeline")', () => {
  it('resolves in config order with provider, default, env', async () => {
    const { out } = await many(
      { providers: { p: { type: 'fake' } }, secrets: { Z: { provider: 'p', value: 'ok:z' }, A: { default: 'a' }, E: {}, N: { if_missing: 'ignore' } } },
      { E: 'from-env' },
    );
    expect([...(out as Map<string, unknown>).entries()]).toEqual([
      ['Z', 'z'],
      ['A', 'a'],
      ['E', 'from-env'],
      ['N', undefined],
    ]);
  });

  it('a provider value beats the default of the same secret (the default is only a fallback)', async () => {
    const { out, calls } = await many({ providers: { p: { type: 'fake' } }, secrets: { K: { provider: 'p', value: 'ok:from-provider', default: 'from-default' } } });
    expect(obj(out)).toEqual({ K: 'from-provider' });
    expect(calls.get.length + calls.getMany.length).toBeGreaterThan(0);
  });

  it('env never overrides a provider value or default', async () => {
    const { out } = await many({ providers: { p: { type: 'fake' } }, secrets: { K: { provider: 'p', value: 'ok:cfg' }, D: { default: 'dd' } } }, { K: 'env', D: 'env' });
    expect(obj(out)).toEqual({ K: 'cfg', D: 'dd' });
  });

  describe('provider failures per if_missing (batch mode consults it)', () => {
    const spec = (policy: 'error' | 'warn' | 'ignore'): Spec => ({
      providers: { p: { type: 'fake' } },
      secrets: { OK: { provider: 'p', value: 'ok:fine' }, BAD: { provider: 'p', value: 'fail:decrypt:Age decryption failed: no match', if_missing: policy } },
    });
    it('warn: WARN line, no value, others resolved', async () => {
      const r = await many(spec('warn'));
      expect(obj(r.out)).toEqual({ OK: 'fine', BAD: undefined });
      expect(r.warnings).toEqual(["WARN Error resolving secret 'BAD': Age decryption failed: no match"]);
    });
    it('ignore: silent', async () => {
      const r = await many(spec('ignore'));
      expect(obj(r.out)).toEqual({ OK: 'fine', BAD: undefined });
      expect(r.warnings).toEqual([]);
    });
    it('error: the single error unchanged', async () => {
      const r = await many(spec('error'));
      expect(r.out).toMatchObject({ error: { name: 'ProviderError', message: 'Age decryption failed: no match' } });
    });
    it('error: several failures aggregated into one report naming key, provider, reason', async () => {
      const r = await many({
        if_missing: 'error',
        providers: { p: { type: 'fake' } },
        secrets: { A: { provider: 'p', value: 'fail:not-found:gone' }, B: { provider: 'nope', value: 'x' }, C: { provider: 'p', value: 'ok:c' } },
      });
      expect(r.out).toMatchObject({ error: { code: 'secrets_unresolved', message: '2 secrets could not be resolved' } });
      expect((r.out as { error: { details: string[] } }).error.details).toEqual([
        "A (provider 'p'): gone",
        "B (provider 'nope'): Provider 'nope' not configured in profile 'default'",
      ]);
    });
    it('a default rescues a failing provider', async () => {
      const r = await many({ providers: { p: { type: 'fake' } }, secrets: { A: { default: 'a' }, K: { provider: 'p', value: 'fail:api:x', default: 'fb-${A}', if_missing: 'error' } } });
      expect(obj(r.out)).toEqual({ A: 'a', K: 'fb-a' });
    });
    it('unknown provider under warn: WARN and continue', async () => {
      const r = await many({ secrets: { K: { provider: 'ghost', value: 'x' } }, providers: { p: { type: 'fake' } } });
      expect(obj(r.out)).toEqual({ K: undefined });
      expect(r.warnings[0]).toMatch(/^WARN Error resolving secret 'K': Provider 'ghost' not configured/);
    });
    it('post-processing errors are hard even under ignore', async () => {
      const r = await many({ if_missing: 'ignore', providers: { p: { type: 'fake' } }, secrets: { J: { provider: 'p', value: 'ok:not json', json_path: 'a' } } });
      expect(r.out).toMatchObject({ error: { message: expect.stringMatching(/^Failed to parse JSON secret/) } });
    });
    it('whole getMany failure is wrapped as Provider error', async () => {
      const r = await many({ providers: { b: { type: 'batch' } }, secrets: { A: { provider: 'b', value: 'batch-explode' }, B: { provider: 'b', value: 'ok:b' } } });
      expect(obj(r.out)).toEqual({ A: undefined, B: undefined });
      expect(r.warnings).toContain("WARN Error resolving secret 'A': Provider error: batch call exploded");
    });
    it('missing secret under warn uses the Warning: line', async () => {
      const r = await many({ secrets: { M: {} } });
      expect(r.warnings).toEqual(["Warning: Secret 'M' not found and no default provided"]);
    });
  });

  describe('grouping by provider instance', () => {
    it('one getMany per provider per level', async () => {
      const secrets: Spec['secrets'] = {};
      for (let i = 0; i < 30; i++) secrets[`S${i}`] = { provider: i % 2 ? 'b1' : 'b2', value: `ok:v${i}` };
      const r = await many({ providers: { b1: { type: 'batch' }, b2: { type: 'batch' } }, secrets });
      expect(r.calls.getMany).toHaveLength(2);
      expect(r.calls.getMany.map((g) => g.length).sort()).toEqual([15, 15]);
      expect(r.calls.created.map((c) => c.name).sort()).toEqual(['b1', 'b2']);
      expect((r.out as Map<string, string>).get('S7')).toBe('v7');
    });
    it('a provider without getMany gets get() with bounded concurrency (≤ 10)', async () => {
      const secrets: Spec['secrets'] = {};
      for (let i = 0; i < 40; i++) secrets[`S${i}`] = { provider: 'f', value: `ok:${i}` };
      const r = await many({ providers: { f: { type: 'fake' } }, secrets });
      expect(r.calls.get).toHaveLength(40);
      expect(r.calls.maxInFlight).toBeLessThanOrEqual(10);
      expect(r.calls.maxInFlight).toBeGreaterThan(1);
      expect(r.calls.created).toHaveLength(1);
    });
  });

  describe('levels and the working environment', () => {
    it('resolved values are exported into the working env, not the session env', async () => {
      const r = await many({ providers: { p: { type: 'fake' } }, secrets: { A: { provider: 'p', value: 'ok:1' }, B: { default: '2' } } }, { KEEP: 'k' });
      expect(r.env).toMatchObject({ A: '1', B: '2', KEEP: 'k' });
      expect(r.sessionEnv).toEqual({ KEEP: 'k' });
    });
    it('a provider env dependency is resolved first and visible to the provider', async () => {
      const r = await many({
        providers: { e: { type: 'envdep' }, p: { type: 'fake' } },
        secrets: { USES: { provider: 'e', value: 'env:DEP_TOKEN' }, DEP_TOKEN: { provider: 'p', value: 'ok:tok123' } },
      });
      expect(obj(r.out)).toEqual({ USES: 'tok123', DEP_TOKEN: 'tok123' });
    });
    it('interpolation cycle among defaults that must be used is an error', async () => {
      const r = await many({ secrets: { A: { default: '${B}' }, B: { default: '${A}' }, C: { default: 'c' } } });
      expect(r.out).toMatchObject({ error: { message: 'Interpolation dependency cycle among secrets: A, B' } });
    });
    it('a cycle through a provider-backed secret is resolved best-effort with a warning', async () => {
      const r = await many({ providers: { p: { type: 'fake' } }, secrets: { A: { provider: 'p', value: 'ok:a', default: '${B}' }, B: { default: '<${A}>' } } });
      expect(obj(r.out)).toEqual({ A: 'a', B: '<a>' });
      expect(r.warnings.join('\n')).toContain('WARN Detected dependency cycle among secrets: A, B');
    });
    it('references outside the batch resolve on demand', async () => {
      const spec: Spec = { secrets: { HIDDEN: { default: 'h', env: false }, SHOWN: { default: 'x${HIDDEN}' } } };
      const s = session();
      const eff = effective(spec);
      const r = createResolver(s, eff);
      const out = await r.resolveMany(secretsFor(eff, 'export'));
      expect(obj(out)).toEqual({ SHOWN: 'xh' });
    });
  });

  it('computeLevels orders dependencies and reports cycles in input order', () => {
    const deps = new Map([
      ['A', new Set(['B'])],
      ['B', new Set(['C'])],
      ['X', new Set(['Y'])],
      ['Y', new Set(['X'])],
    ]);
    expect(computeLevels(['A', 'B', 'C', 'X', 'Y', 'Z'], deps)).toEqual({ levels: [['C', 'Z'], ['B'], ['A']], cyclic: ['X', 'Y'] });
  });
});

describe('env modes per command (ARCHITECTURE.md, "The resolution pipeline")', () => {
  const eff = effective({ secrets: { T: { env: true }, X: { env: 'exec' }, F: { env: false }, D: {} } });
  const rows: [Parameters<typeof secretsFor>[1], string[]][] = [
    ['exec', ['T', 'X', 'F', 'D']],
    ['export', ['T', 'D']],
    ['export-all', ['T', 'X', 'F', 'D']],
    ['hook-env', ['T', 'D']],
    ['list', ['T', 'X', 'F', 'D']],
  ];
  for (const [purpose, keys] of rows) it(purpose, () => expect([...secretsFor(eff, purpose).keys()]).toEqual(keys));
  it('top-level env applies to secrets without their own', () => {
    const e = effective({ env: false, secrets: { A: {}, B: { env: true } } });
    expect([...secretsFor(e, 'export').keys()]).toEqual(['B']);
  });
});

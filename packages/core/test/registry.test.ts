import { fileURLToPath } from 'node:url';
import type { PluginDescriptor, ProviderContext } from '@fnox/contract';
import { createTestContext } from '@fnox/contract/testing';
import { describe, expect, it } from 'vitest';
import { createProviderRegistry, FnoxError, instantiateProvider } from '../src/index.js';
import { withBuiltins, withoutImpostors } from '../src/providers/registry.js';

const fixtures = fileURLToPath(new URL('./registry-fixtures/', import.meta.url));

function fixture(type: string, mode: string, origin = 'user'): PluginDescriptor {
  return {
    name: `fnox-provider-${type}`,
    version: '1.0.0',
    root: `${fixtures}${type}`,
    type: origin,
    pjson: { fnox: { contract: 1, providers: { [type]: { entry: './provider.js', mode } } } },
  };
}

const context: ProviderContext = createTestContext({ name: 'p', resolveSecret: async () => '' });

async function failure(promise: Promise<unknown>): Promise<FnoxError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FnoxError);
    return error as FnoxError;
  }
  throw new Error('expected a failure');
}

describe('provider registry', () => {
  it('imports a provider entry only when it is first used, then memoises it', async () => {
    const g = globalThis as { __fnoxCountedImports?: number };
    const registry = createProviderRegistry({ plugins: [fixture('counted', 'read')] });
    expect(registry.entry('counted')?.origin).toBe('user');
    expect(g.__fnoxCountedImports ?? 0).toBe(0);
    const definition = await registry.load('counted');
    expect(g.__fnoxCountedImports).toBe(1);
    await registry.load('counted');
    expect(g.__fnoxCountedImports).toBe(1);
    const instance = await instantiateProvider(definition, { prefix: 'v:' }, context);
    expect(await instance.get({ key: 'K', value: 'x' })).toBe('v:x');
  });

  it('always has the builtin plain provider', async () => {
    const registry = createProviderRegistry();
    expect(registry.entry('plain')?.origin).toBe('builtin');
    const plain = await registry.load('plain');
    const instance = await instantiateProvider(plain, {}, context);
    expect(await instance.put!('K', 'v')).toBe('v');
  });

  it.each([
    ['unbranded', 'read', 'does not default-export a definition made with defineProvider()'],
    ['wrong-type', 'read', "declares type 'something-else' in code but 'wrong-type' in package.json"],
    ['wrong-mode', 'read', "declares mode 'encrypt' in code but 'read' in package.json"],
    ['future-contract', 'read', 'was built for provider contract 2; this fnox supports contract 1'],
    ['broken', 'read', 'Could not load provider'],
  ])('refuses the %s plugin with a clear message', async (type, mode, fragment) => {
    const registry = createProviderRegistry({ plugins: [fixture(type, mode)] });
    const error = await failure(registry.load(type));
    expect(error.code).toBe('provider_invalid_plugin');
    expect(error.message).toContain(fragment);
    expect(error.message).toContain(`fnox-provider-${type}`);
    expect(error.hint).toBeTruthy();
  });

  it('refuses an instance whose methods disagree with its mode', async () => {
    const registry = createProviderRegistry({ plugins: [fixture('no-put', 'store')] });
    const error = await failure(instantiateProvider(await registry.load('no-put'), {}, context));
    expect(error.code).toBe('provider_invalid_plugin');
    expect(error.message).toBe("Provider type 'no-put' declares mode 'store' but does not implement put()");
  });

  it('validates provider config through its Standard Schema, naming the provider and file', async () => {
    const registry = createProviderRegistry({ plugins: [fixture('counted', 'read')] });
    const error = await failure(
      instantiateProvider(await registry.load('counted'), { prefx: 'x' }, { ...context, name: 'mine', configFile: '/p/fnox.toml' }),
    );
    expect(error.code).toBe('provider_config_invalid');
    expect(error.message).toBe(
      "Invalid configuration for provider 'mine' (type counted) in /p/fnox.toml: providers.mine.prefx: unknown field `prefx`, expected one of `prefix`",
    );
    expect(error.details).toEqual(['providers.mine.prefix: missing field `prefix`']);
  });

  it('names the package to install for an unknown but installable type', async () => {
    const error = await failure(createProviderRegistry().load('aws-kms'));
    expect(error.code).toBe('provider_not_installed');
    expect(error.message).toBe("Provider type 'aws-kms' is not installed");
    expect(error.hint).toBe('Install it with: fnox plugins install aws-kms (package @fnox/provider-aws-kms)');
    const sm = await failure(createProviderRegistry().load('aws-sm'));
    expect(sm.hint).toContain('@fnox/provider-secrets-manager');
  });

  it('says when an upstream provider type is not in this build, and when a type is unknown', async () => {
    const vault = await failure(createProviderRegistry().load('vault'));
    expect(vault.message).toBe("Provider type 'vault' (HashiCorp Vault) is not installed, and fnox has no plugin of its own for it");
    expect(vault.hint).toContain('fnox plugins install fnox-provider-vault');
    const keychain = await failure(createProviderRegistry().load('keychain'));
    expect(keychain.hint).toBe('Install it with: fnox plugins install keychain (package @fnox/provider-keychain)');
    const unknown = await failure(createProviderRegistry().load('nope'));
    expect(unknown.message).toBe("Unknown provider type 'nope'");
    expect(unknown.hint).toContain('fnox-provider-nope');
  });

  it('refuses a type claimed by two user plugins, naming both', async () => {
    const a = fixture('counted', 'read', 'user');
    const b = { ...fixture('counted', 'read', 'link'), name: '@acme/fnox-provider-counted' };
    const error = await failure(createProviderRegistry({ plugins: [a, b] }).load('counted'));
    expect(error.code).toBe('provider_conflict');
    expect(error.message).toBe(
      "Provider type 'counted' is provided by more than one plugin: fnox-provider-counted (user) and @acme/fnox-provider-counted (link)",
    );
  });

  it('keeps the builtin plain provider when a plugin claims its type', () => {
    const registry = createProviderRegistry({ plugins: [fixture('plain', 'encrypt')] });
    expect(registry.entry('plain')?.origin).toBe('builtin');
    expect(registry.report.conflicts[0]).toMatchObject({ type: 'plain', winner: '@fnox/core' });
  });

  it('drops a plugin\'s claim on a first-party type, keeping its other types and warning first', async () => {
    const impostor: PluginDescriptor = {
      ...fixture('counted', 'read'),
      name: 'fnox-provider-evil',
      pjson: { fnox: { contract: 1, providers: { age: { entry: './provider.js', mode: 'encrypt' }, counted: { entry: './provider.js', mode: 'read' } } } },
    };
    const registry = createProviderRegistry({ plugins: [impostor] });
    expect(registry.entry('age')).toBeUndefined();
    expect(registry.entry('counted')?.packageName).toBe('fnox-provider-evil');
    expect(registry.report.warnings[0]).toBe("fnox-provider-evil: provider type 'age' belongs to @fnox/provider-age; skipped");
    expect((await failure(registry.load('age'))).code).toBe('provider_not_installed');
    const { plugins, warnings } = withoutImpostors([impostor]);
    expect(warnings).toEqual(["fnox-provider-evil: provider type 'age' belongs to @fnox/provider-age; skipped"]);
    expect(plugins[0]!.pjson.fnox).toEqual({ contract: 1, providers: { counted: { entry: './provider.js', mode: 'read' } } });
    expect(impostor.pjson.fnox).toMatchObject({ providers: { age: expect.anything() } });
  });

  it('lets a first-party type come from its own package, and leaves plugins without claims untouched', () => {
    const own: PluginDescriptor = { ...fixture('age', 'encrypt'), name: '@fnox/provider-age' };
    const bare: PluginDescriptor = { name: 'x', version: '1', root: '/x', type: 'user', pjson: {} };
    const odd: PluginDescriptor = { name: 'y', version: '1', root: '/y', type: 'user', pjson: { fnox: { providers: 'age' } } };
    const unknown: PluginDescriptor = { ...fixture('nope', 'read'), name: 'z' };
    const result = withoutImpostors([own, bare, odd, unknown]);
    expect(result.warnings).toEqual([]);
    expect(result.plugins).toEqual([own, bare, odd, unknown]);
    expect(result.plugins[0]).toBe(own);
    expect(createProviderRegistry({ plugins: [own] }).entry('age')?.packageName).toBe('@fnox/provider-age');
  });

  it('warns for each stolen type, and a report without impostors keeps its own warnings', () => {
    const greedy: PluginDescriptor = {
      ...fixture('counted', 'read'),
      name: 'greedy',
      pjson: { fnox: { contract: 1, providers: { age: { entry: './a.js', mode: 'encrypt' }, keychain: { entry: './k.js', mode: 'read' } } } },
    };
    expect(withoutImpostors([greedy]).warnings).toEqual([
      "greedy: provider type 'age' belongs to @fnox/provider-age; skipped",
      "greedy: provider type 'keychain' belongs to @fnox/provider-keychain; skipped",
    ]);
    expect(createProviderRegistry({ plugins: [fixture('counted', 'read')] }).report.warnings).toEqual([]);
  });

  it('adds the builtins to a given report without conflict when nothing else claims their type', () => {
    const report = withBuiltins({ providers: {}, conflicts: [], warnings: ['w'] });
    expect(report.providers.plain?.origin).toBe('builtin');
    expect(report.conflicts).toEqual([]);
    expect(report.warnings).toEqual(['w']);
    const again = withBuiltins(report);
    expect(again.conflicts).toEqual([]);
  });

  it('names both packages when a plugin claims a builtin type', () => {
    const registry = createProviderRegistry({ plugins: [fixture('plain', 'encrypt')] });
    expect(registry.report.conflicts).toEqual([
      {
        type: 'plain',
        packages: [
          { name: '@fnox/core', origin: 'builtin' },
          { name: 'fnox-provider-plain', origin: 'user' },
        ],
        winner: '@fnox/core',
      },
    ]);
  });

  it('a conflict on one type does not make another missing type look conflicted', async () => {
    const a = fixture('counted', 'read', 'user');
    const b = { ...fixture('counted', 'read', 'link'), name: '@acme/fnox-provider-counted' };
    const error = await failure(createProviderRegistry({ plugins: [a, b] }).load('nope'));
    expect(error.message).toBe("Unknown provider type 'nope'");
  });

  it('imports each type once, sharing the pending load', async () => {
    const paths: string[] = [];
    const definition = (await createProviderRegistry().load('plain')) as unknown;
    const registry = createProviderRegistry({
      plugins: [fixture('counted', 'read')],
      importModule: async (path) => {
        paths.push(path);
        return { default: { ...(definition as object), type: 'counted', mode: 'read' } };
      },
    });
    const first = registry.load('counted');
    expect(registry.load('counted')).toBe(first);
    await first.catch(() => undefined);
    await registry.load('counted').catch(() => undefined);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^\/.*\/counted\/provider\.js$/);
  });

  it('a module that fails to import or exports nothing is named, with the first line of the reason and its cause', async () => {
    const cause = new Error('line one\nline two');
    const thrown = await failure(createProviderRegistry({ plugins: [fixture('counted', 'read')], importModule: () => Promise.reject(cause) }).load('counted'));
    expect(thrown.code).toBe('provider_invalid_plugin');
    expect(thrown.message).toBe("Could not load provider 'counted' from fnox-provider-counted: line one");
    expect(thrown.cause).toBe(cause);
    const nothing = await failure(createProviderRegistry({ plugins: [fixture('counted', 'read')], importModule: async () => undefined }).load('counted'));
    expect(nothing.message).toBe("Provider 'counted' from fnox-provider-counted does not default-export a definition made with defineProvider()");
  });

  it('reads claims only from an object fnox field with an object providers table', () => {
    const nullField: PluginDescriptor = { name: 'n', version: '1', root: '/n', type: 'user', pjson: { fnox: null } };
    expect(withoutImpostors([nullField])).toEqual({ plugins: [nullField], warnings: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { readProviderManifests, type PluginDescriptor } from '../src/index.js';

function plugin(name: string, type: string, fnox: unknown): PluginDescriptor {
  return { name, version: '1.0.0', root: `/plugins/${name}`, type, pjson: { name, fnox } };
}

const provides = (providerType: string, mode = 'encrypt', contract: unknown = 1) => ({
  contract,
  providers: { [providerType]: { entry: './dist/provider.js', mode, title: providerType.toUpperCase(), summary: 's' } },
});

describe('readProviderManifests', () => {
  it('indexes provider types from package manifests without importing anything', () => {
    const report = readProviderManifests([
      plugin('@fnox/provider-age', 'core', provides('age')),
      plugin('fnox-provider-env-file', 'user', provides('env-file', 'read')),
      plugin('@oclif/plugin-help', 'core', undefined),
    ]);
    expect(Object.keys(report.providers).sort()).toEqual(['age', 'env-file']);
    expect(report.providers['env-file']).toMatchObject({
      packageName: 'fnox-provider-env-file',
      root: '/plugins/fnox-provider-env-file',
      entry: './dist/provider.js',
      mode: 'read',
      origin: 'user',
      contract: 1,
    });
    expect(report.conflicts).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('maps oclif plugin types to origins (dev counts as core)', () => {
    const report = readProviderManifests([plugin('a', 'dev', provides('a')), plugin('b', 'link', provides('b')), plugin('c', 'dependency', provides('c'))]);
    expect(report.providers.a?.origin).toBe('core');
    expect(report.providers.b?.origin).toBe('link');
    expect(report.providers.c?.origin).toBe('dependency');
  });

  it('skips a package built for an unknown contract version, with a warning naming both versions', () => {
    const report = readProviderManifests([plugin('fnox-provider-future', 'user', provides('future', 'encrypt', 2))]);
    expect(report.providers.future).toBeUndefined();
    expect(report.warnings).toEqual(['fnox-provider-future: built for fnox provider contract 2, this fnox supports contract 1; its providers are skipped']);
  });

  it('makes a type claimed by two user plugins unusable and names both packages', () => {
    const report = readProviderManifests([
      plugin('fnox-provider-vault', 'user', provides('vault')),
      plugin('@acme/fnox-provider-vault', 'link', provides('vault')),
    ]);
    expect(report.providers.vault).toBeUndefined();
    expect(report.conflicts).toEqual([
      {
        type: 'vault',
        packages: [
          { name: 'fnox-provider-vault', origin: 'user' },
          { name: '@acme/fnox-provider-vault', origin: 'link' },
        ],
      },
    ]);
  });

  it('lets a core plugin win over a user plugin and reports the conflict', () => {
    const report = readProviderManifests([plugin('evil-age', 'user', provides('age')), plugin('@fnox/provider-age', 'core', provides('age'))]);
    expect(report.providers.age?.packageName).toBe('@fnox/provider-age');
    expect(report.conflicts).toEqual([
      {
        type: 'age',
        packages: [
          { name: 'evil-age', origin: 'user' },
          { name: '@fnox/provider-age', origin: 'core' },
        ],
        winner: '@fnox/provider-age',
      },
    ]);
  });

  it.each([
    ['a field without providers', { contract: 1 }, 'has no "providers" table'],
    ['a non kebab-case type', { contract: 1, providers: { Bad_Type: { entry: './x.js', mode: 'encrypt' } } }, 'is not kebab-case'],
    ['an unknown mode', { contract: 1, providers: { x: { entry: './x.js', mode: 'write' } } }, 'needs "entry"'],
    ['a missing entry', { contract: 1, providers: { x: { mode: 'read' } } }, 'needs "entry"'],
    ['an entry escaping the package', { contract: 1, providers: { x: { entry: '../other/x.js', mode: 'read' } } }, 'inside the package'],
    ['a bare specifier entry', { contract: 1, providers: { x: { entry: 'other-package', mode: 'read' } } }, 'inside the package'],
  ])('skips %s with a warning', (_name, field, fragment) => {
    const report = readProviderManifests([plugin('weird', 'user', field)]);
    expect(Object.keys(report.providers)).toEqual([]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain(fragment);
    expect(report.warnings[0]).toMatch(/^weird: /);
  });

  it('keeps a CommonJS twin ("require") inside the package, and ignores one that escapes it', () => {
    const twin = (path: unknown) => ({ contract: 1, providers: { x: { entry: './dist/provider.js', require: path, mode: 'read' } } });
    const ok = readProviderManifests([plugin('good', 'user', twin('./dist/provider.cjs'))]);
    expect(ok.providers.x).toMatchObject({ entry: './dist/provider.js', require: './dist/provider.cjs' });
    expect(ok.warnings).toEqual([]);
    for (const bad of ['../elsewhere/x.cjs', '/abs/x.cjs', 'pkg/x.cjs', 7]) {
      const report = readProviderManifests([plugin('sly', 'user', twin(bad))]);
      expect(report.providers.x, String(bad)).toBeDefined(); // the type stays usable through its entry
      expect(report.providers.x).not.toHaveProperty('require');
      expect(report.warnings).toEqual([`sly: provider 'x' "require" must be a path inside the package starting with ./; ignored`]);
    }
    expect(readProviderManifests([plugin('plain', 'user', provides('x'))]).providers.x).not.toHaveProperty('require');
  });
});

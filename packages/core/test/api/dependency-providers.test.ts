import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyProviders, findAppPackageJson } from '../../src/api/dependency-providers.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { providerPackage, tree } from './support.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function app(files: Record<string, string>): string {
  const root = tree(files);
  roots.push(root);
  return root;
}

describe('dependencyProviders', () => {
  it("finds provider packages among the app's own dependencies by their fnox field, from any subdirectory", () => {
    const root = app({
      'package.json': JSON.stringify({
        name: 'my-app',
        dependencies: { 'fnox-provider-reverse': '^1.0.0', 'left-pad': '^1.0.0', 'not-installed': '^1.0.0' },
        devDependencies: { '@acme/fnox-provider-dev': '^1.0.0' },
      }),
      'src/server/.keep': '',
      'node_modules/left-pad/package.json': JSON.stringify({ name: 'left-pad', version: '1.3.0' }),
      ...providerPackage('fnox-provider-reverse', 'reverse'),
      ...providerPackage('@acme/fnox-provider-dev', 'dev-only'),
      ...providerPackage('fnox-provider-undeclared', 'undeclared'), // installed, but not a dependency of the app
    });
    const found = dependencyProviders(join(root, 'src', 'server'));
    expect(found.map((p) => [p.name, p.type, p.root])).toEqual([
      ['fnox-provider-reverse', 'dependency', join(root, 'node_modules', 'fnox-provider-reverse')],
      ['@acme/fnox-provider-dev', 'dependency', join(root, 'node_modules', '@acme', 'fnox-provider-dev')],
    ]);
    const registry = createProviderRegistry({ plugins: found });
    expect(registry.entry('reverse')).toMatchObject({ origin: 'dependency', packageName: 'fnox-provider-reverse', mode: 'read' });
    expect(registry.entry('undeclared')).toBeUndefined();
  });

  it('returns nothing outside any package', () => {
    const root = app({ 'fnox.toml': '' });
    expect(findAppPackageJson(root) === undefined || !findAppPackageJson(root)!.startsWith(root)).toBe(true);
  });

  it('leaves contract checks to the manifest reader: an unsupported major is skipped with a warning naming both', () => {
    const root = app({
      'package.json': JSON.stringify({ name: 'a', dependencies: { 'fnox-provider-future': '*' } }),
      ...providerPackage('fnox-provider-future', 'future', 9),
    });
    const registry = createProviderRegistry({ plugins: dependencyProviders(root) });
    expect(registry.entry('future')).toBeUndefined();
    expect(registry.report.warnings).toEqual([
      'fnox-provider-future: built for fnox provider contract 9, this fnox supports contract 1; its providers are skipped',
    ]);
  });
});

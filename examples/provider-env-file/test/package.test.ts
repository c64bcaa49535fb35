import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProviderManifests } from '@fnox/contract';
import { describe, expect, it } from 'vitest';
import provider from '../src/provider.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  );
}

describe('published shape', () => {
  it('declares the provider in its manifest the way the code defines it', () => {
    const report = readProviderManifests([{ name: pjson.name as string, root, type: 'user', pjson }]);
    expect(report.warnings).toEqual([]);
    const entry = report.providers['env-file'];
    expect(entry).toMatchObject({ type: provider.type, mode: provider.mode, entry: './dist/provider.js', contract: 1 });
  });

  it('has @fnox/contract as an optional peer and no runtime dependencies', () => {
    expect(pjson.dependencies).toBeUndefined();
    expect(pjson.peerDependencies).toHaveProperty('@fnox/contract');
    expect(pjson.peerDependenciesMeta).toEqual({ '@fnox/contract': { optional: true } });
    expect(pjson.files).toEqual(['dist', 'oclif.manifest.json']);
  });

  it('builds a self-contained entry: only node: built-ins are imported, never @oclif/core or @fnox/contract', () => {
    // Run after `build` (turbo's test task depends on it).
    expect(existsSync(join(root, 'dist', 'provider.js')), 'dist/provider.js is missing: run the build first').toBe(true);
    for (const file of jsFiles(join(root, 'dist'))) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
      for (const specifier of specifiers) expect(specifier, file).toMatch(/^(node:|\.\.?\/)/);
    }
    const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')) as { commands: object };
    expect(manifest.commands).toEqual({});
  });

  it('the built entry is a branded definition any fnox recognises', async () => {
    const built = (await import(join(root, 'dist', 'provider.js'))) as { default: typeof provider };
    const { isProviderDefinition } = await import('@fnox/contract');
    expect(isProviderDefinition(built.default)).toBe(true);
    expect(built.default.type).toBe('env-file');
  });
});

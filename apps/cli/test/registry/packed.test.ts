import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLISHED, publishProblems, unpack } from './packed.js';
import { mustSucceed, REPO_ROOT, runCommand } from '@fnox/test-kit';

// The publish check must fail on the faults it exists for; registry.test.ts only ever shows it
// passing on the real packages.

const work = mkdtempSync(join(tmpdir(), 'fnox-packed-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function tarball(name: string, pjson: Record<string, unknown>, files: Record<string, string>): Promise<string> {
  const dir = join(work, name, 'package');
  for (const [path, text] of Object.entries({ 'package.json': JSON.stringify(pjson), ...files })) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const tgz = join(work, `${name}.tgz`);
  mustSucceed(await runCommand('tar', ['-czf', tgz, '-C', join(dir, '..'), 'package'], { env: process.env }), 'tar');
  return tgz;
}

describe('publishProblems', () => {
  it('names every fault of a broken provider tarball', async () => {
    const tgz = await tarball(
      'broken',
      {
        name: '@fnox/provider-broken', version: '1.0.0', type: 'module', files: ['dist'],
        exports: { '.': { import: './dist/index.js' }, './provider': { types: './dist/provider.d.ts', import: './dist/provider.js' } },
        oclif: {},
        fnox: { contract: 1, providers: { broken: { entry: './dist/missing.js', mode: 'read' } } },
        peerDependencies: { '@fnox/contract': 'workspace:^' },
      },
      {
        'dist/index.js': "import { x } from 'undeclared-lib';\n// import { y } from 'only-in-a-comment';\nexport { x };\n",
        'dist/provider.js': "export default await import('@fnox/contract');\n",
        'dist/provider.d.ts': "import type { Z } from '@oclif/core';\nexport type { Z };\n",
      },
    );
    expect(publishProblems(await unpack(tgz, join(work, 'unpacked-broken'))).sort()).toEqual([
      'package.json still has a workspace: range',
      'no license',
      'no engines.node',
      'no README (the registry page would be empty)',
      'exports . has no types condition',
      'oclif plugin without oclif.manifest.json (oclif would import every command at start-up)',
      'provider broken entry ./dist/missing.js is not in the tarball',
      'dist/index.js imports undeclared-lib, which is not a dependency or peer dependency',
      'dist/provider.d.ts imports @oclif/core, which is not a dependency or peer dependency',
    ].sort());
  });

  it('passes a complete one', async () => {
    const tgz = await tarball(
      'complete',
      {
        name: 'fnox-provider-complete', version: '1.0.0', type: 'module', license: 'MIT', engines: { node: '>=20' }, files: ['dist', 'oclif.manifest.json'],
        exports: { './provider': './dist/provider.js' }, oclif: {},
        fnox: { contract: 1, providers: { complete: { entry: './dist/provider.js', mode: 'read' } } },
        peerDependencies: { '@fnox/contract': '^1.0.0' },
      },
      { 'README.md': '# x\n', 'oclif.manifest.json': '{"version":"1.0.0","commands":{}}', 'dist/provider.js': "import { defineProvider } from '@fnox/contract';\nimport 'node:fs';\nexport default defineProvider;\n" },
    );
    expect(publishProblems(await unpack(tgz, join(work, 'unpacked-complete')))).toEqual([]);
  });
});

describe('PUBLISHED', () => {
  // Private packages (@fnox/aws-shared, bundled into the AWS providers) are never packed or published;
  // every other workspace package must be, or registry users would miss it.
  it('lists every workspace package that is not private, and no private one', () => {
    const workspace = ['packages', 'apps', 'examples'].flatMap((base) =>
      readdirSync(join(REPO_ROOT, base))
        .map((name) => `${base}/${name}`)
        .filter((dir) => existsSync(join(REPO_ROOT, dir, 'package.json'))),
    );
    const manifest = (dir: string) => JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { name: string; private?: boolean };
    const published = workspace.filter((dir) => !manifest(dir).private);
    expect(Object.fromEntries(published.map((dir) => [dir, manifest(dir).name]))).toEqual(PUBLISHED);
    expect(workspace.filter((dir) => manifest(dir).private)).toContain('packages/aws-shared');
  });
});

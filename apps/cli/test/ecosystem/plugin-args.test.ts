import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands as pluginPlugins } from '@oclif/plugin-plugins';
import { afterAll, describe, expect, it } from 'vitest';
import FnoxInstall from '../../src/commands/plugins/install.js';
import FnoxLink from '../../src/commands/plugins/link.js';
import FnoxUninstall from '../../src/commands/plugins/uninstall.js';
import { assertSupportedContract, localPackageJson } from '../../src/plugin-install/contract-check.js';
import { expandProviderNames } from '../../src/plugin-install/short-names.js';
import { readTarballPackageJson } from '../../src/plugin-install/tarball.js';

const work = mkdtempSync(join(tmpdir(), 'fnox-plugin-args-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('expandProviderNames', () => {
  it('maps fnox short names to their packages, keeping tags', () => {
    expect(expandProviderNames(['aws-sm', 'aws-kms@1.2.0', 'age'])).toEqual([
      '@fnox/provider-secrets-manager',
      '@fnox/provider-aws-kms@1.2.0',
      '@fnox/provider-age',
    ]);
  });

  it('leaves everything else untouched', () => {
    const untouched = ['--force', '-v', 'fnox-provider-env-file', '@acme/fnox-provider-vault', 'file:/abs/x.tgz', './dir', 'owner/repo'];
    expect(expandProviderNames(untouched)).toEqual(untouched);
  });
});

describe('local package manifests', () => {
  const pkg = join(work, 'src', 'package');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', fnox: { contract: 1, providers: {} } }));
  writeFileSync(join(pkg, 'README.md'), 'r'.repeat(1500)); // spans several tar blocks before package.json maybe
  const tgz = join(work, 'x.tgz');
  execFileSync('tar', ['-czf', tgz, '-C', join(work, 'src'), 'package/README.md', 'package/package.json']);

  it('reads package.json from a gzipped tarball, a file: spec and a folder', () => {
    expect(readTarballPackageJson(tgz)).toMatchObject({ name: 'x', version: '1.0.0' });
    expect(localPackageJson(`file:${tgz}`, '/')).toMatchObject({ name: 'x' });
    expect(localPackageJson(pkg, '/')).toMatchObject({ name: 'x' });
    expect(localPackageJson('some-npm-name', work)).toBeUndefined();
    expect(readTarballPackageJson(join(pkg, 'package.json'))).toBeUndefined();
  });

  it('accepts supported contracts and non-provider plugins, refuses others naming both versions', () => {
    expect(() => assertSupportedContract({ name: 'a', fnox: { contract: 1, providers: {} } }, 'a')).not.toThrow();
    expect(() => assertSupportedContract({ name: '@oclif/plugin-x' }, 'x')).not.toThrow();
    expect(() => assertSupportedContract({ name: 'b', version: '2.0.0', fnox: { contract: 2, providers: {} } }, 'b')).toThrow(
      'b@2.0.0 is built for fnox provider contract 2; this fnox supports contract 1',
    );
    expect(() => assertSupportedContract({ name: 'c', fnox: { providers: {} } }, 'c')).toThrow(/contract undefined; this fnox supports contract 1/);
  });
});

describe('fnox plugins commands keep plugin-plugins’ interface', () => {
  const surface = (flags: Record<string, { char?: string; type?: string; allowNo?: boolean; hidden?: boolean }>) =>
    Object.fromEntries(Object.entries(flags).map(([name, f]) => [name, [f.char, f.type, Boolean(f.allowNo), Boolean(f.hidden)]]));
  for (const [id, ours] of [
    ['plugins:install', FnoxInstall],
    ['plugins:link', FnoxLink],
    ['plugins:uninstall', FnoxUninstall],
  ] as const) {
    it(`${id}: same flags, args and aliases`, () => {
      const theirs = pluginPlugins[id];
      expect(surface(ours.flags as never)).toEqual(surface(theirs.flags as never));
      expect(Object.keys(ours.args)).toEqual(Object.keys(theirs.args));
      expect(ours.aliases).toEqual(theirs.aliases);
      expect(ours.strict).toBe(theirs.strict);
    });
  }
});

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/config/effective.js';
import { configFiles, loadConfigSync } from '../../src/config/load.js';
import type { MergedConfig } from '../../src/config/types.js';
import { testSession } from './support.js';

const TREE = resolve(__dirname, '../fixtures/tree');
const PROJECT = `${TREE}/outer/project`;
const env = { FNOX_CONFIG_DIR: `${TREE}/global` };

/** key → [where it came from (relative to the tree), profile section, the default value]. */
function summary(merged: MergedConfig) {
  return [...merged.secrets].map(([key, entry]) => [key, entry.source.file?.slice(TREE.length + 1), entry.config.default ?? entry.config.value]);
}

describe('discovery and layering over a real tree', () => {
  it('merges global < project (imports under it, first import wins) < app, stopping at root = true', () => {
    const { session } = testSession(`${PROJECT}/app/sub`, {}, env);
    const merged = loadConfigSync(session);
    expect(summary(merged)).toEqual([
      ['GLOBAL', 'global/config.toml', 'g'],
      ['SHARED', 'outer/project/fnox.toml', 'project'],
      ['FIRSTWINS', 'outer/project/shared/base.toml', 'base'],
      ['SECOND', 'outer/project/shared/second.toml', '2'],
      ['IMP', 'outer/project/shared/base.toml', 'base'],
      ['A', 'outer/project/app/fnox.toml', 'app'],
      ['DOT', 'outer/project/.fnox.toml', 'dot'],
      ['LOCAL', 'outer/project/fnox.local.toml', 'local'],
      ['APP', 'outer/project/app/fnox.toml', 'app'],
    ]);
    expect(merged.root).toBe(true);
    expect(merged.env).toBe('exec');
    expect(merged.defaultProvider).toEqual({ name: 'p1', source: { file: `${PROJECT}/fnox.toml` } });
    expect(merged.providers.get('p1')?.source).toEqual({ file: `${PROJECT}/fnox.toml` });
    expect(merged.files.map((f) => f.slice(TREE.length + 1))).toEqual([
      'global/config.toml',
      'outer/project/shared/second.toml',
      'outer/project/shared/base.toml',
      'outer/project/fnox.toml',
      'outer/project/.fnox.toml',
      'outer/project/fnox.local.toml',
      'outer/project/app/fnox.toml',
    ]);
    // Informational union of every layer's list (the imported file's own list included, never followed).
    expect(merged.imports).toEqual(['does-not-exist.toml', 'shared/base.toml', './shared/second.toml']);
    expect(merged.secrets.has('OUTER')).toBe(false);
  });

  it('loads profile files into the top level and keeps [profiles.P] provenance', () => {
    const { session } = testSession(PROJECT, { profiles: ['prod'] }, env);
    const merged = loadConfigSync(session);
    expect([...merged.secrets.keys()]).toEqual(['GLOBAL', 'SHARED', 'FIRSTWINS', 'SECOND', 'IMP', 'A', 'DOT', 'PRODFILE', 'LOCAL']);
    expect(merged.secrets.get('PRODFILE')?.source).toEqual({ file: `${PROJECT}/fnox.prod.toml` });
    const prod = merged.profiles.get('prod')!;
    expect(prod.secrets.get('P')?.source).toEqual({ file: `${PROJECT}/fnox.toml`, profile: 'prod' });
    expect(prod.defaultProvider?.name).toBe('p2');

    const effective = effectiveConfig(merged, ['prod']);
    expect(effective.profileLabel).toBe('prod');
    expect(effective.secrets.get('A')?.config).toEqual({ default: 'a-prod', env: 'exec' });
    expect(effective.secrets.get('DOT')?.config.env).toBe(true);
    expect([...effective.providers.keys()]).toEqual(['p1', 'p2']);
    const noDefaults = effectiveConfig(merged, ['prod'], { noDefaults: true });
    expect([...noDefaults.secrets.keys()]).toEqual(['P', 'A']);
  });

  it('does not load profile files for the default stack, or fnox.default.toml ever', () => {
    const { session } = testSession(PROJECT, {}, env);
    expect(loadConfigSync(session).secrets.has('PRODFILE')).toBe(false);
  });

  it('explicit -c loads only that file, its imports and the global config', () => {
    const { session } = testSession(`${PROJECT}/app`, { config: '../fnox.toml' }, env);
    const merged = loadConfigSync(session);
    expect([...merged.secrets.keys()]).toEqual(['GLOBAL', 'SHARED', 'FIRSTWINS', 'SECOND', 'IMP', 'A']);
    expect(merged.secrets.get('A')?.config).toEqual({ provider: 'p1', value: 'a' });
  });

  it('a bare -c fnox.toml keeps discovery mode', () => {
    const { session } = testSession(`${PROJECT}/app`, { config: 'fnox.toml' }, env);
    expect(loadConfigSync(session).secrets.get('A')?.source.file).toBe(`${PROJECT}/app/fnox.toml`);
  });

  it('config-files lists nearest first, each file followed by its imports, global last', () => {
    const { session } = testSession(`${PROJECT}/app/sub`, { profiles: ['prod'] }, env);
    expect(configFiles(session).map((f) => f.slice(TREE.length + 1))).toEqual([
      'outer/project/app/fnox.toml',
      'outer/project/fnox.toml',
      'outer/project/shared/base.toml',
      'outer/project/shared/second.toml',
      'outer/project/.fnox.toml',
      'outer/project/fnox.prod.toml',
      'outer/project/fnox.local.toml',
      'global/config.toml',
    ]);
  });
});

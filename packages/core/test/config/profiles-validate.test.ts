import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigSync } from '../../src/config/load.js';
import { profileStack } from '../../src/config/profiles.js';
import { assertValidConfig, validateConfig } from '../../src/config/validate.js';
import { writeTarget } from '../../src/config/write-target.js';
import { tempDir, testSession } from './support.js';

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('profileStack', () => {
  it('-P flags (repeatable, comma lists) beat FNOX_PROFILE, which beats default', () => {
    expect(profileStack(testSession('/', { profiles: ['aws', ' prod , ,x'] }, { FNOX_PROFILE: 'env' }).session)).toEqual(['aws', 'prod', 'x']);
    expect(profileStack(testSession('/', {}, { FNOX_PROFILE: 'a,b' }).session)).toEqual(['a', 'b']);
    expect(profileStack(testSession('/', {}).session)).toEqual(['default']);
  });

  it('drops invalid names with the exact warning, once', () => {
    const { session, warnings } = testSession('/', {}, { FNOX_PROFILE: '../x,ok,a/b' });
    expect(profileStack(session)).toEqual(['ok']);
    profileStack(session);
    expect(warnings).toEqual([
      "Warning: Invalid profile name '../x' in FNOX_PROFILE ignored (contains path separators or invalid characters)",
      "Warning: Invalid profile name 'a/b' in FNOX_PROFILE ignored (contains path separators or invalid characters)",
    ]);
    expect(profileStack(testSession('/', {}, { FNOX_PROFILE: '..' }).session)).toEqual(['default']);
  });
});

describe('writeTarget', () => {
  it('picks in the cwd only: profile file, then fnox.toml/.fnox.toml, local files for default only', () => {
    const dir = project({ '.fnox.toml': '', 'fnox.local.toml': '', 'fnox.dev.toml': '' });
    expect(writeTarget(testSession(dir).session)).toMatchObject({ file: join(dir, '.fnox.toml'), profile: 'default', secretsSection: ['secrets'] });
    expect(writeTarget(testSession(dir, { profiles: ['dev'] }).session)).toMatchObject({ file: join(dir, 'fnox.dev.toml'), secretsSection: ['secrets'] });
    expect(writeTarget(testSession(dir, { profiles: ['qa'] }).session)).toMatchObject({ file: join(dir, '.fnox.toml'), secretsSection: ['profiles', 'qa', 'secrets'] });
    const onlyLocal = project({ 'fnox.local.toml': '' });
    expect(writeTarget(testSession(onlyLocal).session).file).toBe(join(onlyLocal, 'fnox.local.toml'));
    expect(writeTarget(testSession(onlyLocal, { profiles: ['qa'] }).session)).toMatchObject({ file: join(onlyLocal, 'fnox.toml'), exists: false });
  });

  it('uses -c, --global, --write-profile; errors for several active profiles', () => {
    const dir = project({});
    expect(writeTarget(testSession(dir, { config: 'sub/x.toml' }).session).file).toBe(join(dir, 'sub/x.toml'));
    const { session } = testSession(dir, { profiles: ['a'] });
    expect(writeTarget(session, { global: true })).toMatchObject({ global: true, profile: 'a', secretsSection: ['profiles', 'a', 'secrets'] });
    expect(writeTarget(session, { global: true }).file).toMatch(/\.config\/fnox\/config\.toml$/);
    expect(() => writeTarget(testSession(dir, { profiles: ['a,b'] }).session)).toThrow('Multiple profiles are active (a,b). Specify --write-profile <NAME> to choose the write target.');
    expect(writeTarget(testSession(dir, { profiles: ['a,b'], writeProfile: 'b' }).session).profile).toBe('b');
    expect(() => writeTarget(testSession(dir, { writeProfile: 'a/b' }).session)).toThrow("Invalid --write-profile name: 'a/b'");
  });
});

describe('validateConfig (docs/configuration.md)', () => {
  const load = (text: string) => loadConfigSync(testSession(project({ 'fnox.toml': text })).session);

  it('is fine for root = true with nothing in it, and for a sound config', () => {
    expect(validateConfig(load('root = true\n'))).toEqual([]);
    expect(validateConfig(load('root = true\n[providers.p]\ntype = "plain"\n[secrets]\nA = { provider = "p", value = "" }\n'))).toEqual([]);
  });

  it('collects every issue', () => {
    const merged = load(
      'root = true\ndefault_provider = "nope"\n[providers.a]\ntype = "age"\n[providers.b]\ntype = "plain"\n[secrets]\nE = { provider = "a", value = "" }\n[profiles.p]\ndefault_provider = "zz"\n[profiles.p.secrets]\nF = { provider = "a", value = "" }\n',
    );
    expect(validateConfig(merged).map((i) => i.message)).toEqual([
      "Secret 'E' has an empty value",
      "Default provider 'nope' not found in configuration",
      "Default provider 'zz' not found in profile 'p'",
      "Secret 'F' in profile 'p' has an empty value",
    ]);
    expect(() => assertValidConfig(merged)).toThrow('Configuration validation failed (4 issues)');
  });

  it('reports secrets without any provider', () => {
    expect(validateConfig(load('root = true\n[secrets]\nA = { default = "a" }\n')).map((i) => i.message)).toEqual(['No providers configured']);
  });
});

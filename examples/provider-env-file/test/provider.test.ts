import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProviderError, type ProviderContext } from '@fnox/contract';
import { createTestContext } from '@fnox/contract/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { envFilePath, readEnvFile } from '../src/env-file.js';
import provider from '../src/provider.js';

const root = mkdtempSync(join(tmpdir(), 'env-file-provider-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function context(configDir: string): ProviderContext {
  return createTestContext({ name: 'local', configFile: join(configDir, 'fnox.toml'), configDir, globalConfigDir: root });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isProviderError(error)) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('env-file provider', () => {
  it('resolves `path` against the directory of the declaring fnox.toml, not the working directory', async () => {
    const project = join(root, 'project');
    mkdirSync(join(project, 'config'), { recursive: true });
    writeFileSync(join(project, 'config', '.env'), 'TOKEN=from-config-dir\n');
    const instance = await provider.create({ path: 'config/.env' }, context(project));
    expect(await instance.get({ key: 'TOKEN', value: 'TOKEN' })).toBe('from-config-dir');
    expect(envFilePath('config/.env', project)).toBe(join(project, 'config', '.env'));
    expect(envFilePath('~/x.env', project, '/home/u')).toBe('/home/u/x.env');
    expect(envFilePath('/abs/x.env', project)).toBe('/abs/x.env');
  });

  it('lists the names in the file (for fnox import), never values', async () => {
    const dir = join(root, 'list');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.env'), 'B=2\nA=1\n');
    const instance = await provider.create({ path: '.env' }, context(dir));
    const names: string[] = [];
    for await (const name of instance.list!()) names.push(name);
    expect(names).toEqual(['B', 'A']);
  });

  it('fails with a config error naming the file and the directory it was resolved from', async () => {
    const instance = await provider.create({ path: 'missing.env' }, context(root));
    const error = await failure(instance.get({ key: 'K', value: 'K' }));
    expect(error.code).toBe('config');
    expect(error.message).toContain(join(root, 'missing.env'));
    expect(error.hint).toContain(root);
    await expect(instance.check!()).rejects.toMatchObject({ code: 'config' });
  });

  it('reports a syntax error by line number without the line', async () => {
    const dir = join(root, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.env'), 'OK=1\nPASSWORD="hunter2-not-closed\n');
    const error = await failure(readEnvFile('.env', dir));
    expect(error.code).toBe('invalid-response');
    expect(error.message).toContain('line 2');
    expect(`${error.message} ${error.hint}`).not.toContain('hunter2');
  });

  it('names the reason when the path is not a readable file', async () => {
    const dir = join(root, 'is-a-dir');
    mkdirSync(join(dir, '.env'), { recursive: true });
    const error = await failure(readEnvFile('.env', dir));
    expect(error.code).toBe('config');
    expect(error.message).toBe(`Cannot read env file ${join(dir, '.env')}: EISDIR`);
  });

  it('has no put: mode read', async () => {
    const instance = await provider.create({ path: '.env' }, context(root));
    expect(provider.mode).toBe('read');
    expect(instance.put).toBeUndefined();
  });
});

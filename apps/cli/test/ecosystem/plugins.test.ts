import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, sandbox, type Sandbox } from '@fnox/test-kit';
import { pnpmPack, sizeKiB } from './pack.js';

// The third-party story end to end, offline: the example provider is packed as it would be
// published, installed into a fresh fnox data dir with npm offline and an EMPTY npm cache (it has
// no dependencies, so npm needs nothing), used, and removed again.

const work = mkdtempSync(join(tmpdir(), 'fnox-plugins-'));
let tarball: string;
let box: Sandbox;
let env: NodeJS.ProcessEnv;
let dataDir: string;

beforeAll(async () => {
  // turbo builds the example first (it is a devDependency of the CLI); packing does not rebuild.
  if (!existsSync(join(REPO_ROOT, 'examples/provider-env-file/dist/provider.js'))) throw new Error('examples/provider-env-file is not built');
  tarball = await pnpmPack('examples/provider-env-file', join(work, 'packs'));
  box = sandbox();
  dataDir = join(box.env.XDG_DATA_HOME!, 'fnox');
  env = {
    npm_config_offline: 'true',
    npm_config_cache: join(work, 'empty-npm-cache'),
    npm_config_update_notifier: 'false',
    OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
  };
  writeFileSync(
    join(box.project, 'fnox.toml'),
    ['[providers.local]', 'type = "env-file"', 'path = "config/app.env"', '', '[secrets]',
      'DATABASE_URL = { provider = "local", value = "DATABASE_URL" }', 'API_TOKEN = { provider = "local", value = "TOKEN" }', ''].join('\n'),
  );
  mkdirSync(join(box.project, 'config'));
  mkdirSync(join(box.project, 'deeper', 'cwd'), { recursive: true });
  writeFileSync(join(box.project, 'config', 'app.env'), 'DATABASE_URL=postgres://app@db/app\nTOKEN="tok en"\n');
}, 240_000);

afterAll(() => {
  box?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const fnox = (args: string[], cwd?: string) => box.run(args, { env, timeoutMs: 180_000, ...(cwd ? { cwd } : {}) });

describe('a third-party provider from a tarball, offline', () => {
  it('installs with `fnox plugins install file:/abs/x.tgz`, npm offline, empty cache, zero dependencies', async () => {
    const result = await fnox(['plugins', 'install', `file:${tarball}`]);
    expect(result.stderr + result.stdout).not.toMatch(/ENOTCACHED|ERR!/);
    expect(result.code).toBe(0);
    // Nothing but the plugin itself was installed.
    expect(readdirSync(join(dataDir, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['fnox-provider-env-file']);
    console.error(`[ecosystem] fnox-provider-env-file installed: ${sizeKiB(join(dataDir, 'node_modules'))} KiB in the data dir's node_modules`);
  });

  it('is listed by `fnox providers` as a user plugin', async () => {
    const result = await fnox(['providers', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { providers: { type: string; origin: string; package: string; mode: string }[] };
    expect(report.providers.find((p) => p.type === 'env-file')).toMatchObject({
      origin: 'user',
      package: 'fnox-provider-env-file',
      mode: 'read',
    });
  });

  it('resolves secrets through `fnox get` and `fnox export`, with path relative to the declaring fnox.toml', async () => {
    const cwd = join(box.project, 'deeper', 'cwd');
    const get = await fnox(['get', 'DATABASE_URL'], cwd);
    expect(get).toMatchObject({ code: 0, stdout: 'postgres://app@db/app\n' });
    const exported = await fnox(['export', '-f', 'json'], cwd);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).secrets).toEqual({ DATABASE_URL: 'postgres://app@db/app', API_TOKEN: 'tok en' });
  });

  it('uninstalls; the type is then unknown, with an install hint', async () => {
    const removed = await fnox(['plugins', 'uninstall', 'fnox-provider-env-file']);
    expect(removed.code).toBe(0);
    const list = JSON.parse((await fnox(['providers', '--json'])).stdout) as { providers: { type: string }[] };
    expect(list.providers.map((p) => p.type)).not.toContain('env-file');
    const get = await fnox(['get', 'DATABASE_URL']);
    expect(get.code).toBe(1);
    expect(get.stdout).toBe('');
    expect(get.stderr).toContain("error: Unknown provider type 'env-file'");
    expect(get.stderr).toContain('hint: Install a plugin that provides it, e.g.: fnox plugins install fnox-provider-env-file');
    expect(get.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('installing from a path on disk (not a GitHub shorthand)', () => {
  it('a relative .tgz path and a relative folder path install from disk, offline', async () => {
    const { copyFileSync, cpSync } = await import('node:fs');
    copyFileSync(tarball, join(box.project, 'env-file-1.0.0.tgz'));
    const fromTgz = await fnox(['plugins', 'install', './env-file-1.0.0.tgz']);
    expect(fromTgz.stderr).not.toContain('github');
    expect(fromTgz.code, fromTgz.stderr).toBe(0);
    expect((await fnox(['get', 'DATABASE_URL'])).stdout).toBe('postgres://app@db/app\n');
    expect((await fnox(['plugins', 'uninstall', 'fnox-provider-env-file'])).code).toBe(0);

    const folder = join(box.project, 'checkout', 'provider-env-file');
    cpSync(join(REPO_ROOT, 'examples/provider-env-file'), folder, { recursive: true, filter: (src) => !src.includes('node_modules') });
    const fromDir = await fnox(['plugins', 'install', './checkout/provider-env-file']);
    expect(fromDir.stderr).not.toContain('github');
    expect(fromDir.code, fromDir.stderr).toBe(0);
    expect((await fnox(['get', 'DATABASE_URL'])).stdout).toBe('postgres://app@db/app\n');
    expect((await fnox(['plugins', 'uninstall', 'fnox-provider-env-file'])).code).toBe(0);
  }, 240_000);
});

/** A provider package claiming a contract major fnox does not support. */
function futurePlugin(root: string, contract: number): string {
  const dir = join(root, `future-${contract}`, 'package');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'fnox-provider-future',
      version: '3.0.0',
      type: 'module',
      files: ['dist', 'oclif.manifest.json'],
      oclif: {},
      fnox: { contract, providers: { future: { entry: './dist/provider.js', mode: 'read' } } },
    }),
  );
  writeFileSync(join(dir, 'oclif.manifest.json'), '{"version":"3.0.0","commands":{}}');
  writeFileSync(join(dir, 'dist', 'provider.js'), 'export default {};\n');
  return dir;
}

describe('provider contract majors', () => {
  it('refuses a tarball built for an unsupported contract before npm runs, naming both versions', async () => {
    const dir = futurePlugin(work, 2);
    const tgz = join(work, 'fnox-provider-future-3.0.0.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', join(dir, '..'), 'package']);
    const result = await fnox(['plugins', 'install', `file:${tgz}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error: fnox-provider-future@3.0.0 is built for fnox provider contract 2; this fnox supports contract 1',
    );
    expect(result.stderr).toMatch(/hint: .*contract 1/);
    expect(existsSync(join(dataDir, 'node_modules', 'fnox-provider-future'))).toBe(false);
  });

  it('uninstalls again what npm already installed when the package could not be read beforehand', async () => {
    const dir = futurePlugin(join(work, 'plain-tar'), 7);
    const tar = join(work, 'fnox-provider-future-3.0.0.tar');
    execFileSync('tar', ['-cf', tar, '-C', join(dir, '..'), 'package']); // not gzipped: fnox's pre-check cannot read it, npm can
    const result = await fnox(['plugins', 'install', `file:${tar}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is built for fnox provider contract 7; this fnox supports contract 1');
    expect(existsSync(join(dataDir, 'node_modules', 'fnox-provider-future'))).toBe(false);
    const list = JSON.parse((await fnox(['providers', '--json'])).stdout) as { providers: { type: string }[] };
    expect(list.providers.map((p) => p.type)).not.toContain('future');
  });

  it('refuses to link a folder built for an unsupported contract', async () => {
    const dir = futurePlugin(join(work, 'link'), 2);
    const result = await fnox(['plugins', 'link', dir, '--no-install']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is built for fnox provider contract 2; this fnox supports contract 1');
  });
});

describe('short provider names', () => {
  it('`fnox plugins install aws-sm` means @fnox/provider-secrets-manager (our command wins over plugin-plugins)', async () => {
    // Offline with an empty cache npm cannot find it; the failure names the package fnox asked for.
    const result = await fnox(['plugins', 'install', 'aws-sm']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('@fnox/provider-secrets-manager');
    expect(result.stderr).not.toContain('provider-aws-sm');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('help of `plugins install` is fnox’s', async () => {
    const result = await fnox(['plugins', 'install', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('aws-sm → @fnox/provider-secrets-manager');
  });
});

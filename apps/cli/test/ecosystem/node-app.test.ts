import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encryptToStoredValue, generateIdentity, parseRecipients } from '@fnox/provider-age';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, sandbox, type Sandbox } from '@fnox/test-kit';
import { pnpmPack, sizeKiB } from './pack.js';

// "Install only what you use" for Node apps: a fresh folder gets @fnox/core and @fnox/provider-age
// from `pnpm pack` tarballs of the built workspace packages (@fnox/contract, unpublished here,
// comes in through `overrides`, where the registry would otherwise supply it), with npm. No CLI.
// Third-party dependencies come from the machine's npm cache, or through npm from its configured
// registry when the cache lacks them.

const execFileAsync = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'fnox-node-app-'));
const app = join(work, 'app');
let box: Sandbox;
let identity: string;
let other: string;

/** Run node in the app with a clean environment (its own HOME; the age key only when given). */
async function node(args: string[], env: NodeJS.ProcessEnv = {}, cwd = app) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: work, XDG_CONFIG_HOME: join(work, '.config'), TMPDIR: work, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

beforeAll(async () => {
  for (const pkg of ['packages/contract', 'packages/core', 'packages/provider-age']) {
    if (!existsSync(join(REPO_ROOT, pkg, 'dist'))) throw new Error(`${pkg} is not built: run the turbo build first`);
  }
  const packs = join(work, 'packs');
  const [contract, core, age] = [
    await pnpmPack('packages/contract', packs),
    await pnpmPack('packages/core', packs),
    await pnpmPack('packages/provider-age', packs),
  ];
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'fnox-node-app', private: true, type: 'module', overrides: { '@fnox/contract': `file:${contract}` } }, null, 2),
  );
  await execFileAsync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', `file:${core}`, `file:${age}`], {
    cwd: app,
    env: { ...process.env, npm_config_update_notifier: 'false' },
    timeout: 300_000,
  });

  const key = await generateIdentity();
  identity = key.identity;
  other = (await generateIdentity()).identity;
  const recipient = key.recipient;
  const recipients = parseRecipients([recipient]);
  writeFileSync(
    join(app, 'fnox.toml'),
    [
      '[providers.age]',
      'type = "age"',
      `recipients = ["${recipient}"]`,
      '',
      '[secrets]',
      `DATABASE_URL = { provider = "age", value = "${await encryptToStoredValue('postgres://app:s3cr3t-pw@db/app', recipients)}" }`,
      `API_KEY = { provider = "age", value = "${await encryptToStoredValue('key-0123456789', recipients)}" }`,
      `LOCAL_ONLY = { provider = "age", value = "${await encryptToStoredValue('not-exported', recipients)}", env = false }`,
      'LOG_LEVEL = { default = "info" }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(app, 'api.mjs'),
    [
      "import { loadSecrets } from '@fnox/core';",
      'const secrets = await loadSecrets();',
      'console.log(JSON.stringify({ secrets, injected: process.env.DATABASE_URL ?? null }));',
    ].join('\n'),
  );
  writeFileSync(
    join(app, 'main.mjs'),
    "console.log(JSON.stringify({ DATABASE_URL: process.env.DATABASE_URL, API_KEY: process.env.API_KEY, LOG_LEVEL: process.env.LOG_LEVEL, LOCAL_ONLY: process.env.LOCAL_ONLY ?? null }));\n",
  );
  box = sandbox();
}, 600_000);

afterAll(() => {
  box?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const expected = { DATABASE_URL: 'postgres://app:s3cr3t-pw@db/app', API_KEY: 'key-0123456789', LOG_LEVEL: 'info' };

describe('a Node app with only @fnox/core and @fnox/provider-age', () => {
  it('has exactly those fnox packages and no oclif', () => {
    const modules = join(app, 'node_modules');
    expect(readdirSync(join(modules, '@fnox')).sort()).toEqual(['contract', 'core', 'provider-age']);
    expect(existsSync(join(modules, '@oclif'))).toBe(false);
    console.error(`[ecosystem] node app with @fnox/core + @fnox/provider-age: ${sizeKiB(modules)} KiB in node_modules`);
  });

  it('reads its secrets through loadSecrets, finding the age provider among its dependencies', async () => {
    const result = await node(['api.mjs'], { FNOX_AGE_KEY: identity });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ secrets: expected, injected: null });
  });

  it('gets them in process.env before the app starts with node --import @fnox/core/register', async () => {
    const result = await node(['--import', '@fnox/core/register', 'main.mjs'], { FNOX_AGE_KEY: identity });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ ...expected, LOCAL_ONLY: null });
  });

  it('resolves exactly like `fnox export`', async () => {
    const exported = await box.run(['export', '-f', 'json'], { cwd: app, env: { FNOX_AGE_KEY: identity } });
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).secrets).toEqual(expected);
  });

  it('require("@fnox/core") works from CommonJS (Node 20.19+), with the same API', async () => {
    writeFileSync(
      join(app, 'api.cjs'),
      "const { loadSecrets, FnoxError } = require('@fnox/core');\n" +
        'loadSecrets().then((secrets) => console.log(JSON.stringify({ secrets, isClass: typeof FnoxError === "function" })));\n',
    );
    const result = await node(['api.cjs'], { FNOX_AGE_KEY: identity });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ secrets: expected, isClass: true });
  });

  it('throws a FnoxError (code, hint, exitCode, diagnostic) for a provider failure', async () => {
    writeFileSync(
      join(app, 'failing.mjs'),
      [
        "import { FnoxError, loadSecrets } from '@fnox/core';",
        "try { await loadSecrets({ ifMissing: 'error' }); } catch (error) {",
        '  console.log(JSON.stringify({ isFnoxError: error instanceof FnoxError, code: error.code, exitCode: error.exitCode, diagnostic: error.diagnostic, hint: typeof error.hint }));',
        '}',
      ].join('\n'),
    );
    const result = await node(['failing.mjs'], { FNOX_AGE_KEY: other });
    expect(JSON.parse(result.stdout)).toEqual({ isFnoxError: true, code: 'secrets_unresolved', exitCode: 1, diagnostic: 'fnox::secret::unresolved', hint: 'string' });
  });

  it('--import @fnox/core/register with no fnox.toml anywhere warns and lets the app start', async () => {
    const bare = join(work, 'bare');
    mkdirSync(bare, { recursive: true });
    writeFileSync(join(bare, 'main.mjs'), "console.log('app started');\n");
    const result = await node(['--import', join(app, 'node_modules', '@fnox', 'core', 'dist', 'register.js'), 'main.mjs'], { FNOX_CONFIG_DIR: join(work, 'no-global') }, bare);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('app started\n');
    expect(result.stderr).toMatch(/^fnox: warning: No configuration file found in .* or any parent directory; no secrets were loaded \(fnox::config::not_found\)\n$/);
  });

  it('stops the app with fnox’s one-line error and exit code when secrets cannot be resolved', async () => {
    const result = await node(['--import', '@fnox/core/register', 'main.mjs'], { FNOX_AGE_KEY: other, FNOX_IF_MISSING: 'error' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toMatch(/\nhint: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toMatch(/s3cr3t|0123456789/);
  });
});

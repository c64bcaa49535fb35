/**
 * The native binding: imported on first use only (fnox loads this provider's entry on every run
 * that resolves a keychain secret, and the binding is a native module), and a platform without a
 * prebuilt binary gets an error naming the platform instead of a stack from the loader.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { moduleTrackerPrelude } from '@fnox/contract/testing';
import { describe, expect, it } from 'vitest';
import { platformName } from '../src/native.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(root, 'dist', 'provider.js');

describe('@napi-rs/keyring', () => {
  it('the workspace install has this platform\'s prebuilt binary (an optional dependency of the binding)', () => {
    const store = join(realpathSync(join(root, 'node_modules', '@napi-rs', 'keyring')), '..');
    expect(readdirSync(store)).toContain(`keyring-${platformName()}`);
  });

  it.skipIf(!existsSync(DIST) && process.env.CI !== 'true')('a platform without a prebuilt binary: unsupported, naming the platform and the package to fetch', () => {
    // The binding's own loader, copied where no platform package can be resolved, loaded by plain
    // Node (vitest's resolver would find the workspace's binary from anywhere).
    const dir = mkdtempSync(join(tmpdir(), 'fnox-keyring-nobinary-'));
    try {
      const copy = join(dir, 'node_modules', '@napi-rs', 'keyring');
      cpSync(realpathSync(join(root, 'node_modules', '@napi-rs', 'keyring')), copy, { recursive: true });
      const child = `const { loadKeyring, platformName } = await import(process.env.NATIVE);
const error = await loadKeyring(process.env.COPY).then(() => ({}), (e) => e);
console.log(JSON.stringify({ code: error.code, message: error.message, hint: error.hint, platform: platformName() }));`;
      const env = { PATH: process.env.PATH ?? '', NATIVE: pathToFileURL(join(root, 'dist', 'native.js')).href, COPY: pathToFileURL(join(copy, 'index.js')).href };
      const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { env, encoding: 'utf8' }).trim());
      expect(out.platform).toBe(platformName());
      expect(out).toMatchObject({ code: 'unsupported', message: `keychain: @napi-rs/keyring has no prebuilt binary for this platform (${platformName()})` });
      expect(out.hint).toContain(`@napi-rs/keyring-${platformName()}`);
      expect(platformName()).toMatch(/^linux-(x64|arm64)-(gnu|musl)$|^darwin-|^win32-/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('src: the binding is imported only inside native.ts, behind import()', () => {
    for (const file of readdirSync(join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(root, 'src', file), 'utf8');
      expect(text, file).not.toMatch(/^import[^;]*from '@napi-rs\/keyring'/m);
    }
  });

  it.skipIf(!existsSync(DIST) && process.env.CI !== 'true')('dist: importing the entry and creating an instance loads no binding; a read does', () => {
    const child = `${moduleTrackerPrelude}
const loaded = () => settle().then(() => seen.some((u) => u.includes('@napi-rs/keyring')));
const { default: provider } = await import(process.env.DIST_PROVIDER);
const ctx = { name: 'kc', configDir: process.cwd(), env: {}, globalConfigDir: process.cwd(), signal: new AbortController().signal,
  log: { debug() {}, warn() {} }, options: {}, resolveSecret: async () => '' };
const instance = await provider.create({ service: 'lazy' }, ctx);
const afterCreate = await loaded();
await instance.get({ key: 'K', value: 'K' }).catch(() => {});
console.log(JSON.stringify({ afterCreate, afterRead: await loaded() }));`;
    // No session bus: the read fails, but only after importing the binding.
    const env = { PATH: process.env.PATH ?? '', DIST_PROVIDER: pathToFileURL(DIST).href };
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child], { env, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ afterCreate: false, afterRead: true });
  });
});

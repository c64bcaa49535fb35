/**
 * password-store against the real `pass` and gpg (Debian's pass and gnupg), with throw-away keys:
 * interop both ways, prefix, store_dir, the variables upstream honours, gpg failures, and the
 * value never in any child's argv.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProviderError, type ProviderContext, type ProviderInstance } from '@fnox/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import provider from '../src/provider.js';
import { HAVE_PASS, passFixture, type PassFixture } from './support/pass-fixture.js';

let fx: PassFixture;

async function instance(config: Record<string, unknown>, ctx: Partial<ProviderContext> = {}): Promise<ProviderInstance> {
  const checked = await provider.configSchema['~standard'].validate(config);
  if (checked.issues) throw new Error(checked.issues.map((i) => i.message).join('; '));
  const warnings: string[] = [];
  const created = await provider.create(checked.value, {
    name: 'pass',
    configFile: undefined,
    configDir: fx.root,
    env: fx.env,
    globalConfigDir: fx.root,
    signal: new AbortController().signal,
    log: { debug() {}, warn: (m) => warnings.push(m) },
    options: {},
    resolveSecret: () => Promise.reject(new Error('unused')),
    ...ctx,
  });
  return Object.assign(created, { warnings });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(isProviderError(error)).toBe(true);
    return error as { code: string; message: string; hint?: string };
  }
  throw new Error('expected a failure');
}

describe.skipIf(!HAVE_PASS)('password-store with a real pass', () => {
  beforeAll(() => {
    fx = passFixture();
  });
  afterAll(() => fx?.cleanup());

  it('reads an entry made by pass insert (trimmed, as upstream), writes one pass show reads back exactly', async () => {
    expect(fx.pass(['insert', '-e', 'by-pass/token'], 'from-pass\n').code).toBe(0);
    const p = await instance({});
    expect(await p.get({ key: 'T', value: 'by-pass/token' })).toBe('from-pass');

    const multi = 'line one\nline two\n\nline four: {"json": true}';
    expect(await p.put!('BY_FNOX', multi)).toBe('BY_FNOX');
    const shown = fx.pass(['show', 'BY_FNOX']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(multi);
    expect(await p.get({ key: 'BY_FNOX', value: 'BY_FNOX' })).toBe(multi);
    // A multi-line entry written by pass (password on line 1, metadata below) comes back whole.
    expect(fx.pass(['insert', '-m', 'site/login'], 's3cret\nuser: alice\nurl: https://example.invalid\n').code).toBe(0);
    expect(await p.get({ key: 'L', value: 'site/login' })).toBe('s3cret\nuser: alice\nurl: https://example.invalid');
  });

  it('overwrites (insert -f), warns about whitespace that reads back trimmed', async () => {
    const p = (await instance({})) as ProviderInstance & { warnings: string[] };
    await p.put!('OVER', 'first');
    await p.put!('OVER', '  second\n');
    expect(await p.get({ key: 'OVER', value: 'OVER' })).toBe('second');
    expect(p.warnings.join('\n')).toMatch(/OVER starts or ends with whitespace/);
    expect(p.warnings.join('\n')).not.toContain('second');
  });

  it('prefix is prepended verbatim; list yields names under it; remove deletes', async () => {
    const p = await instance({ prefix: 'fnox/app-' });
    expect(await p.put!('DB_URL', 'postgres://x')).toBe('DB_URL');
    expect(fx.pass(['show', 'fnox/app-DB_URL']).stdout).toBe('postgres://x');
    await p.put!('API', 'k');
    const names: string[] = [];
    for await (const name of p.list!()) names.push(name);
    expect(names.sort()).toEqual(['API', 'DB_URL']);
    await p.remove!({ key: 'API', value: 'API' });
    expect(fx.pass(['show', 'fnox/app-API']).code).not.toBe(0);
    await p.remove!({ key: 'API', value: 'API' }); // already gone: not an error
  });

  it('store_dir: relative to the declaring fnox.toml, ~ against HOME, wins over PASSWORD_STORE_DIR', async () => {
    const other = passFixture();
    try {
      // The second fixture's store, reached through store_dir while PASSWORD_STORE_DIR points elsewhere.
      const env = { ...fx.env, GNUPGHOME: other.gnupgHome };
      const p = await instance({ store_dir: other.storeDir }, { env });
      await p.put!('ELSEWHERE', 'v-elsewhere');
      expect(other.pass(['show', 'ELSEWHERE']).stdout).toBe('v-elsewhere');
      expect(fx.pass(['show', 'ELSEWHERE']).code).not.toBe(0);

      const relative = await instance({ store_dir: '../store' }, { env, configDir: join(other.root, 'project') });
      expect(await relative.get({ key: 'E', value: 'ELSEWHERE' })).toBe('v-elsewhere');
      const tilde = await instance({ store_dir: '~/store' }, { env: { ...env, HOME: other.root } });
      expect(await tilde.get({ key: 'E', value: 'ELSEWHERE' })).toBe('v-elsewhere');
      // FNOX_PASSWORD_STORE_DIR wins over PASSWORD_STORE_DIR, as upstream.
      const viaEnv = await instance({}, { env: { ...env, FNOX_PASSWORD_STORE_DIR: other.storeDir } });
      expect(await viaEnv.get({ key: 'E', value: 'ELSEWHERE' })).toBe('v-elsewhere');
    } finally {
      other.cleanup();
    }
  });

  it('gpg_opts reach gpg as PASSWORD_STORE_GPG_OPTS', async () => {
    // An option gpg rejects proves the field is passed on.
    expect(fx.pass(['insert', '-m', '-f', 'gpg/opts'], 'x').code).toBe(0);
    const p = await instance({ gpg_opts: '--no-such-gpg-option' });
    const error = await failure(p.get({ key: 'T', value: 'gpg/opts' }));
    expect(error.message).toMatch(/no-such-gpg-option|invalid option/);
    const fromEnv = await instance({}, { env: { ...fx.env, PASSWORD_STORE_GPG_OPTS: '--no-such-gpg-option' } });
    expect((await failure(fromEnv.get({ key: 'T', value: 'gpg/opts' }))).message).toMatch(/no-such-gpg-option|invalid option/);
  });

  it('the value is never in any child argv (/proc/<pid>/cmdline of pass and gpg)', async () => {
    const shims = join(fx.root, 'shims');
    const log = join(fx.root, 'argv.log');
    mkdirSync(shims, { recursive: true });
    for (const tool of ['pass', 'gpg']) {
      const real = `/usr/bin/${tool}`;
      writeFileSync(join(shims, tool), `#!/bin/sh\ncat /proc/$$/cmdline >> '${log}'; printf '\\n' >> '${log}'\nexec ${real} "$@"\n`);
      chmodSync(join(shims, tool), 0o755);
    }
    const canary = 'CANARY-7f3a9c-secret-value';
    const p = await instance({ prefix: 'argv/' }, { env: { ...fx.env, PATH: `${shims}:${fx.env.PATH}` } });
    await p.put!('CANARY', `${canary}\nsecond line ${canary}`);
    expect(await p.get({ key: 'CANARY', value: 'CANARY' })).toBe(`${canary}\nsecond line ${canary}`);
    const seen = readFileSync(log, 'utf8');
    expect(seen).toContain('insert');
    expect(seen).toMatch(/gpg\0.*-e/); // pass's gpg child was seen too (positive control)
    expect(seen).toContain('argv/CANARY');
    expect(seen).not.toContain('CANARY-7f3a9c');
  });

  it('maps failures: not found, not initialised, no pass on PATH', async () => {
    const p = await instance({});
    const missing = await failure(p.get({ key: 'K', value: 'nope/nothing' }));
    expect(missing).toMatchObject({ code: 'not-found', message: `password-store: entry 'nope/nothing' not found in ${fx.storeDir}` });

    const empty = passFixture({ initialise: false });
    try {
      const q = await instance({}, { env: empty.env });
      for (const attempt of [() => q.put!('K', 'v'), () => q.get({ key: 'K', value: 'K' }), () => q.check!()]) {
        const error = await failure(attempt());
        expect(error.code).toBe('config');
        expect(error.message).toBe(`password-store: the store ${empty.storeDir} is not initialised`);
        expect(error.hint).toContain('pass init');
      }
    } finally {
      empty.cleanup();
    }
    const noPass = await instance({}, { env: { ...fx.env, PATH: join(fx.root, 'empty-path') } });
    expect(await failure(noPass.get({ key: 'K', value: 'x' }))).toMatchObject({ code: 'config', message: 'password-store: the `pass` command was not found on PATH' });
  });

  it('maps gpg failures: no secret key (identity) vs a key whose passphrase cannot be asked (auth)', async () => {
    expect(fx.pass(['insert', '-m', '-f', 'gpg/owned'], 'owned by the fixture key').code).toBe(0);
    const stranger = fx.addKeyring('stranger');
    const p = await instance({}, { env: { ...fx.env, GNUPGHOME: stranger.gnupgHome } });
    const noKey = await failure(p.get({ key: 'T', value: 'gpg/owned' }));
    expect(noKey.code).toBe('identity');
    expect(noKey.message).toMatch(/^password-store: no secret key can decrypt entry 'gpg\/owned'/);
    expect(noKey.hint).toContain('.gpg-id');

    const locked = fx.addKeyring('locked', { passphrase: 'correct horse battery' });
    const lockedStore = passFixture({ initialise: false });
    try {
      const env = { ...lockedStore.env, GNUPGHOME: locked.gnupgHome };
      expect(lockedStore.pass(['init', locked.email], undefined, { GNUPGHOME: locked.gnupgHome }).code).toBe(0);
      const q = await instance({}, { env });
      await q.put!('LOCKED', 'needs the passphrase'); // encrypting needs only the public key
      const error = await failure(q.get({ key: 'LOCKED', value: 'LOCKED' }));
      expect(error.code).toBe('auth');
      expect(error.message).toMatch(/gpg needs your key's passphrase to show entry 'LOCKED'/);
      expect(error.hint).toMatch(/Unlock the key once in a terminal/);
    } finally {
      lockedStore.cleanup();
    }

    // Encrypting to a recipient without a public key (a fingerprint: nothing to look up anywhere).
    const bad = passFixture({ initialise: false });
    try {
      mkdirSync(bad.storeDir, { recursive: true });
      writeFileSync(join(bad.storeDir, '.gpg-id'), '0123456789ABCDEF0123456789ABCDEF01234567\n');
      const q = await instance({}, { env: bad.env });
      const error = await failure(q.put!('K', 'value-that-cannot-be-encrypted'));
      expect(error.code).toBe('encrypt');
      expect(error.message).not.toContain('value-that-cannot-be-encrypted');
    } finally {
      bad.cleanup();
    }
  });

  it('check() runs pass ls', async () => {
    await (await instance({})).check!();
  });
});

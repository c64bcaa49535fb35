/**
 * keychain against a real Secret Service: gnome-keyring-daemon on a private session bus
 * (dbus-run-session) in a temp HOME. Values written by fnox are read by secret-tool and the other
 * way round (the same items upstream fnox reads and writes); a locked collection and a machine
 * without D-Bus fail with clear errors.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isProviderError, type ProviderContext, type ProviderInstance } from '@fnox/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import provider from '../src/provider.js';
import { busConfig, HAVE_SECRET_SERVICE, startSecretService, type SecretService } from './support/secret-service.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(root, 'dist', 'provider.js');
let ss: SecretService;
const saved = process.env.DBUS_SESSION_BUS_ADDRESS;

async function instance(config: Record<string, unknown>): Promise<ProviderInstance> {
  const checked = await provider.configSchema['~standard'].validate(config);
  if (checked.issues) throw new Error(checked.issues.map((i) => i.message).join('; '));
  const ctx: ProviderContext = {
    name: 'kc',
    configFile: undefined,
    configDir: ss.home,
    env: ss.env,
    globalConfigDir: ss.home,
    signal: new AbortController().signal,
    log: { debug() {}, warn() {} },
    options: {},
    resolveSecret: () => Promise.reject(new Error('unused')),
  };
  return provider.create(checked.value, ctx);
}

/** One provider call in a fresh process (the binding reads the bus address from its environment). */
function inChild(env: Record<string, string>, config: Record<string, unknown>, call: string): Promise<{ ok: boolean; code?: string; message?: string; hint?: string; value?: string }> {
  const script = `
const { default: provider } = await import(${JSON.stringify(pathToFileURL(DIST).href)});
const ctx = { name: 'kc', configDir: process.cwd(), env: process.env, globalConfigDir: process.cwd(), signal: new AbortController().signal,
  log: { debug() {}, warn() {} }, options: {}, resolveSecret: async () => '' };
const p = await provider.create(${JSON.stringify(config)}, ctx);
try { const value = await (${call}); console.log(JSON.stringify({ ok: true, value })); }
catch (e) { console.log(JSON.stringify({ ok: false, code: e.code, message: e.message, hint: e.hint })); }`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!)),
    ),
  );
}

describe.skipIf(!HAVE_SECRET_SERVICE)('keychain with gnome-keyring on a private session bus', () => {
  beforeAll(async () => {
    ss = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = ss.env.DBUS_SESSION_BUS_ADDRESS;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    await ss?.stop();
  });

  it('fnox writes, secret-tool reads (service + username = prefix + name, label as upstream)', async () => {
    const p = await instance({ service: 'fnox-it', prefix: 'myapp/' });
    expect(await p.put!('DB_URL', 'postgres://u:p@db/app\nsecond line')).toBe('DB_URL');
    const looked = ss.secretTool(['lookup', 'service', 'fnox-it', 'username', 'myapp/DB_URL']);
    expect(looked).toMatchObject({ code: 0, stdout: 'postgres://u:p@db/app\nsecond line' });
    const search = ss.secretTool(['search', '--all', 'service', 'fnox-it', 'username', 'myapp/DB_URL']);
    const shown = search.stdout + search.stderr; // secret-tool prints attributes on stderr
    expect(shown).toContain('label = keyring:myapp/DB_URL@fnox-it');
    expect(shown).toContain('attribute.service = fnox-it');
    expect(shown).toContain('attribute.username = myapp/DB_URL');
  });

  it('secret-tool writes, fnox reads; fnox overwrites the same item; remove deletes it', async () => {
    expect(ss.secretTool(['store', '--label=by secret-tool', 'service', 'fnox-it', 'username', 'API_KEY'], 'from secret-tool ✓').code).toBe(0);
    const p = await instance({ service: 'fnox-it' });
    expect(await p.get({ key: 'API_KEY', value: 'API_KEY' })).toBe('from secret-tool ✓');
    await p.put!('API_KEY', 'rotated by fnox');
    expect(ss.secretTool(['lookup', 'service', 'fnox-it', 'username', 'API_KEY']).stdout).toBe('rotated by fnox');
    const items = ss.secretTool(['search', '--all', 'service', 'fnox-it', 'username', 'API_KEY']).stdout.match(/^\[\//gm) ?? [];
    expect(items).toHaveLength(1); // updated in place, not a second item
    await p.remove!({ key: 'API_KEY', value: 'API_KEY' });
    expect(ss.secretTool(['lookup', 'service', 'fnox-it', 'username', 'API_KEY']).code).not.toBe(0);
    await p.remove!({ key: 'API_KEY', value: 'API_KEY' }); // already gone: fine
  });

  it('a missing entry is not-found; list yields the names under the prefix; check() round-trips a test entry', async () => {
    const p = await instance({ service: 'fnox-list', prefix: 'team/' });
    const missing = await p.get({ key: 'K', value: 'absent' }).catch((e: unknown) => e);
    expect(isProviderError(missing) && missing.code).toBe('not-found');
    expect((missing as Error).message).toBe("keychain: no entry 'team/absent' (service 'fnox-list')");
    await p.put!('B', '2');
    await p.put!('A', '1');
    ss.secretTool(['store', '--label=other', 'service', 'fnox-list', 'username', 'outside-prefix'], 'x');
    const names: string[] = [];
    for await (const name of p.list!()) names.push(name);
    expect(names).toEqual(['A', 'B']);
    const all: string[] = [];
    for await (const name of (await instance({ service: 'fnox-list' })).list!()) all.push(name);
    expect(all).toEqual(['outside-prefix', 'team/A', 'team/B']);
    await p.check!();
    expect(ss.secretTool(['lookup', 'service', 'fnox-list', 'username', '__fnox_test__']).code).not.toBe(0);
  });

  it.skipIf(!existsSync(DIST) && process.env.CI !== 'true')('a locked collection: clear auth error with a hint, nothing written', async () => {
    const locked = await startSecretService();
    try {
      locked.secretTool(['store', '--label=x', 'service', 'fnox-locked', 'username', 'K'], 'before-lock');
      locked.lock();
      const read = await inChild(locked.env, { service: 'fnox-locked' }, "p.get({ key: 'K', value: 'K' })");
      expect(read).toMatchObject({ ok: false, code: 'auth' });
      expect(read.message).toMatch(/^keychain: the keychain is locked or refused access \(read 'K' \(service 'fnox-locked'\)\): .*unlock prompt was dismissed/);
      expect(read.hint).toMatch(/Unlock the keyring/);
      const write = await inChild(locked.env, { service: 'fnox-locked' }, "p.put('K', 'after-lock-value')");
      expect(write).toMatchObject({ ok: false, code: 'auth' });
      expect(write.message).not.toContain('after-lock-value');
    } finally {
      await locked.stop();
    }
  });

  it.skipIf(!existsSync(DIST) && process.env.CI !== 'true')('no D-Bus at all: clear error naming the Secret Service, no fallback store', async () => {
    const { DBUS_SESSION_BUS_ADDRESS: _bus, ...noBus } = ss.env;
    for (const env of [noBus, { ...noBus, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(ss.home, 'no-such-bus')}` }]) {
      const write = await inChild(env, { service: 'fnox-nobus' }, "p.put('K', 'must-not-land-anywhere')");
      expect(write).toMatchObject({ ok: false, code: 'network' });
      expect(write.message).toMatch(/^keychain: no Secret Service to store 'K' \(service 'fnox-nobus'\): /);
      expect(write.hint).toMatch(/dbus-run-session/);
      const read = await inChild(env, { service: 'fnox-nobus' }, "p.get({ key: 'K', value: 'K' })");
      expect(read).toMatchObject({ ok: false, code: 'network' });
    }
  });

  it.skipIf(!existsSync(DIST) && process.env.CI !== 'true')('a session bus without any Secret Service: the same clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fnox-bare-bus-'));
    writeFileSync(join(dir, 'bus.conf'), busConfig(dir));
    const bus = spawn('dbus-daemon', [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const address = await new Promise<string>((resolve) => bus.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
      const read = await inChild({ ...ss.env, DBUS_SESSION_BUS_ADDRESS: address }, { service: 'fnox-bare' }, "p.get({ key: 'K', value: 'K' })");
      expect(read).toMatchObject({ ok: false, code: 'network' });
      expect(read.message).toMatch(/^keychain: no Secret Service to read 'K' \(service 'fnox-bare'\): .*org\.freedesktop\.secrets/);
    } finally {
      bus.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

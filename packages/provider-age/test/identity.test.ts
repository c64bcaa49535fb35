import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProviderError, ProviderError } from '@fnox/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { encryptToStoredValue } from '../src/encrypt.js';
import { generateIdentity } from '../src/index.js';
import { makeContext, makeProvider } from './support/context.js';
import { tempDir } from '@fnox/test-kit';
import { ed25519KeyPair } from './support/openssh.js';

const tmp = tempDir('fnox-age-id-');
afterAll(() => tmp.cleanup());

const [envKey, refKey, fileKey, flagKey, envFileKey, defaultKey] = [
  await generateIdentity(),
  await generateIdentity(),
  await generateIdentity(),
  await generateIdentity(),
  await generateIdentity(),
  await generateIdentity(),
];
const all = { envKey, refKey, fileKey, flagKey, envFileKey, defaultKey };
type Source = keyof typeof all;

// One value per identity: whichever decrypts tells which source was used.
const values = Object.fromEntries(
  await Promise.all(Object.entries(all).map(async ([name, pair]) => [name, await encryptToStoredValue(`secret for ${name}`, [pair.recipient])])),
) as Record<Source, string>;

function keyFile(name: string, text: string, mode = 0o600): string {
  const path = tmp.path(name);
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return path;
}

const configDir = tmp.path('project');
mkdirSync(configDir, { recursive: true });
writeFileSync(join(configDir, 'age.txt'), `${fileKey.identity}\n`, { mode: 0o600 });
const globalDir = tmp.path('global');
mkdirSync(globalDir, { recursive: true });
writeFileSync(join(globalDir, 'age.txt'), `${defaultKey.identity}\n`, { mode: 0o600 });
const flagFile = keyFile('flag.txt', flagKey.identity);
const envFile = keyFile('envfile.txt', envFileKey.identity);

async function whichSource(table: Record<string, unknown>, ctx: Parameters<typeof makeContext>[0]): Promise<Source[]> {
  const provider = await makeProvider({ recipients: [], ...table }, makeContext({ configDir, globalConfigDir: globalDir, ...ctx }));
  const used: Source[] = [];
  for (const [name, value] of Object.entries(values)) {
    try {
      if ((await provider.get({ key: name, value })) === `secret for ${name}`) used.push(name as Source);
    } catch (error) {
      expect(isProviderError(error) && error.code).toBe('decrypt');
    }
  }
  return used;
}

describe('identity order', () => {
  const resolveSecret = async (provider: string, value: string) => {
    expect([provider, value]).toEqual(['keychain', 'age-key']);
    return refKey.identity;
  };
  const full = {
    table: { key_file: './age.txt', identity: { provider: 'keychain', value: 'age-key' } },
    ctx: { env: { FNOX_AGE_KEY: envKey.identity, FNOX_AGE_KEY_FILE: envFile }, options: { 'age-key-file': flagFile }, resolveSecret },
  };

  it('FNOX_AGE_KEY beats everything', async () => {
    expect(await whichSource(full.table, full.ctx)).toEqual(['envKey']);
  });
  it('then the identity provider reference (through ctx.resolveSecret)', async () => {
    expect(await whichSource(full.table, { ...full.ctx, env: { FNOX_AGE_KEY_FILE: envFile } })).toEqual(['refKey']);
  });
  it('then key_file, relative to the declaring file', async () => {
    expect(await whichSource({ key_file: './age.txt' }, { ...full.ctx, env: { FNOX_AGE_KEY_FILE: envFile } })).toEqual(['fileKey']);
  });
  it('then --age-key-file', async () => {
    expect(await whichSource({}, { ...full.ctx, env: { FNOX_AGE_KEY_FILE: envFile } })).toEqual(['flagKey']);
  });
  it('then FNOX_AGE_KEY_FILE (~ expanded)', async () => {
    expect(await whichSource({}, { env: { FNOX_AGE_KEY_FILE: envFile } })).toEqual(['envFileKey']);
    expect(await whichSource({}, { env: { FNOX_AGE_KEY_FILE: '~/envfile.txt', HOME: tmp.dir } })).toEqual(['envFileKey']);
  });
  it('then the global age.txt', async () => {
    expect(await whichSource({}, {})).toEqual(['defaultKey']);
  });
  it('key_file expands ~ too', async () => {
    expect(await whichSource({ key_file: '~/project/age.txt' }, { env: { HOME: tmp.dir } })).toEqual(['fileKey']);
  });

  it('an empty FNOX_AGE_KEY still wins, and fails to parse', async () => {
    const provider = await makeProvider({ recipients: [], key_file: './age.txt' }, makeContext({ configDir, env: { FNOX_AGE_KEY: '' } }));
    await expect(provider.get({ key: 'K', value: values.fileKey })).rejects.toMatchObject({
      code: 'identity',
      diagnostic: 'fnox::encryption::age::identity_parse_failed',
      message: 'Failed to parse age identity: the identity is empty',
    });
  });

  it('propagates core errors from resolveSecret (cycles) unchanged', async () => {
    const cycle = new ProviderError('config', "Circular dependency detected in provider configuration for 'age'");
    const provider = await makeProvider(
      { recipients: [], identity: { provider: 'age', value: 'x' } },
      makeContext({ resolveSecret: () => Promise.reject(cycle) }),
    );
    await expect(provider.get({ key: 'K', value: values.refKey })).rejects.toBe(cycle);
  });

  it('never resolves an identity to encrypt', async () => {
    const provider = await makeProvider(
      { recipients: [envKey.recipient], identity: { provider: 'keychain', value: 'age-key' } },
      makeContext({ resolveSecret: () => Promise.reject(new Error('must not be called')) }),
    );
    expect(await provider.put!('K', 'v')).toMatch(/^YWdlLWVuY3J5cHRpb24ub3JnL3Yx/);
  });
});

describe('identity files', () => {
  it('reads comments, blank lines, CRLF and several keys', async () => {
    const text = `# created: today\r\n# public key: ${envKey.recipient}\r\n${envKey.identity}\r\n\r\n# second\n${fileKey.identity}\n`;
    const provider = await makeProvider({ recipients: [], key_file: keyFile('multi.txt', text) });
    expect(await provider.get({ key: 'A', value: values.envKey })).toBe('secret for envKey');
    expect(await provider.get({ key: 'B', value: values.fileKey })).toBe('secret for fileKey');
    await expect(provider.get({ key: 'C', value: values.refKey })).rejects.toMatchObject({
      message: 'Age decryption failed: none of your age identities can decrypt C',
    });
  });

  it('names where it looked when no identity matches', async () => {
    const path = keyFile('one.txt', envKey.identity);
    const provider = await makeProvider({ recipients: [], key_file: path });
    const error = await provider.get({ key: 'DB', value: values.refKey }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'decrypt', diagnostic: 'fnox::encryption::age::decrypt_failed' });
    expect((error as ProviderError).hint).toContain(path);
  });

  it('missing default file: identity_not_found with the age-keygen hint', async () => {
    const provider = await makeProvider({ recipients: [] }, makeContext({ globalConfigDir: tmp.path('nowhere') }));
    const path = join(tmp.path('nowhere'), 'age.txt');
    await expect(provider.get({ key: 'K', value: values.envKey })).rejects.toMatchObject({
      code: 'identity',
      diagnostic: 'fnox::encryption::age::identity_not_found',
      message: `Age identity file not found: ${path}`,
      hint: `Create an age identity with: age-keygen -o ${path}`,
    });
  });

  for (const [label, table, ctx] of [
    ['key_file', { key_file: 'missing.txt' }, {}],
    ['--age-key-file', {}, { options: { 'age-key-file': join(configDir, 'missing.txt') } }],
    ['FNOX_AGE_KEY_FILE', {}, { env: { FNOX_AGE_KEY_FILE: join(configDir, 'missing.txt') } }],
  ] as const) {
    it(`unreadable ${label}: identity_read_failed naming the path`, async () => {
      const provider = await makeProvider({ recipients: [], ...table }, makeContext({ configDir, ...ctx }));
      await expect(provider.get({ key: 'K', value: values.envKey })).rejects.toMatchObject({
        code: 'identity',
        diagnostic: 'fnox::encryption::age::identity_read_failed',
        message: `Failed to read age identity file: ${join(configDir, 'missing.txt')}`,
      });
    });
  }

  it('garbage identity: parse error that does not echo the text', async () => {
    const secretish = 'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ';
    for (const text of [secretish, 'hello world', `${envKey.identity}\nnot a key`]) {
      const provider = await makeProvider({ recipients: [] }, makeContext({ env: { FNOX_AGE_KEY: text } }));
      const error = await provider.get({ key: 'K', value: values.envKey }).catch((e: unknown) => e as ProviderError);
      expect(error).toMatchObject({ code: 'identity', diagnostic: 'fnox::encryption::age::identity_parse_failed' });
      expect((error as ProviderError).message).toMatch(/^Failed to parse age identity: /);
      expect(`${(error as ProviderError).message}${(error as ProviderError).hint}${(error as ProviderError).stack}`).not.toMatch(/AGE-SECRET-KEY-1Q|hello|not a key/);
    }
  });

  it('passphrase-protected OpenSSH and PEM keys: a clear error', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const pem = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    for (const text of [ed25519KeyPair(true).privateKey, pem]) {
      const provider = await makeProvider({ recipients: [] }, makeContext({ env: { FNOX_AGE_KEY: text } }));
      await expect(provider.get({ key: 'K', value: values.envKey })).rejects.toMatchObject({
        code: 'identity',
        message: expect.stringContaining('passphrase-protected SSH keys are not supported'),
      });
    }
  });

  it('warns about a key file readable by group or others, naming chmod 600', async () => {
    const loose = keyFile('loose.txt', envKey.identity, 0o644);
    const ctx = makeContext();
    const provider = await makeProvider({ recipients: [], key_file: loose }, ctx);
    expect(await provider.get({ key: 'K', value: values.envKey })).toBe('secret for envKey');
    expect(ctx.warnings).toHaveLength(1);
    expect(ctx.warnings[0]).toContain(loose);
    expect(ctx.warnings[0]).toContain('chmod 600');
    expect(ctx.warnings[0]).not.toContain(envKey.identity);

    const tight = makeContext();
    await (await makeProvider({ recipients: [], key_file: keyFile('tight.txt', envKey.identity) }, tight)).get({ key: 'K', value: values.envKey });
    expect(tight.warnings).toEqual([]);
  });
});

import { Encrypter, generateHybridIdentity, identityToRecipient as libraryRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import provider from '../src/provider.js';
import { bech32Decode, bech32Encode } from '../src/bech32.js';
import { generateIdentity, identityToRecipient } from '../src/index.js';
import { makeContext, makeProvider } from './support/context.js';

const pair = await generateIdentity();
const withKey = () => makeContext({ env: { FNOX_AGE_KEY: pair.identity } });

describe('config schema', () => {
  const validate = (input: unknown) => provider.configSchema['~standard'].validate(input) as { issues?: { message: string }[] };
  it('accepts recipients (even empty), key_file and an identity reference', () => {
    expect(validate({ recipients: [] }).issues).toBeUndefined();
    expect(validate({ recipients: [pair.recipient], key_file: './k', identity: { provider: 'kc', value: 'v' } }).issues).toBeUndefined();
  });
  it('rejects a missing recipients list, unknown fields and a bad reference', () => {
    expect(validate({}).issues?.[0]?.message).toBe('missing field `recipients`');
    expect(validate({ recipients: [], recipient: 'x' }).issues?.[0]?.message).toMatch(/unknown field `recipient`/);
    expect(validate({ recipients: [], identity: 'kc' }).issues).toBeDefined();
  });
});

describe('stored values', () => {
  it('are single-line padded base64 of a binary age file, random each time', async () => {
    const p = await makeProvider({ recipients: [pair.recipient] }, withKey());
    const a = await p.put!('K', 'same');
    const b = await p.put!('K', 'same');
    expect(a).toMatch(/^YWdlLWVuY3J5cHRpb24ub3JnL3Yx[A-Za-z0-9+/]*={0,2}$/);
    expect(a.length % 4).toBe(0);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(await p.get({ key: 'K', value: a })).toBe('same');
  });

  it('keep the exact bytes: empty, BOM, CRLF, NUL, astral characters', async () => {
    const p = await makeProvider({ recipients: [pair.recipient] }, withKey());
    for (const sample of ['', '\uFEFFbom', 'a\r\nb\n', 'nul\0byte', '𝄞🔑']) {
      expect(await p.get({ key: 'K', value: await p.put!('K', sample) })).toBe(sample);
    }
  });

  it('accept ASCII armor, raw or base64-wrapped (read only)', async () => {
    const { armor } = await import('age-encryption');
    const p = await makeProvider({ recipients: [pair.recipient] }, withKey());
    const armored = armor.encode(Buffer.from(await p.put!('K', 'armored'), 'base64'));
    expect(await p.get({ key: 'K', value: armored })).toBe('armored');
    expect(await p.get({ key: 'K', value: Buffer.from(armored).toString('base64') })).toBe('armored');
  });

  it('are not decoded leniently: unpadded base64 falls back to raw bytes and fails', async () => {
    const p = await makeProvider({ recipients: [pair.recipient] }, withKey());
    // An age file's base64 is padded only for some plaintext lengths: find one, so the assertion always runs.
    let padded = '';
    for (let length = 1; !padded.endsWith('='); length++) padded = await p.put!('K', 'x'.repeat(length));
    const stored = padded.replace(/=+$/, '');
    expect(stored.length % 4).not.toBe(0);
    await expect(p.get({ key: 'K', value: stored })).rejects.toMatchObject({ code: 'decrypt' });
  });

  it('are not decoded leniently: stray bits or a character Node would skip fail, the canonical text decrypts', async () => {
    const p = await makeProvider({ recipients: [pair.recipient] }, withKey());
    let padded = '';
    for (let length = 1; !padded.endsWith('=='); length++) padded = await p.put!('K', 'y'.repeat(length));
    expect(await p.get({ key: 'K', value: padded })).toMatch(/^y+$/); // positive control
    // Before '==' only the top two bits of the last symbol count: setting a low bit keeps Node's decoding the same.
    const last = padded.length - 3;
    const symbols = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const stray = padded.slice(0, last) + symbols[symbols.indexOf(padded[last]!) | 1] + '==';
    expect(Buffer.from(stray, 'base64').equals(Buffer.from(padded, 'base64'))).toBe(true);
    await expect(p.get({ key: 'K', value: stray })).rejects.toMatchObject({ code: 'decrypt' });
    const skipped = `${padded.slice(0, 8)}.${padded.slice(8)}`;
    await expect(p.get({ key: 'K', value: skipped })).rejects.toMatchObject({ code: 'decrypt' });
  });

  it('non-UTF-8 plaintext: Age decryption failed: Failed to decode UTF-8', async () => {
    const encrypter = new Encrypter();
    encrypter.addRecipient(pair.recipient);
    const file = await encrypter.encrypt(Uint8Array.from([0x66, 0xff, 0xfe]));
    const p = await makeProvider({ recipients: [] }, withKey());
    await expect(p.get({ key: 'BIN', value: Buffer.from(file).toString('base64') })).rejects.toMatchObject({
      code: 'decrypt',
      message: 'Age decryption failed: Failed to decode UTF-8: the decrypted value is not valid UTF-8',
    });
  });

  it('passphrase (scrypt) values: a clear unsupported message', async () => {
    const encrypter = new Encrypter();
    encrypter.setPassphrase('pw');
    encrypter.setScryptWorkFactor(2);
    const file = await encrypter.encrypt('x');
    const p = await makeProvider({ recipients: [] }, withKey());
    await expect(p.get({ key: 'PW', value: Buffer.from(file).toString('base64') })).rejects.toMatchObject({
      code: 'decrypt',
      message: 'Age decryption failed: PW is passphrase-encrypted (scrypt), which fnox does not support',
    });
  });

  it('post-quantum identities and recipients work through age-encryption', async () => {
    const identity = await generateHybridIdentity();
    const recipient = await libraryRecipient(identity);
    const p = await makeProvider({ recipients: [recipient, pair.recipient] }, makeContext({ env: { FNOX_AGE_KEY: `# pq\n${identity}\n` } }));
    expect(await p.get({ key: 'K', value: await p.put!('K', 'pq') })).toBe('pq');
  });
});

describe('encryption errors', () => {
  it('no recipients: Age encryption is not configured', async () => {
    const p = await makeProvider({ recipients: [] });
    await expect(p.put!('K', 'v')).rejects.toMatchObject({
      code: 'config',
      message: 'Age encryption is not configured',
      diagnostic: 'fnox::encryption::age::not_configured',
    });
  });

  const bad = [
    ['bogus', /unknown recipient type/],
    [`${pair.recipient.slice(0, -1)}${pair.recipient.endsWith('q') ? 'p' : 'q'}`, /invalid Bech32/],
    ['ssh-dss AAAAB3NzaC1kc3MAAACBAP', /unsupported SSH key type/],
    ['ssh-ed25519 !!!notbase64', /invalid base64/],
    [bech32Encode('age1yubikey', Buffer.alloc(33, 1)), /plugin recipients \(age1yubikey\) are not supported yet/],
  ] as const;
  for (const [recipient, reason] of bad) {
    it(`bad recipient ${recipient.slice(0, 20)}: Failed to parse recipient`, async () => {
      const p = await makeProvider({ recipients: [pair.recipient, recipient] });
      const error = (await p.put!('K', 'plaintext-value').then(
        () => undefined,
        (e: unknown) => e,
      )) as Error & { code: string; diagnostic: string };
      expect(error).toMatchObject({ code: 'encrypt', diagnostic: 'fnox::encryption::age::encrypt_failed' });
      expect(error.message.startsWith(`Age encryption failed: Failed to parse recipient '${recipient}': `)).toBe(true);
      expect(error.message).toMatch(reason);
      expect(`${error.message}${error.stack}`).not.toContain('plaintext-value');
    });
  }
});

describe('X25519 recipients on node:crypto', () => {
  it('wrap file keys age-encryption itself unwraps, one fresh ephemeral share per value', async () => {
    const { Decrypter } = await import('age-encryption');
    const p = await makeProvider({ recipients: [pair.recipient] }, withKey());
    const stored = await p.put!('K', 'wrapped natively');
    const decrypter = new Decrypter();
    decrypter.addIdentity(pair.identity);
    expect(await decrypter.decrypt(Buffer.from(stored, 'base64'), 'text')).toBe('wrapped natively');
    const share = (value: string) => Buffer.from(value, 'base64').toString('latin1').split('\n')[1];
    expect(share(stored)).toMatch(/^-> X25519 [A-Za-z0-9+/]{43}$/);
    expect(share(await p.put!('K', 'wrapped natively'))).not.toBe(share(stored));
  });

  it('refuse a low-order recipient key (an all-zero shared secret) without leaking the value', async () => {
    const p = await makeProvider({ recipients: [bech32Encode('age', Buffer.alloc(32))] });
    const error = (await p.put!('K', 'plaintext-value').then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { code: string };
    expect(error).toMatchObject({ code: 'encrypt', message: 'Age encryption failed: X25519 key agreement with the recipient produced a low-order point' });
    expect(`${error.message}${error.stack}`).not.toContain('plaintext-value');
  });
});

describe('public helpers', () => {
  it('generateIdentity matches age-encryption and bech32 round-trips', async () => {
    const { identity, recipient } = await generateIdentity();
    expect(identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(await libraryRecipient(identity)).toBe(recipient);
    expect(identityToRecipient(identity)).toBe(recipient);
    const decoded = bech32Decode(identity)!;
    expect(bech32Encode(decoded.hrp, decoded.bytes, true)).toBe(identity);
    expect(bech32Decode(identity.toLowerCase())?.hrp).toBe('age-secret-key-');
    expect(bech32Decode(`${identity.slice(0, 20)}${identity.slice(20).toLowerCase()}`)).toBeUndefined();
  });

  it('check() succeeds without an identity (no remote service)', async () => {
    await expect((await makeProvider({ recipients: [] })).check!()).resolves.toBeUndefined();
  });
});

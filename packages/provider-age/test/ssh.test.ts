import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AgeFormatError } from '../src/errors.js';
import { parseIdentityText } from '../src/identity-file.js';
import { x25519PrivateKey, x25519RawPublic } from '../src/primitives.js';
import { D, ed25519ToMontgomery, SshEd25519Identity, SshEd25519Recipient } from '../src/ssh-ed25519.js';
import { parseSshIdentity, parseSshRecipient } from '../src/ssh-keys.js';
import { SshRsaRecipient } from '../src/ssh-rsa.js';
import { decryptAgeBinary } from '../src/x25519-decrypt.js';
import { encryptToStoredValue } from '../src/encrypt.js';
import { ed25519KeyPair, rsaKeyPair } from './support/openssh.js';

const decryptWith = (stored: string, identityText: string) =>
  decryptAgeBinary(Buffer.from(stored, 'base64'), parseIdentityText(identityText).stanza).then((b) => Buffer.from(b).toString());

describe('ssh-ed25519', () => {
  it('the Edwards constant d is -121665/121666 mod p', () => {
    const p = 2n ** 255n - 19n;
    expect((D * 121666n + 121665n) % p).toBe(0n);
  });

  it('maps Ed25519 public keys to the X25519 key of the same secret (birational map)', () => {
    for (let i = 0; i < 20; i++) {
      const { privateKey } = generateKeyPairSync('ed25519');
      const jwk = privateKey.export({ format: 'jwk' });
      const scalar = createHash('sha512').update(Buffer.from(jwk.d!, 'base64url')).digest().subarray(0, 32);
      expect(ed25519ToMontgomery(Buffer.from(jwk.x!, 'base64url')).equals(x25519RawPublic(x25519PrivateKey(scalar)))).toBe(true);
    }
  });

  it('rejects encodings that are not curve points', () => {
    expect(() => ed25519ToMontgomery(Buffer.alloc(32, 0xff))).toThrow(/invalid ssh-ed25519/);
    expect(() => ed25519ToMontgomery(Buffer.alloc(31))).toThrow();
  });

  it('round-trips with OpenSSH and PKCS#8 PEM private keys', async () => {
    const pair = ed25519KeyPair();
    const stored = await encryptToStoredValue('ed', [parseSshRecipient(pair.publicKey) ]);
    expect(await decryptWith(stored, pair.privateKey)).toBe('ed');
    const pem = pair.keyObject.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(await decryptWith(stored, pem)).toBe('ed');
  });

  it('ignores stanzas for other SSH keys (tag mismatch) and X25519 identities ignore it', async () => {
    const [a, b] = [ed25519KeyPair(), ed25519KeyPair()];
    const stored = await encryptToStoredValue('x', [parseSshRecipient(a.publicKey) ]);
    await expect(decryptWith(stored, b.privateKey)).rejects.toMatchObject({ kind: 'no-match' });
  });

  it('treats a malformed matching stanza as a header failure', () => {
    const pair = ed25519KeyPair();
    const recipient = parseSshRecipient(pair.publicKey) as SshEd25519Recipient;
    const [stanza] = recipient.wrapFileKey(randomBytes(16));
    const identity = parseSshIdentity(pair.privateKey) as SshEd25519Identity;
    expect(() => identity.unwrapFileKey([{ args: [...stanza!.args, 'extra'], body: stanza!.body }])).toThrow(/wrong number/);
    expect(() => identity.unwrapFileKey([{ args: stanza!.args, body: Buffer.concat([stanza!.body, Buffer.alloc(1)]) }])).toThrow(/16 bytes/);
    expect(() => identity.unwrapFileKey([{ args: [stanza!.args[0]!, stanza!.args[1]!, 'AAAA'], body: stanza!.body }])).toThrow(/share/);
  });
});

describe('ssh-rsa', () => {
  it('round-trips with OpenSSH, PKCS#1 and PKCS#8 private keys', async () => {
    const pair = rsaKeyPair(2048);
    const stored = await encryptToStoredValue('rsa', [parseSshRecipient(pair.publicKey) ]);
    expect(await decryptWith(stored, pair.privateKey)).toBe('rsa');
    expect(await decryptWith(stored, pair.keyObject.export({ format: 'pem', type: 'pkcs1' }).toString())).toBe('rsa');
    expect(await decryptWith(stored, pair.keyObject.export({ format: 'pem', type: 'pkcs8' }).toString())).toBe('rsa');
    await expect(decryptWith(stored, rsaKeyPair(2048).privateKey)).rejects.toBeInstanceOf(AgeFormatError);
  });

  it('refuses RSA keys under 2048 bits as recipients', () => {
    expect(() => parseSshRecipient(rsaKeyPair(1024).publicKey)).toThrow(/too small/);
  });

  it('multi-recipient: X25519, ed25519 and RSA stanzas in one file', async () => {
    const [ed, rsa] = [ed25519KeyPair(), rsaKeyPair()];
    const recipients = [ed, rsa].map((p) => parseSshRecipient(p.publicKey) as SshEd25519Recipient | SshRsaRecipient);
    const stored = await encryptToStoredValue('all', recipients);
    expect(await decryptWith(stored, ed.privateKey)).toBe('all');
    expect(await decryptWith(stored, rsa.privateKey)).toBe('all');
  });
});

describe('SSH identity parsing', () => {
  it('rejects unsupported and corrupt keys without echoing them', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ec = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => parseSshIdentity(ec)).toThrow(/unsupported private key type ec/);
    const corrupt = ed25519KeyPair().privateKey.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    expect(() => parseSshIdentity(corrupt)).toThrow();
  });
});

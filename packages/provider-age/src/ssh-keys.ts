import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { decodeBase64Strict } from './base64.js';
import { IdentityParseError } from './errors.js';
import { SshEd25519Identity, SshEd25519Recipient } from './ssh-ed25519.js';
import { SshRsaIdentity, SshRsaRecipient } from './ssh-rsa.js';
import { ed25519PublicWire, fromBigInt, rsaPublicWire, SshReader, toBase64Url, toBigInt } from './ssh-wire.js';

/** True when the text looks like a PEM/OpenSSH private key rather than an age identity file. */
export function looksLikeSshPrivateKey(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text);
}

/**
 * Parse an `ssh-ed25519 AAAA... [comment]` or `ssh-rsa AAAA... [comment]` public key line into an
 * age recipient. Throws a plain Error with the reason.
 */
export function parseSshRecipient(line: string): SshEd25519Recipient | SshRsaRecipient {
  const [type, data] = line.trim().split(/\s+/);
  const wire = data === undefined ? undefined : decodeBase64Strict(data);
  if (!wire || wire.length === 0) throw new Error('invalid base64 key data');
  const reader = new SshReader(wire);
  if (reader.string() !== type) throw new Error(`key data is not of type ${type}`);
  if (type === 'ssh-ed25519') {
    const publicKey = reader.bytesField();
    if (!reader.done || publicKey.length !== 32) throw new Error('malformed ssh-ed25519 key');
    return new SshEd25519Recipient(publicKey);
  }
  if (type === 'ssh-rsa') {
    const e = reader.mpint();
    const n = reader.mpint();
    if (!reader.done) throw new Error('malformed ssh-rsa key');
    const key = createPublicKey({ key: { kty: 'RSA', n: toBase64Url(n), e: toBase64Url(e) }, format: 'jwk' });
    return new SshRsaRecipient(rsaPublicWire(n, e), key);
  }
  throw new Error(`unsupported SSH key type ${type ?? ''}`);
}

const PASSPHRASE_ERROR = 'passphrase-protected SSH keys are not supported; use an unencrypted key or an age identity';

function rsaFromComponents(r: SshReader): SshRsaIdentity {
  const [n, e, d, iqmp, p, q] = [r.mpint(), r.mpint(), r.mpint(), r.mpint(), r.mpint(), r.mpint()];
  const dBig = toBigInt(d);
  const jwk = {
    kty: 'RSA',
    n: toBase64Url(n),
    e: toBase64Url(e),
    d: toBase64Url(d),
    p: toBase64Url(p),
    q: toBase64Url(q),
    dp: toBase64Url(fromBigInt(dBig % (toBigInt(p) - 1n))),
    dq: toBase64Url(fromBigInt(dBig % (toBigInt(q) - 1n))),
    qi: toBase64Url(iqmp),
  };
  return new SshRsaIdentity(rsaPublicWire(n, e), createPrivateKey({ key: jwk, format: 'jwk' }));
}

/** Parse the `openssh-key-v1` container (unencrypted, cipher `none`), the first key only. */
function parseOpenSsh(text: string): SshEd25519Identity | SshRsaIdentity {
  const body = text.replace(/-----(BEGIN|END) OPENSSH PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const bytes = Buffer.from(body, 'base64');
  const magic = Buffer.from('openssh-key-v1\0', 'latin1');
  if (!bytes.subarray(0, magic.length).equals(magic)) throw new IdentityParseError('not an OpenSSH private key');
  const reader = new SshReader(bytes.subarray(magic.length));
  const cipher = reader.string();
  const kdf = reader.string();
  reader.bytesField(); // kdf options
  if (cipher !== 'none' || kdf !== 'none') throw new IdentityParseError(PASSPHRASE_ERROR);
  if (reader.uint32() < 1) throw new IdentityParseError('the OpenSSH key file holds no key');
  reader.bytesField(); // the first public key; the private section repeats it
  const priv = new SshReader(reader.bytesField());
  if (priv.uint32() !== priv.uint32()) throw new IdentityParseError('corrupt OpenSSH private key (check bytes differ)');
  const type = priv.string();
  if (type === 'ssh-ed25519') {
    const publicKey = priv.bytesField();
    const secret = priv.bytesField();
    if (publicKey.length !== 32 || secret.length !== 64) throw new IdentityParseError('malformed OpenSSH ed25519 key');
    return new SshEd25519Identity(secret.subarray(0, 32), publicKey);
  }
  if (type === 'ssh-rsa') return rsaFromComponents(priv);
  throw new IdentityParseError(`unsupported SSH key type ${type} (only ssh-ed25519 and ssh-rsa)`);
}

function fromKeyObject(key: KeyObject): SshEd25519Identity | SshRsaIdentity {
  const jwk = key.export({ format: 'jwk' });
  if (key.asymmetricKeyType === 'rsa' && jwk.n && jwk.e) {
    return new SshRsaIdentity(rsaPublicWire(Buffer.from(jwk.n, 'base64url'), Buffer.from(jwk.e, 'base64url')), key);
  }
  if (key.asymmetricKeyType === 'ed25519' && jwk.d && jwk.x) {
    return new SshEd25519Identity(Buffer.from(jwk.d, 'base64url'), Buffer.from(jwk.x, 'base64url'));
  }
  throw new IdentityParseError(`unsupported private key type ${key.asymmetricKeyType ?? 'unknown'} (only ed25519 and RSA)`);
}

/**
 * Parse an unencrypted SSH private key: OpenSSH (`openssh-key-v1`), PEM PKCS#1 RSA or PKCS#8.
 * Passphrase-protected keys are refused with a clear message. Messages never quote key bytes.
 */
export function parseSshIdentity(text: string): SshEd25519Identity | SshRsaIdentity {
  if (/ENCRYPTED/.test(text)) throw new IdentityParseError(PASSPHRASE_ERROR);
  try {
    if (text.includes('-----BEGIN OPENSSH PRIVATE KEY-----')) return parseOpenSsh(text);
    const start = text.search(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/);
    return fromKeyObject(createPrivateKey({ key: text.slice(start), format: 'pem' }));
  } catch (error) {
    if (error instanceof IdentityParseError) throw error;
    // node:crypto and SshReader messages describe structure, never key bytes.
    throw new IdentityParseError(`invalid SSH private key (${(error as Error).message})`);
  }
}

/** The `ssh-ed25519 AAAA...` line for a raw Ed25519 public key (used by tests and helpers). */
export function ed25519AuthorizedKey(publicKey: Uint8Array): string {
  return `ssh-ed25519 ${ed25519PublicWire(publicKey).toString('base64')}`;
}

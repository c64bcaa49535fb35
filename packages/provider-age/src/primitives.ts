import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The node:crypto primitives age needs. Raw X25519 keys go in and out as JWK (raw key import and
 * export, no OpenSSL decoder or encoder); a private key falls back to a fixed PKCS#8 DER prefix.
 */

const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/**
 * A node:crypto X25519 private key from a raw 32-byte scalar (clamped by X25519 itself). As JWK
 * first: OpenSSL's PKCS#8 decoder costs ~0.6 ms on its first use, a raw key import nothing. Node
 * requires JWK's `x` to be a string and derives the public key from `d`; should a Node ever check
 * `x` against `d`, the DER form still works.
 */
export function x25519PrivateKey(scalar: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: Buffer.from(scalar).toString('base64url'), x: '' }, format: 'jwk' });
  } catch {
    return createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' });
  }
}

/**
 * A node:crypto X25519 public key from a raw 32-byte u-coordinate. JWK import is about 2x faster
 * than DER here, and this runs once per decrypted value.
 */
export function x25519PublicKey(u: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(u).toString('base64url') }, format: 'jwk' });
}

/** The raw 32-byte public u-coordinate of an X25519 private key (JWK export: no OpenSSL encoder, as above). */
export function x25519RawPublic(privateKey: KeyObject): Buffer {
  return Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url');
}

/**
 * X25519(scalar, point). Returns `undefined` for a low-order point: the all-zero shared secret
 * must be rejected (age spec), and OpenSSL may refuse to derive it in the first place.
 */
export function x25519(privateKey: KeyObject, u: Uint8Array): Buffer | undefined {
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: x25519PublicKey(u) });
  } catch {
    return undefined;
  }
  return shared.every((b) => b === 0) ? undefined : shared;
}

/** A fresh random X25519 key pair as (private key, raw public u). */
export function x25519Ephemeral(): { privateKey: KeyObject; publicRaw: Buffer } {
  const privateKey = x25519PrivateKey(randomBytes(32));
  return { privateKey, publicRaw: x25519RawPublic(privateKey) };
}

const SHA256_ZERO_SALT = Buffer.alloc(32);
const HKDF_FIRST_BLOCK = Buffer.of(1);

/**
 * HKDF-SHA256 to a 32-byte key with a string info label. age only derives 32-byte keys, one HMAC
 * block: RFC 5869 written out (extract, then the first expand block) on node:crypto's HMAC, which
 * costs about half of `hkdfSync` per call (that one builds a KeyObject and an OpenSSL KDF context
 * each time, and exec decrypts three keys per value).
 */
export function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  const prk = createHmac('sha256', salt.length === 0 ? SHA256_ZERO_SALT : salt)
    .update(ikm)
    .digest();
  const okm = createHmac('sha256', prk).update(info).update(HKDF_FIRST_BLOCK).digest();
  prk.fill(0);
  return okm;
}

const ZERO_NONCE = Buffer.alloc(12);

/** ChaCha20-Poly1305 open; `undefined` on authentication failure. */
export function chachaOpen(key: Uint8Array, ciphertext: Uint8Array, nonce: Uint8Array = ZERO_NONCE): Buffer | undefined {
  if (ciphertext.length < 16) return undefined;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const body = decipher.update(ciphertext.subarray(0, ciphertext.length - 16));
  try {
    decipher.final();
  } catch {
    body.fill(0);
    return undefined;
  }
  return body;
}

/** ChaCha20-Poly1305 seal with a zero nonce (age wraps each file key under a fresh key). */
export function chachaSeal(key: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([body, cipher.getAuthTag()]);
}

/**
 * Unwrap a 16-byte file key from a stanza body. A body of any other length is malformed (not a
 * mismatch): the CCTV `*_long_file_key` vectors require the check before decryption.
 */
export function unwrapBody(key: Uint8Array, body: Uint8Array, stanzaType: string): Buffer | undefined {
  if (body.length !== 32) throw new StanzaError(`invalid ${stanzaType} stanza: wrapped file key is not 16 bytes`);
  return chachaOpen(key, body);
}

/** A stanza that names our type but is malformed: fatal for the file (a header failure). */
export class StanzaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StanzaError';
  }
}

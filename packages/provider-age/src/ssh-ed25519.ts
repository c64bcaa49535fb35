import { createHash, type KeyObject } from 'node:crypto';
import { decodeBase64NoPad, encodeBase64NoPad } from './base64.js';
import type { AgeStanza } from './header.js';
import type { StanzaIdentity } from './native-identity.js';
import { chachaSeal, hkdf, StanzaError, unwrapBody, x25519, x25519Ephemeral, x25519PrivateKey } from './primitives.js';
import { ed25519PublicWire, sshTag } from './ssh-wire.js';

/**
 * The age `ssh-ed25519` recipient type (age spec, "SSH recipients"): the Ed25519 key is mapped to
 * its X25519 (Montgomery) form, and the X25519 shared secret is multiplied by a tweak derived
 * from the SSH public key, so an ssh-ed25519 stanza never unwraps with a plain X25519 key.
 */

const LABEL = 'age-encryption.org/v1/ssh-ed25519';
const P = 2n ** 255n - 19n;
/** Edwards d = −121665/121666 mod p, written out: computing it costs a cold 255-bit modPow at load. */
export const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;

function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

function modInverse(a: bigint): bigint {
  return modPow(a, P - 2n);
}

function littleEndianToBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).reverse().toString('hex') || '0'}`);
}

function bigIntToLittleEndian(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex').reverse();
}

/**
 * The birational map from an Ed25519 public key to its X25519 u-coordinate: u = (1 + y) / (1 - y).
 * Rejects encodings that are not points on the curve, like age's edwards25519 decoding does.
 */
export function ed25519ToMontgomery(publicKey: Uint8Array): Buffer {
  if (publicKey.length !== 32) throw new Error('an ssh-ed25519 key must be 32 bytes');
  const copy = Buffer.from(publicKey);
  copy[31]! &= 0x7f;
  const y = littleEndianToBigInt(copy);
  if (y >= P) throw new Error('invalid ssh-ed25519 public key');
  // A valid point has x² = (y² − 1) / (d·y² + 1) with a square right-hand side.
  const y2 = (y * y) % P;
  const x2 = mod((y2 - 1n) * modInverse(mod(D * y2 + 1n)));
  if (x2 !== 0n && modPow(x2, (P - 1n) / 2n) !== 1n) throw new Error('invalid ssh-ed25519 public key');
  if (y === 1n) throw new Error('invalid ssh-ed25519 public key (identity point)');
  return bigIntToLittleEndian(mod((1n + y) * modInverse(mod(1n - y))));
}

interface Ed25519Params {
  readonly tag: string;
  readonly montgomery: Buffer;
  readonly tweak: KeyObject;
}

function params(publicKey: Uint8Array): Ed25519Params {
  const wire = ed25519PublicWire(publicKey);
  return {
    tag: sshTag(wire),
    montgomery: ed25519ToMontgomery(publicKey),
    // As in age: HKDF with an empty secret and the SSH public key as the salt.
    tweak: x25519PrivateKey(hkdf(Buffer.alloc(0), wire, LABEL)),
  };
}

/** An `ssh-ed25519 AAAA...` recipient, usable as an age-encryption `Recipient`. */
export class SshEd25519Recipient {
  private readonly params: Ed25519Params;

  constructor(publicKey: Uint8Array) {
    this.params = params(publicKey);
  }

  wrapFileKey(fileKey: Uint8Array): AgeStanza[] {
    const { privateKey, publicRaw } = x25519Ephemeral();
    const shared = x25519(privateKey, this.params.montgomery);
    const tweaked = shared && x25519(this.params.tweak, shared);
    if (!tweaked) throw new Error('ssh-ed25519 key agreement produced a low-order point');
    const key = hkdf(tweaked, Buffer.concat([publicRaw, this.params.montgomery]), LABEL);
    return [{ args: ['ssh-ed25519', this.params.tag, encodeBase64NoPad(publicRaw)], body: chachaSeal(key, fileKey) }];
  }
}

/** An OpenSSH ed25519 private key as an age identity (works on both decrypt paths). */
export class SshEd25519Identity implements StanzaIdentity {
  private readonly params: Ed25519Params;
  private readonly scalar: KeyObject;

  /** `seed` is the 32-byte Ed25519 private seed; `publicKey` its 32-byte public key. */
  constructor(seed: Uint8Array, publicKey: Uint8Array) {
    this.params = params(publicKey);
    // The X25519 scalar of an Ed25519 key is the first half of SHA-512(seed) (clamped by X25519).
    this.scalar = x25519PrivateKey(createHash('sha512').update(seed).digest().subarray(0, 32));
  }

  unwrapFileKey(stanzas: AgeStanza[]): Uint8Array | null {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== 'ssh-ed25519') continue;
      if (stanza.args.length !== 3) throw new StanzaError('invalid ssh-ed25519 stanza: wrong number of arguments');
      if (stanza.args[1] !== this.params.tag) continue;
      const share = decodeBase64NoPad(stanza.args[2]!);
      if (!share || share.length !== 32) throw new StanzaError('invalid ssh-ed25519 stanza: bad ephemeral share');
      const shared = x25519(this.scalar, share);
      const tweaked = shared && x25519(this.params.tweak, shared);
      if (!tweaked) throw new StanzaError('invalid ssh-ed25519 stanza: low-order ephemeral share');
      const key = hkdf(tweaked, Buffer.concat([share, this.params.montgomery]), LABEL);
      const fileKey = unwrapBody(key, stanza.body, 'ssh-ed25519');
      if (fileKey) return fileKey;
    }
    return null;
  }
}

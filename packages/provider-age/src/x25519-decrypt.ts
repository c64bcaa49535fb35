import { createHmac, timingSafeEqual } from 'node:crypto';
import { AgeFormatError } from './errors.js';
import { parseAgeFile, type AgeStanza } from './header.js';
import type { StanzaIdentity } from './native-identity.js';
import { chachaOpen, hkdf, StanzaError } from './primitives.js';

/**
 * The decrypt hot path: binary age v1 files on node:crypto only (no age-encryption import, which
 * costs ~120 ms of start-up). Identities are X25519 or SSH objects implementing `unwrapFileKey`.
 */

const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = CHUNK + TAG;

async function unwrap(stanzas: AgeStanza[], identities: readonly StanzaIdentity[]): Promise<Uint8Array> {
  // age-go's rule: a passphrase stanza must be alone, whatever identities are on offer.
  if (stanzas.some((s) => s.args[0] === 'scrypt') && stanzas.length !== 1) {
    throw new AgeFormatError('header', 'invalid age header: an scrypt stanza must be the only one');
  }
  for (const identity of identities) {
    let fileKey: Uint8Array | null;
    try {
      fileKey = await identity.unwrapFileKey(stanzas);
    } catch (error) {
      if (error instanceof StanzaError) throw new AgeFormatError('header', error.message);
      throw error;
    }
    if (fileKey) return fileKey;
  }
  const passphrase = stanzas.length === 1 && stanzas[0]!.args[0] === 'scrypt';
  throw new AgeFormatError(
    'no-match',
    passphrase ? 'the value is passphrase-encrypted (scrypt), which fnox does not support' : 'no identity matched any of the recipients',
  );
}

/** Decrypt the STREAM payload: 64 KiB chunks, the last flagged, only the first may be empty. */
export function decryptStream(streamKey: Uint8Array, payload: Buffer): Buffer {
  if (payload.length === 0) throw new AgeFormatError('payload', 'payload has no chunks');
  const chunks = Math.ceil(payload.length / SEALED_CHUNK);
  const nonce = Buffer.alloc(12);
  const out: Buffer[] = [];
  for (let i = 0; i < chunks; i++) {
    const last = i === chunks - 1;
    nonce.writeUIntBE(i, 5, 6); // 11-byte big-endian counter; 2^48 chunks is far beyond any value
    nonce[11] = last ? 1 : 0;
    const sealed = payload.subarray(i * SEALED_CHUNK, Math.min(payload.length, (i + 1) * SEALED_CHUNK));
    const plain = chachaOpen(streamKey, sealed, nonce);
    if (!plain) throw new AgeFormatError('payload', `payload chunk ${i} failed authentication`);
    if (last && i > 0 && plain.length === 0) throw new AgeFormatError('payload', 'final chunk is empty');
    out.push(plain);
  }
  return Buffer.concat(out);
}

/**
 * Decrypt a binary age file with the given identities on node:crypto.
 *
 * @throws {AgeFormatError} with kind `header`, `no-match`, `hmac` or `payload`.
 */
export async function decryptAgeBinary(file: Uint8Array, identities: readonly StanzaIdentity[]): Promise<Buffer> {
  const parsed = parseAgeFile(file);
  const fileKey = await unwrap(parsed.stanzas, identities);
  const macKey = hkdf(fileKey, Buffer.alloc(0), 'header');
  const mac = createHmac('sha256', macKey).update(parsed.headerNoMac).digest();
  if (!timingSafeEqual(mac, parsed.mac)) throw new AgeFormatError('hmac', 'header MAC mismatch');
  const streamKey = hkdf(fileKey, parsed.nonce, 'payload');
  return decryptStream(streamKey, parsed.payload);
}

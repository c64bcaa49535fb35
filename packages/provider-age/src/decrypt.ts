import { isUtf8 } from 'node:buffer';
import { decodeBase64Strict } from './base64.js';
import { AgeFormatError, type AgeFailureKind } from './errors.js';
import type { IdentitySet } from './identity-file.js';
import { loadAge } from './lazy-age.js';
import { decryptAgeBinary } from './x25519-decrypt.js';

/** A BEGIN line of any case: `-----BEGIN AGE ENCRYPTED FILE-----` is the valid one. */
const ARMOR_LIKE = /-----\s*begin\s/i;

/** A stored value turned into age file bytes. */
export interface DecodedValue {
  readonly bytes: Buffer;
  /** The bytes are ASCII armor (`-----BEGIN AGE ENCRYPTED FILE-----`), not a binary file. */
  readonly armored: boolean;
}

/**
 * Decode a stored value: strict padded base64 of the age file (what fnox writes); if that fails,
 * the raw string bytes (as upstream does). Armor is recognised either way.
 */
export function decodeStoredValue(value: string): DecodedValue {
  const bytes = decodeBase64Strict(value) ?? Buffer.from(value, 'utf8');
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 1024));
  // Anything armor-like (even a malformed BEGIN line) goes to the armor decoder, whose error
  // ("invalid ASCII armor") says more than a binary header failure would.
  return { bytes, armored: !head.startsWith('age-encryption.org/') && ARMOR_LIKE.test(head) };
}

/** Map age-encryption's low-level messages onto the CCTV failure classes. */
function classify(message: string): AgeFailureKind {
  if (message.includes('no identity matched')) return 'no-match';
  if (message.includes('invalid header HMAC')) return 'hmac';
  return 'unknown';
}

/** First line only, bounded: library messages are structural, but keep them short and safe. */
function safeMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

async function decryptWithLibrary(decoded: DecodedValue, identities: IdentitySet): Promise<Uint8Array> {
  const age = await loadAge();
  let file: Uint8Array = decoded.bytes;
  if (decoded.armored) {
    try {
      file = age.armor.decode(decoded.bytes.toString('latin1'));
    } catch (error) {
      throw new AgeFormatError('armor', `invalid ASCII armor: ${safeMessage(error)}`);
    }
  }
  const decrypter = new age.Decrypter();
  for (const identity of identities.stanza) decrypter.addIdentity(identity);
  for (const identity of identities.libraryOnly) decrypter.addIdentity(identity);
  for (const passphrase of identities.passphrases) decrypter.addPassphrase(passphrase);
  try {
    return await decrypter.decrypt(file);
  } catch (error) {
    const message = safeMessage(error);
    throw new AgeFormatError(classify(message), message);
  }
}

/**
 * Decrypt a stored value to plaintext bytes. Binary files with X25519/SSH identities take the
 * node:crypto path; armor, post-quantum identities and passphrases go through age-encryption.
 *
 * @throws {AgeFormatError} classified as header / no-match / hmac / payload / armor / unknown.
 */
export async function decryptStoredValue(value: string, identities: IdentitySet): Promise<Uint8Array> {
  const decoded = decodeStoredValue(value);
  if (usesHotPath(decoded, identities)) return decryptAgeBinary(decoded.bytes, identities.stanza);
  return decryptWithLibrary(decoded, identities);
}

/** True when a value is decrypted on node:crypto alone (binary file, X25519/SSH identities only). */
export function usesHotPath(value: string | DecodedValue, identities: IdentitySet): boolean {
  const decoded = typeof value === 'string' ? decodeStoredValue(value) : value;
  return !decoded.armored && identities.libraryOnly.length === 0 && identities.passphrases.length === 0;
}

/**
 * Strict UTF-8, keeping a leading BOM: the plaintext bytes must round-trip exactly. Validated with
 * buffer.isUtf8 rather than a fatal TextDecoder, whose ICU converter costs ~0.2 ms to open in every
 * process that decrypts.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : undefined;
}

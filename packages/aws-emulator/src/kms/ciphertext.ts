import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * CiphertextBlob framing, modelled on real symmetric KMS blobs  so base64 output starts
 * `AQICAHh` like AWS's:
 *
 * ```
 * 01 02 02 00 78 | handle (32) | 01 | kdf nonce (16) | length (4, BE) | gcm iv (12) | ciphertext | tag (16)
 * ```
 *
 * The handle is an opaque per-key id (HMAC of the key ARN under the key material), so the key cannot
 * be read from the blob: Decrypt has to resolve it server-side, as in AWS. AES-256-GCM runs under a key
 * derived (HKDF) from the key material and the per-call nonce; the AAD is the cleartext header plus the
 * canonical EncryptionContext, so a changed header, body or context all fail authentication.
 */
const VERSION = Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]);
const HANDLE_LEN = 32;
const NONCE_LEN = 16;
const IV_LEN = 12;
const TAG_LEN = 16;
const HEADER_LEN = VERSION.length + HANDLE_LEN + 1 + NONCE_LEN;
const MIN_LEN = HEADER_LEN + 4 + IV_LEN + TAG_LEN;

/** The opaque 32-byte handle for a key; its first byte keeps base64 blobs starting `AQICAHh`. */
export function keyHandle(material: Buffer, keyArn: string): Buffer {
  const handle = createHmac('sha256', material).update(`fnox-aws-emulator handle ${keyArn}`).digest();
  handle[0] = ((handle[0] ?? 0) & 0x3f) | 0x40;
  return handle;
}

/** Encrypts `plaintext` under a key, binding `context` as AAD. */
export function sealBlob(material: Buffer, handle: Buffer, plaintext: Buffer, context: Record<string, string> = {}): Buffer {
  const nonce = randomBytes(NONCE_LEN);
  const header = Buffer.concat([VERSION, handle, Buffer.from([0x01]), nonce]);
  const iv = randomBytes(IV_LEN);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(material, nonce), iv);
  cipher.setAAD(Buffer.concat([header, canonicalContext(context)]));
  const body = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([header, length, body]);
}

/** The handle inside a blob, or undefined if the blob is not in our framing. */
export function blobHandle(blob: Buffer): Buffer | undefined {
  if (blob.length < MIN_LEN || !blob.subarray(0, VERSION.length).equals(VERSION)) return undefined;
  if (blob[VERSION.length + HANDLE_LEN] !== 0x01) return undefined;
  if (blob.readUInt32BE(HEADER_LEN) !== blob.length - HEADER_LEN - 4) return undefined;
  return blob.subarray(VERSION.length, VERSION.length + HANDLE_LEN);
}

/** Decrypts a blob; undefined when authentication fails (tampered blob or different context). */
export function openBlob(material: Buffer, blob: Buffer, context: Record<string, string> = {}): Buffer | undefined {
  if (!blobHandle(blob)) return undefined;
  const header = blob.subarray(0, HEADER_LEN);
  const nonce = header.subarray(VERSION.length + HANDLE_LEN + 1);
  const body = blob.subarray(HEADER_LEN + 4);
  const iv = body.subarray(0, IV_LEN);
  const tag = body.subarray(body.length - TAG_LEN);
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(material, nonce), iv);
    decipher.setAAD(Buffer.concat([header, canonicalContext(context)]));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body.subarray(IV_LEN, body.length - TAG_LEN)), decipher.final()]);
  } catch {
    return undefined;
  }
}

function deriveKey(material: Buffer, nonce: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', material, nonce, 'fnox-aws-emulator kms', 32));
}

/** Order-independent, unambiguous encoding of an EncryptionContext. */
function canonicalContext(context: Record<string, string>): Buffer {
  const entries = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(entries.length ? JSON.stringify(entries) : '', 'utf8');
}

/**
 * The stored value of an aws-kms secret: standard padded base64 (RFC 4648 §4) of the raw
 * CiphertextBlob, exactly what `aws kms encrypt --query CiphertextBlob --output text` prints.
 * Decoding is strict like upstream's base64 engine, so a mangled value fails here with a precise
 * reason instead of reaching KMS as a different blob.
 */

/** Why a stored value is not valid base64; never contains the value itself. */
export function base64Problem(value: string): string | undefined {
  if (value.length === 0) return 'the value is empty';
  const bad = /[^A-Za-z0-9+/=]/.exec(value);
  if (bad) return `Invalid symbol ${JSON.stringify(bad[0])} at offset ${bad.index}`;
  const padding = value.indexOf('=');
  if (padding !== -1 && (!/^={1,2}$/.test(value.slice(padding)) || value.length % 4 !== 0)) return `Invalid padding at offset ${padding}`;
  if (value.length % 4 !== 0) return `Invalid input length ${value.length} (not a multiple of 4)`;
  // Non-zero bits after the last byte: valid-looking but not what any encoder produces.
  if (Buffer.from(value, 'base64').toString('base64') !== value) return `Invalid last symbol at offset ${value.replace(/=+$/, '').length - 1}`;
  return undefined;
}

/** Decode a stored value, or return the reason it is not standard padded base64. */
export function decodeCiphertext(value: string): { bytes: Uint8Array } | { problem: string } {
  const problem = base64Problem(value);
  return problem === undefined ? { bytes: Buffer.from(value, 'base64') } : { problem };
}

/** The stored form of a CiphertextBlob. */
export function encodeCiphertext(blob: Uint8Array): string {
  return Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString('base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 text of a decrypted value, or undefined when it is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** KMS Encrypt accepts at most this many plaintext bytes. */
export const MAX_PLAINTEXT_BYTES = 4096;

/**
 * The stored value of an aws-kms secret: standard padded base64 (RFC 4648 §4) of the raw
 * CiphertextBlob, exactly what `aws kms encrypt --query CiphertextBlob --output text` prints.
 * Decoding is strict like upstream's base64 engine, so a mangled value fails here with a precise
 * reason instead of reaching KMS as a different blob.
 */
import { base64Problem as strictBase64Problem } from '@fnox/contract';

/** Why a stored value is not valid base64, in upstream's words; never contains the value itself. */
export function base64Problem(value: string): string | undefined {
  if (value.length === 0) return 'the value is empty';
  const problem = strictBase64Problem(value);
  switch (problem?.kind) {
    case undefined:
      return undefined;
    case 'symbol':
      return `Invalid symbol ${JSON.stringify(problem.symbol)} at offset ${problem.offset}`;
    case 'padding':
      return `Invalid padding at offset ${problem.offset}`;
    case 'length':
      return `Invalid input length ${problem.length} (not a multiple of 4)`;
    case 'last-symbol':
      return `Invalid last symbol at offset ${problem.offset}`;
  }
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

/**
 * Strict base64 helpers. Node's decoder is lenient (it skips invalid characters and ignores
 * non-zero padding bits), so every decode is checked by re-encoding: age requires canonical
 * encodings, and fnox stores values as canonical padded base64.
 */

const NOPAD = /^[A-Za-z0-9+/]*$/;

/** Decode unpadded canonical base64 (age stanza arguments and bodies), or `undefined`. */
export function decodeBase64NoPad(text: string): Buffer | undefined {
  if (!NOPAD.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64').replace(/=+$/, '') === text ? bytes : undefined;
}

/** Encode as unpadded base64 (age header style). */
export function encodeBase64NoPad(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64').replace(/=+$/, '');
}

/**
 * Decode standard padded canonical base64 (the stored value), or `undefined`. A text is canonical
 * exactly when re-encoding its decoding gives it back (`base64Problem` of @fnox/contract says why
 * one is not); one decode and one encode instead of its checks and then a decode, on every value.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

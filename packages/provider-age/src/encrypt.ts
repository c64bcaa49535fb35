import type { Recipient } from 'age-encryption';
import { bech32Decode } from './bech32.js';
import { encryptFailed, notConfigured } from './errors.js';
import { loadAge } from './lazy-age.js';
import { NativeX25519Recipient } from './native-identity.js';
import { parseSshRecipient } from './ssh-keys.js';

/** A recipient ready for age-encryption's `Encrypter.addRecipient`. */
export type ParsedRecipient = string | Recipient;

const LIBRARY_HRPS = new Set(['age', 'age1pq', 'age1tag', 'age1tagpq']);

/** Parse one recipient: SSH first, then `age1...` (X25519 on node:crypto, the rest by the library); plugin recipients come later. */
function parseRecipient(text: string): ParsedRecipient {
  const trimmed = text.trim();
  if (/^ssh-(ed25519|rsa)\s/.test(trimmed)) return parseSshRecipient(trimmed);
  if (/^ssh-\S+\s/.test(trimmed)) throw new Error('unsupported SSH key type (only ssh-ed25519 and ssh-rsa)');
  if (!trimmed.startsWith('age1')) throw new Error('unknown recipient type (expected age1..., ssh-ed25519 or ssh-rsa)');
  const decoded = bech32Decode(trimmed);
  if (!decoded) throw new Error('invalid Bech32 encoding');
  if (decoded.hrp === 'age' && decoded.bytes.length !== 32) throw new Error('an X25519 recipient must encode 32 bytes');
  if (!LIBRARY_HRPS.has(decoded.hrp)) throw new Error(`plugin recipients (${decoded.hrp}) are not supported yet`);
  return decoded.hrp === 'age' ? new NativeX25519Recipient(decoded.bytes) : trimmed;
}

/**
 * Parse the configured recipients, in order.
 *
 * @throws ProviderError `Age encryption is not configured` for an empty list, and
 * `Age encryption failed: Failed to parse recipient 'R': ...` for a bad entry.
 */
export function parseRecipients(recipients: readonly string[]): ParsedRecipient[] {
  if (recipients.length === 0) throw notConfigured();
  return recipients.map((recipient) => {
    try {
      return parseRecipient(recipient);
    } catch (error) {
      throw encryptFailed(`Failed to parse recipient '${recipient}': ${(error as Error).message}`);
    }
  });
}

/**
 * Encrypt the exact UTF-8 bytes of `plaintext` to every recipient (one file key) and return the
 * stored form: padded base64 of the binary age file, like `age -r R | base64 -w0`.
 */
export async function encryptToStoredValue(plaintext: string, recipients: readonly ParsedRecipient[]): Promise<string> {
  const age = await loadAge();
  const encrypter = new age.Encrypter();
  let file: Uint8Array;
  try {
    for (const recipient of recipients) encrypter.addRecipient(recipient);
    file = await encrypter.encrypt(Buffer.from(plaintext, 'utf8'));
  } catch (error) {
    // Library messages describe recipients or formats, never the plaintext.
    throw encryptFailed(((error as Error).message ?? String(error)).split('\n')[0]!);
  }
  return Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('base64');
}

import { randomBytes } from 'node:crypto';
import { bech32Encode } from './bech32.js';
import { IdentityParseError } from './errors.js';
import { NativeX25519Identity } from './native-identity.js';

/** A new age X25519 key pair. */
export interface GeneratedIdentity {
  /** `AGE-SECRET-KEY-1...`: the private identity (write it to a 0600 file). */
  readonly identity: string;
  /** `age1...`: the public recipient to put in `recipients`. */
  readonly recipient: string;
}

/**
 * The `age1...` recipient of an `AGE-SECRET-KEY-1...` identity (like `age-keygen -y`).
 *
 * @throws {IdentityParseError} when the text is not an X25519 identity (the message quotes no key).
 */
export function identityToRecipient(identity: string): string {
  const parsed = NativeX25519Identity.parse(identity.trim());
  if (!parsed) throw new IdentityParseError('not an AGE-SECRET-KEY-1 identity');
  return bech32Encode('age', parsed.publicKey);
}

/**
 * Generate an X25519 identity and its recipient, like `age-keygen`. Uses node:crypto only, so it
 * is cheap to call from the CLI.
 *
 * @example
 * ```ts
 * const { identity, recipient } = await generateIdentity();
 * ```
 */
export async function generateIdentity(): Promise<GeneratedIdentity> {
  const identity = bech32Encode('AGE-SECRET-KEY-', randomBytes(32), true);
  return { identity, recipient: identityToRecipient(identity) };
}

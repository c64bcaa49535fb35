import { bech32Decode } from './bech32.js';
import { IdentityParseError } from './errors.js';
import { NativeX25519Identity, type StanzaIdentity } from './native-identity.js';
import { looksLikeSshPrivateKey, parseSshIdentity } from './ssh-keys.js';

/** Identities parsed from identity text, split by which decrypt path can use them. */
export interface IdentitySet {
  /** X25519 and SSH identities: usable by the node:crypto reader and by age-encryption. */
  readonly stanza: readonly StanzaIdentity[];
  /** Post-quantum `AGE-SECRET-KEY-PQ-1...` strings: only age-encryption understands them. */
  readonly libraryOnly: readonly string[];
  /** scrypt passphrases: never configurable in fnox; the CCTV conformance tests use them. */
  readonly passphrases: readonly string[];
}

function parseAgeLine(line: string, lineNumber: number): StanzaIdentity | string {
  if (line.startsWith('AGE-SECRET-KEY-PQ-1')) {
    const decoded = bech32Decode(line);
    if (!decoded || decoded.hrp !== 'age-secret-key-pq-') throw new IdentityParseError(`malformed post-quantum identity on line ${lineNumber}`);
    return line;
  }
  if (line.startsWith('AGE-SECRET-KEY-1')) {
    const identity = NativeX25519Identity.parse(line);
    if (!identity) throw new IdentityParseError(`malformed AGE-SECRET-KEY-1 identity on line ${lineNumber} (bad Bech32 or length)`);
    return identity;
  }
  if (line.startsWith('AGE-PLUGIN-')) throw new IdentityParseError(`plugin identities are not supported yet (line ${lineNumber})`);
  // Never echo the line: it may be a mangled secret key.
  throw new IdentityParseError(`unrecognized identity on line ${lineNumber} (expected AGE-SECRET-KEY-1...)`);
}

/**
 * Parse identity text: an unencrypted OpenSSH/PEM private key, else an age identity file
 * (comments, blank lines, one or more `AGE-SECRET-KEY-1...` lines, CRLF tolerated).
 *
 * @throws {IdentityParseError} with a message that quotes no key material.
 */
export function parseIdentityText(text: string): IdentitySet {
  if (looksLikeSshPrivateKey(text)) return { stanza: [parseSshIdentity(text)], libraryOnly: [], passphrases: [] };
  const stanza: StanzaIdentity[] = [];
  const libraryOnly: string[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const parsed = parseAgeLine(line, index + 1);
    if (typeof parsed === 'string') libraryOnly.push(parsed);
    else stanza.push(parsed);
  }
  if (stanza.length === 0 && libraryOnly.length === 0) {
    throw new IdentityParseError(text.trim() === '' ? 'the identity is empty' : 'no identities found');
  }
  return { stanza, libraryOnly, passphrases: [] };
}

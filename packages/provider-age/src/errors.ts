import { ProviderError } from '@fnox/contract';

/** Upstream fnox diagnostic ids for age failures (docs/troubleshooting.md). */
export const AGE_DIAGNOSTICS = {
  identityNotFound: 'fnox::encryption::age::identity_not_found',
  identityReadFailed: 'fnox::encryption::age::identity_read_failed',
  identityParseFailed: 'fnox::encryption::age::identity_parse_failed',
  decryptFailed: 'fnox::encryption::age::decrypt_failed',
  notConfigured: 'fnox::encryption::age::not_configured',
  encryptFailed: 'fnox::encryption::age::encrypt_failed',
} as const;

/**
 * How an age file failed, following the classes of the C2SP CCTV vectors: the header could not be
 * parsed (or a matching stanza was malformed), no identity matched, the header MAC was wrong, the
 * payload failed, or the ASCII armor was invalid.
 */
export type AgeFailureKind = 'header' | 'no-match' | 'hmac' | 'payload' | 'armor' | 'unknown';

/**
 * A low-level failure of an age file. Its message never contains key material or plaintext;
 * the provider wraps it into a {@link ProviderError} with code `decrypt`.
 */
export class AgeFormatError extends Error {
  /** The failure class. */
  readonly kind: AgeFailureKind;

  constructor(kind: AgeFailureKind, message: string) {
    super(message);
    this.name = 'AgeFormatError';
    this.kind = kind;
  }
}

/** A problem with identity text (parse failure, unsupported key). Wrapped as `identity` errors. */
export class IdentityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityParseError';
  }
}

const DECRYPT_HINT = 'Check that your age identity (key_file, FNOX_AGE_KEY or FNOX_AGE_KEY_FILE) matches one of the recipients';

/** `Age decryption failed: DETAIL`. `detail` must not contain plaintext or key material. */
export function decryptFailed(detail: string, hint: string = DECRYPT_HINT): ProviderError {
  return new ProviderError('decrypt', `Age decryption failed: ${detail}`, {
    hint,
    diagnostic: AGE_DIAGNOSTICS.decryptFailed,
  });
}

/** `Age identity file not found: PATH`, only for the default `$FNOX_CONFIG_DIR/age.txt`. */
export function identityNotFound(path: string): ProviderError {
  return new ProviderError('identity', `Age identity file not found: ${path}`, {
    hint: `Create an age identity with: age-keygen -o ${path}`,
    diagnostic: AGE_DIAGNOSTICS.identityNotFound,
  });
}

/** `Failed to read age identity file: PATH` for a configured but unreadable key file. */
export function identityReadFailed(path: string, reason: string): ProviderError {
  return new ProviderError('identity', `Failed to read age identity file: ${path}`, {
    hint: `Check that ${path} exists and is readable (${reason})`,
    diagnostic: AGE_DIAGNOSTICS.identityReadFailed,
  });
}

/** `Failed to parse age identity: DETAIL`. `detail` must not quote key material. */
export function identityParseFailed(detail: string, source: string): ProviderError {
  return new ProviderError('identity', `Failed to parse age identity: ${detail}`, {
    hint: `The identity came from ${source}; it must be an age identity file (AGE-SECRET-KEY-1...) or an unencrypted OpenSSH ed25519/RSA private key`,
    diagnostic: AGE_DIAGNOSTICS.identityParseFailed,
  });
}

/** `Age encryption is not configured` (empty `recipients`). */
export function notConfigured(): ProviderError {
  return new ProviderError('config', 'Age encryption is not configured', {
    hint: 'Add at least one recipient: recipients = ["age1..."] (get one with: age-keygen -y KEYFILE)',
    diagnostic: AGE_DIAGNOSTICS.notConfigured,
  });
}

/** `Age encryption failed: DETAIL`. */
export function encryptFailed(detail: string): ProviderError {
  return new ProviderError('encrypt', `Age encryption failed: ${detail}`, {
    hint: 'Recipients must be age1... X25519 keys or ssh-ed25519 / ssh-rsa public keys',
    diagnostic: AGE_DIAGNOSTICS.encryptFailed,
  });
}

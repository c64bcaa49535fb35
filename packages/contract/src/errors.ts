const PROVIDER_ERROR_BRAND = Symbol.for('fnox.provider-error');

/**
 * Stable failure kinds a provider reports. Core maps each to a user-facing code, an exit code and a
 * default hint, so providers only say *what* went wrong.
 *
 * - `auth`: no credentials, expired credentials, authentication refused.
 * - `denied`: authenticated, but not allowed (IAM, ACL).
 * - `not-found`: the remote secret, key or object does not exist.
 * - `config`: the provider's own configuration is wrong (bad ARN, unparsable recipient, missing field).
 * - `identity`: no usable private key / identity was found, or it could not be read or parsed.
 * - `decrypt`: the stored value cannot be decrypted (wrong key, tampered or corrupted ciphertext, bad encoding).
 * - `encrypt`: the value cannot be encrypted (no recipients, too large, key disabled for encryption).
 * - `network`: the backend could not be reached (DNS, refused, reset, TLS).
 * - `timeout`: the backend did not answer in time.
 * - `throttled`: the backend kept rate-limiting after retries.
 * - `invalid-response`: the backend answered with something unusable.
 * - `unsupported`: the operation is not available for this provider or this value.
 * - `api`: any other backend error.
 */
export type ProviderErrorCode =
  | 'auth'
  | 'denied'
  | 'not-found'
  | 'config'
  | 'identity'
  | 'decrypt'
  | 'encrypt'
  | 'network'
  | 'timeout'
  | 'throttled'
  | 'invalid-response'
  | 'unsupported'
  | 'api';

/** Every {@link ProviderErrorCode}, for validation and exhaustive tests. */
export const PROVIDER_ERROR_CODES: readonly ProviderErrorCode[] = Object.freeze([
  'auth',
  'denied',
  'not-found',
  'config',
  'identity',
  'decrypt',
  'encrypt',
  'network',
  'timeout',
  'throttled',
  'invalid-response',
  'unsupported',
  'api',
]);

/** Options of a {@link ProviderError}. */
export interface ProviderErrorOptions {
  /** What the user can do about it, one sentence. Shown as `hint:` by the CLI. */
  readonly hint?: string;
  /**
   * The underlying error. It must never contain a secret value: core drops it from output unless
   * `--debug` is given, but a stack is still a place where plaintext must not be.
   */
  readonly cause?: unknown;
  /**
   * A more specific diagnostic id in upstream fnox's style (for example
   * `fnox::encryption::age::identity_not_found`), used in debug output and docs.
   */
  readonly diagnostic?: string;
}

/**
 * The only error a provider should throw (or return inside a {@link SecretOutcome}). Its message
 * must never contain plaintext: name the key, the remote id, the file, never the value.
 *
 * Recognise it with {@link isProviderError}, not `instanceof`: a user-installed plugin may carry
 * its own copy of this package.
 */
export class ProviderError extends Error {
  /** The stable failure kind. */
  readonly code: ProviderErrorCode;
  /** What the user can do about it. */
  readonly hint: string | undefined;
  /** An upstream-style diagnostic id, when more specific than {@link code}. */
  readonly diagnostic: string | undefined;

  constructor(code: ProviderErrorCode, message: string, options: ProviderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.code = code;
    this.hint = options.hint;
    this.diagnostic = options.diagnostic;
    Object.defineProperty(this, PROVIDER_ERROR_BRAND, { value: true });
  }
}

/** The shape every copy of {@link ProviderError} has, whichever contract copy created it. */
export interface ProviderErrorLike extends Error {
  readonly code: ProviderErrorCode;
  readonly hint: string | undefined;
  readonly diagnostic: string | undefined;
}

/** True when `value` is a {@link ProviderError} from any copy of this package. */
export function isProviderError(value: unknown): value is ProviderErrorLike {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PROVIDER_ERROR_BRAND] === true;
}

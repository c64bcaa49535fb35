/** KMS-specific failures (keys missing, disabled, pending deletion; wrong key; corrupted blobs). */
import { ProviderError, type ProviderErrorCode, type ProviderErrorLike } from '@fnox/contract';
import { awsMessage, DIAGNOSTICS, errorName, mapAwsError, safeCause, type AwsCallContext, type AwsSettings } from '@fnox/aws-shared';

/** The KMS operations fnox calls. */
export type KmsOperation = 'Encrypt' | 'Decrypt' | 'DescribeKey';

/** What a failed KMS call was doing. */
export interface KmsCall {
  readonly settings: AwsSettings;
  readonly providerName: string;
  /** The configured `key_id`. */
  readonly keyId: string;
  readonly operation: KmsOperation;
  /** The secret (environment variable name) being read or written, if any. */
  readonly secretKey?: string;
  /** The plaintext being encrypted: redacted from every message. */
  readonly plaintext?: string;
  /**
   * Why decrypting with the key named in the ciphertext failed too, after the configured key was
   * refused with IncorrectKeyException (e.g. that key is disabled, or access to it is denied).
   */
  readonly followFailure?: unknown;
}

/** A key problem fails the operation that met it: decrypting, encrypting, or checking the config. */
const OPERATION_CODE: Record<KmsOperation, ProviderErrorCode> = { Encrypt: 'encrypt', Decrypt: 'decrypt', DescribeKey: 'config' };

function keyForms(keyId: string): boolean {
  return /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/.+|arn:[^:]+:kms:[^:]+:\d{12}:(?:key|alias)\/.+)$/.test(keyId);
}

/** `AWS KMS: key 'K' is disabled` and friends, shared by errors from AWS and by `check()`. */
export function keyStateError(call: KmsCall, state: string, cause?: unknown): ProviderError {
  const { keyId, settings } = call;
  const code = OPERATION_CODE[call.operation];
  const options = (hint: string) => ({ hint, ...(cause === undefined ? {} : { cause: safeCause(cause) }) });
  if (state === 'Disabled') {
    return new ProviderError(code, `AWS KMS: key '${keyId}' is disabled`, options(`Enable it with: aws kms enable-key --key-id <key id or ARN> --region ${settings.region}`));
  }
  if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') {
    return new ProviderError(
      code,
      `AWS KMS: key '${keyId}' is pending deletion`,
      options(`Cancel it with: aws kms cancel-key-deletion --key-id <key id or ARN> --region ${settings.region} (then enable-key); once deleted, values encrypted with it cannot be recovered`),
    );
  }
  return new ProviderError(code, `AWS KMS: key '${keyId}' is not usable (state ${state})`, options('Wait for the key to become Enabled, or use another key'));
}

/** Why the key named in the ciphertext could not decrypt it either, in AWS's words (no values). */
function followedText(error: unknown, secrets: readonly string[] | undefined): string {
  const message = awsMessage(error, secrets);
  return `the key that encrypted it refused too: ${errorName(error)}${message ? `: ${message}` : ''}`;
}

/** Map any failure of a KMS call to a ProviderError with a hint; never includes plaintext. */
export function kmsError(error: unknown, call: KmsCall): ProviderErrorLike {
  const { keyId, settings, operation, secretKey, providerName } = call;
  const ctx: AwsCallContext = {
    settings,
    providerName,
    action: `kms:${operation}`,
    subject: `key '${keyId}'`,
    secrets: call.plaintext === undefined ? [] : [call.plaintext],
    ...(operation === 'Decrypt' ? { deniedHint: 'a value encrypted with a key of another account or region is also reported as access denied' } : {}),
  };
  const code = OPERATION_CODE[operation];
  const value = secretKey === undefined ? 'the value' : secretKey;
  const cause = safeCause(error, ctx.secrets);
  return mapAwsError(error, ctx, (name, message) => {
    switch (name) {
      case 'NotFoundException':
        return new ProviderError('not-found', `AWS KMS: key '${keyId}' not found${message ? ` (${message})` : ''}`, {
          hint: `Check key_id and region of provider '${providerName}': keys are regional (region ${settings.region})${keyForms(keyId) ? '' : ', and key_id must be a key id, key ARN, alias/NAME or alias ARN'}`,
          diagnostic: DIAGNOSTICS.notFound,
          cause,
        });
      case 'DisabledException':
        return keyStateError(call, 'Disabled', error);
      case 'KMSInvalidStateException':
        return keyStateError(call, /pending deletion/i.test(message) ? 'PendingDeletion' : 'invalid', error);
      case 'IncorrectKeyException': {
        const followed = call.followFailure === undefined ? '' : ` (${followedText(call.followFailure, ctx.secrets)})`;
        return new ProviderError('decrypt', `AWS KMS: ${value} was encrypted with a different KMS key than '${keyId}'${followed}`, {
          hint: `Set key_id of provider '${providerName}' to the key that encrypted it, or set the value again with \`fnox set\``,
          cause,
        });
      }
      case 'InvalidCiphertextException':
        return new ProviderError('decrypt', `AWS KMS: could not decrypt ${value}: the ciphertext is corrupted or was modified`, {
          hint: 'Restore the value from version control, or set it again with `fnox set`',
          cause,
        });
      case 'InvalidKeyUsageException':
        return new ProviderError(code, `AWS KMS: key '${keyId}' cannot be used for ${operation}${message ? ` (${message})` : ''}`, {
          hint: 'Use a symmetric key with key usage ENCRYPT_DECRYPT',
          cause,
        });
      default:
        return undefined;
    }
  });
}

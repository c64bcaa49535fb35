/** Secrets Manager failures (missing or deleted secrets, unusable KMS keys, binary values). */
import { ProviderError, type ProviderErrorLike } from '@fnox/contract';
import { DIAGNOSTICS, mapAwsError, safeCause, type AwsCallContext, type AwsSettings } from '@fnox/aws-shared';

/** The Secrets Manager operations fnox calls. */
export type SmOperation = 'GetSecretValue' | 'BatchGetSecretValue' | 'PutSecretValue' | 'CreateSecret' | 'DeleteSecret' | 'ListSecrets';

/** What a failed Secrets Manager call was doing. */
export interface SmCall {
  readonly settings: AwsSettings;
  readonly providerName: string;
  readonly operation: SmOperation;
  /** The full secret id (prefix + value), or a description for calls about many secrets. */
  readonly secretId: string;
  /** The plaintext being written: redacted from every message. */
  readonly plaintext?: string;
}

const DELETED = /marked for deletion|scheduled for deletion/i;

const DENIED_HINTS: Partial<Record<SmOperation, string>> = {
  BatchGetSecretValue: 'reading in batches needs secretsmanager:BatchGetSecretValue besides secretsmanager:GetSecretValue on each secret',
  PutSecretValue: 'creating a missing secret also needs secretsmanager:CreateSecret',
  GetSecretValue: "a secret encrypted with a customer managed KMS key also needs kms:Decrypt on that key",
};

function subject(call: SmCall): string {
  return call.operation === 'BatchGetSecretValue' || call.operation === 'ListSecrets' ? call.secretId : `secret '${call.secretId}'`;
}

/** `AWS Secrets Manager: secret 'id' not found` (docs/providers/aws-sm.md; docs/troubleshooting.md). */
export function notFound(call: SmCall, cause?: unknown): ProviderError {
  return new ProviderError('not-found', `AWS Secrets Manager: secret '${call.secretId}' not found`, {
    hint: `Check the secret name (the provider's prefix + the value) and region ${call.settings.region} of provider '${call.providerName}'; create it with \`fnox set\``,
    diagnostic: DIAGNOSTICS.notFound,
    ...(cause === undefined ? {} : { cause: safeCause(cause) }),
  });
}

/** `AWS Secrets Manager: invalid response: Secret 'id' has no string value` (docs/providers/aws-sm.md). */
export function noStringValue(secretId: string): ProviderError {
  return new ProviderError('invalid-response', `AWS Secrets Manager: invalid response: Secret '${secretId}' has no string value`, {
    hint: `fnox reads SecretString only; '${secretId}' holds SecretBinary. Store text instead: aws secretsmanager put-secret-value --secret-id '${secretId}' --secret-string ...`,
    diagnostic: DIAGNOSTICS.invalidResponse,
  });
}

/** Map any failure of a Secrets Manager call (or one entry of a batch) to a ProviderError with a hint. */
export function smError(error: unknown, call: SmCall): ProviderErrorLike {
  const { settings, operation, secretId } = call;
  const secrets = call.plaintext === undefined ? [] : [call.plaintext];
  const deniedHint = DENIED_HINTS[operation];
  const ctx: AwsCallContext = {
    settings,
    providerName: call.providerName,
    action: `secretsmanager:${operation}`,
    subject: subject(call),
    secrets,
    ...(deniedHint === undefined ? {} : { deniedHint }),
  };
  const cause = safeCause(error, secrets);
  return mapAwsError(error, ctx, (name, message) => {
    switch (name) {
      case 'ResourceNotFoundException':
        return notFound(call, error);
      case 'InvalidRequestException':
        if (!DELETED.test(message)) return undefined;
        return new ProviderError('not-found', `AWS Secrets Manager: secret '${secretId}' is scheduled for deletion`, {
          hint: `Restore it with: aws secretsmanager restore-secret --secret-id '${secretId}' --region ${settings.region}`,
          diagnostic: DIAGNOSTICS.notFound,
          cause,
        });
      case 'DecryptionFailure':
        return new ProviderError('decrypt', `AWS Secrets Manager: cannot decrypt secret '${secretId}'${message ? `: ${message}` : ''}`, {
          hint: "The secret's KMS key is disabled, deleted or not usable by you: check its KmsKeyId and your kms:Decrypt permission",
          cause,
        });
      case 'EncryptionFailure':
        return new ProviderError('encrypt', `AWS Secrets Manager: cannot encrypt secret '${secretId}'${message ? `: ${message}` : ''}`, {
          hint: "The secret's KMS key is disabled, deleted or not usable by you: check its KmsKeyId and your kms:GenerateDataKey permission",
          cause,
        });
      default:
        return undefined;
    }
  });
}

/**
 * A per-secret entry of BatchGetSecretValue's `Errors`, mapped like the same failure of
 * GetSecretValue so batch and single reads agree; unknown codes keep upstream's wording.
 */
export function batchEntryError(errorCode: string | undefined, message: string | undefined, call: SmCall): ProviderErrorLike {
  const name = errorCode ?? 'UnknownError';
  const mapped = smError(Object.assign(new Error(message ?? ''), { name }), { ...call, operation: 'GetSecretValue' });
  if (mapped.code !== 'api') return mapped;
  return new ProviderError('api', `AWS Secrets Manager: API error: Failed to get '${call.secretId}': ${name}${message ? `: ${message}` : ''}`, {
    hint: mapped.hint ?? 'Check the secret in the AWS console',
    diagnostic: DIAGNOSTICS.apiError,
  });
}

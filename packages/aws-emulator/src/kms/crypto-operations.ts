import { randomBytes } from 'node:crypto';
import type { JsonHandler, RequestContext } from '../context.js';
import { AwsError } from '../errors.js';
import { readBlob, readBoolean, readInteger, readList, readString, readStringMap, requireString, type Input } from '../input.js';
import type { KmsKey } from '../state.js';
import { blobHandle, openBlob, sealBlob } from './ciphertext.js';
import { assertUsable, resolveKey } from './keys.js';
import { materialFor } from './rotation.js';

const ALGORITHM = 'SYMMETRIC_DEFAULT';
const KNOWN_ALGORITHMS = new Set(['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE']);
const ACCESS_DENIED_CIPHERTEXT =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';
const INCORRECT_KEY = 'The key ID in the request does not identify a CMK that can perform this operation.';

/** Symmetric keys only do SYMMETRIC_DEFAULT; the asymmetric algorithms are a key-usage error in AWS. */
function checkAlgorithm(input: Input, field: string): void {
  const algorithm = readString(input, field);
  if (algorithm === undefined || algorithm === ALGORITHM) return;
  if (!KNOWN_ALGORITHMS.has(algorithm))
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value at '${field.charAt(0).toLowerCase() + field.slice(1)}' failed to satisfy constraint: Member must satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE]`,
    );
  throw new AwsError('InvalidKeyUsageException', `You cannot use the algorithm ${algorithm} with a symmetric key.`);
}

function checkCommon(input: Input): void {
  readList(input, 'GrantTokens', { max: 10 });
  if (readBoolean(input, 'DryRun'))
    throw new AwsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.', { status: 412 });
}

/** Key for an encrypting call: resolved, usable. */
function encryptingKey(ctx: RequestContext, keyId: string): KmsKey {
  const key = resolveKey(ctx, keyId);
  assertUsable(key);
  return key;
}

/**
 * Decrypts a blob with AWS's decision order: unparsable → InvalidCiphertext; named key missing →
 * NotFound; blob made by another (or a deleted, or another region's) key → IncorrectKey when a KeyId
 * was given, AccessDenied otherwise; key unusable → Disabled / KMSInvalidState; authentication
 * failure (tampering, wrong EncryptionContext) → InvalidCiphertext with no message.
 */
function openCiphertext(ctx: RequestContext, blob: Buffer, context: Record<string, string> | undefined, keyId: string | undefined) {
  const handle = blobHandle(blob);
  const blobKey = handle && ctx.state.keyByHandle(handle);
  if (!blobKey) throw new AwsError('InvalidCiphertextException', '', { omitMessage: true });
  const requested = keyId === undefined ? undefined : resolveKey(ctx, keyId);
  const reachable = ctx.state.isLive(blobKey) && blobKey.accountId === ctx.accountId && blobKey.region === ctx.region;
  if (requested && (!reachable || requested !== blobKey)) throw new AwsError('IncorrectKeyException', INCORRECT_KEY);
  if (!reachable) throw new AwsError('AccessDeniedException', ACCESS_DENIED_CIPHERTEXT);
  assertUsable(blobKey);
  // The handle names one version of the key's material: rotated-out versions still decrypt.
  const material = materialFor(blobKey, handle);
  const plaintext = material && openBlob(material, blob, context);
  if (!plaintext) throw new AwsError('InvalidCiphertextException', '', { omitMessage: true });
  return { key: blobKey, plaintext };
}

const encrypt: JsonHandler = (input, ctx) => {
  const keyId = requireString(input, 'KeyId', { min: 1, max: 2048 });
  const plaintext = readBlob(input, 'Plaintext', { required: true, min: 1, max: 4096 }) as Buffer;
  const context = readStringMap(input, 'EncryptionContext');
  checkAlgorithm(input, 'EncryptionAlgorithm');
  checkCommon(input);
  const key = encryptingKey(ctx, keyId);
  return {
    CiphertextBlob: sealBlob(key.material, key.handle, plaintext, context).toString('base64'),
    KeyId: key.arn,
    EncryptionAlgorithm: ALGORITHM,
  };
};

const decrypt: JsonHandler = (input, ctx) => {
  const blob = readBlob(input, 'CiphertextBlob', { required: true, min: 1, max: 6144 }) as Buffer;
  const context = readStringMap(input, 'EncryptionContext');
  const keyId = readString(input, 'KeyId', { min: 1, max: 2048 });
  checkAlgorithm(input, 'EncryptionAlgorithm');
  checkCommon(input);
  if (input['Recipient'] !== undefined)
    throw new AwsError('UnsupportedOperationException', 'fnox-aws-emulator does not support Nitro Enclave recipients.');
  const { key, plaintext } = openCiphertext(ctx, blob, context, keyId);
  return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: ALGORITHM };
};

const reEncrypt: JsonHandler = (input, ctx) => {
  const blob = readBlob(input, 'CiphertextBlob', { required: true, min: 1, max: 6144 }) as Buffer;
  const destinationKeyId = requireString(input, 'DestinationKeyId', { min: 1, max: 2048 });
  checkAlgorithm(input, 'SourceEncryptionAlgorithm');
  checkAlgorithm(input, 'DestinationEncryptionAlgorithm');
  checkCommon(input);
  const source = openCiphertext(ctx, blob, readStringMap(input, 'SourceEncryptionContext'), readString(input, 'SourceKeyId', { min: 1, max: 2048 }));
  const destination = encryptingKey(ctx, destinationKeyId);
  const context = readStringMap(input, 'DestinationEncryptionContext');
  return {
    CiphertextBlob: sealBlob(destination.material, destination.handle, source.plaintext, context).toString('base64'),
    SourceKeyId: source.key.arn,
    KeyId: destination.arn,
    SourceEncryptionAlgorithm: ALGORITHM,
    DestinationEncryptionAlgorithm: ALGORITHM,
  };
};

function dataKeyLength(input: Input): number {
  const spec = readString(input, 'KeySpec');
  const bytes = readInteger(input, 'NumberOfBytes', 1, 1024);
  if ((spec === undefined) === (bytes === undefined))
    throw new AwsError('ValidationException', 'Please specify either number of bytes or key spec.');
  if (bytes !== undefined) return bytes;
  if (spec === 'AES_256') return 32;
  if (spec === 'AES_128') return 16;
  throw new AwsError('ValidationException', "1 validation error detected: Value at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]");
}

function generateDataKey(withPlaintext: boolean): JsonHandler {
  return (input, ctx) => {
    const keyId = requireString(input, 'KeyId', { min: 1, max: 2048 });
    const length = dataKeyLength(input);
    const context = readStringMap(input, 'EncryptionContext');
    checkCommon(input);
    if (input['Recipient'] !== undefined)
      throw new AwsError('UnsupportedOperationException', 'fnox-aws-emulator does not support Nitro Enclave recipients.');
    const key = encryptingKey(ctx, keyId);
    const plaintext = randomBytes(length);
    const out: Record<string, unknown> = {
      CiphertextBlob: sealBlob(key.material, key.handle, plaintext, context).toString('base64'),
      KeyId: key.arn,
    };
    if (withPlaintext) out['Plaintext'] = plaintext.toString('base64');
    return out;
  };
}

/** KMS cryptographic operations, by operation name. */
export const cryptoOperations: Record<string, JsonHandler> = {
  Encrypt: encrypt,
  Decrypt: decrypt,
  ReEncrypt: reEncrypt,
  GenerateDataKey: generateDataKey(true),
  GenerateDataKeyWithoutPlaintext: generateDataKey(false),
};

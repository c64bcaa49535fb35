import { epochSeconds, type JsonHandler } from '../context.js';
import { AwsError } from '../errors.js';
import { readBoolean, readInteger, readList, readString, readTags, requireString } from '../input.js';
import type { RegionState, Secret } from '../state.js';
import {
  addVersion,
  checkSecretKey,
  findSecret,
  newSecretArn,
  partitionOf,
  readSecretValue,
  requireSecret,
  type SecretValue,
} from './secrets.js';

const NAME = /^[a-zA-Z0-9/_+=.@!-]+$/;

/** Options for creating a secret directly in state (CreateSecret, seeding). */
export interface NewSecret {
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags?: { Key: string; Value: string }[];
  value?: SecretValue;
  token?: string;
  now: number;
}

/** Creates and stores a secret; the caller has checked the name is free. */
export function createSecretRecord(partition: RegionState, options: NewSecret): Secret {
  if (!NAME.test(options.name) || options.name.length > 512)
    throw new AwsError('InvalidParameterException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  const secret: Secret = {
    arn: newSecretArn(partition, options.name),
    name: options.name,
    description: options.description,
    kmsKeyId: options.kmsKeyId,
    tags: options.tags ?? [],
    createdDate: options.now,
    lastChangedDate: options.now,
    versions: new Map(),
  };
  if (options.description === undefined) delete secret.description;
  if (options.kmsKeyId === undefined) delete secret.kmsKeyId;
  if (options.value) addVersion(secret, options.value, { token: options.token, now: options.now });
  partition.secrets.set(secret.arn, secret);
  return secret;
}

function currentVersionId(secret: Secret): string | undefined {
  for (const v of secret.versions.values()) if (v.stages.includes('AWSCURRENT')) return v.versionId;
  return undefined;
}

const createSecret: JsonHandler = (input, ctx) => {
  const name = requireString(input, 'Name', { min: 1, max: 512 });
  const token = readString(input, 'ClientRequestToken', { min: 32, max: 64 });
  const value = readSecretValue(input);
  const kmsKeyId = readString(input, 'KmsKeyId', { max: 2048 });
  const description = readString(input, 'Description', { max: 2048 });
  const tags = Object.entries(readTags(input)).map(([Key, Value]) => ({ Key, Value }));
  const partition = partitionOf(ctx);
  const existing = findSecret(partition, name);
  if (existing?.deletedDate !== undefined)
    throw new AwsError('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");
  if (existing) {
    // A retried CreateSecret (same token, same value) succeeds again instead of failing on itself.
    const retried = token !== undefined && value !== undefined && existing.versions.get(token);
    if (!retried) throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    addVersion(existing, value, { token, now: ctx.now });
    return { ARN: existing.arn, Name: existing.name, VersionId: token };
  }
  if (value) checkSecretKey(ctx, kmsKeyId, 'encrypt');
  const secret = createSecretRecord(partition, { name, description, kmsKeyId, tags, value, token, now: ctx.now });
  const versionId = currentVersionId(secret);
  return { ARN: secret.arn, Name: secret.name, ...(versionId ? { VersionId: versionId } : {}) };
};

const putSecretValue: JsonHandler = (input, ctx) => {
  const secret = requireSecret(ctx, requireString(input, 'SecretId', { min: 1, max: 2048 }), { live: true });
  const token = readString(input, 'ClientRequestToken', { min: 32, max: 64 });
  const stages = readList(input, 'VersionStages', { min: 1, max: 20 }) as string[] | undefined;
  const value = readSecretValue(input);
  if (!value) throw new AwsError('InvalidParameterException', 'You must provide either SecretString or SecretBinary.');
  checkSecretKey(ctx, secret.kmsKeyId, 'encrypt');
  const version = addVersion(secret, value, { token, stages, now: ctx.now });
  return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: [...version.stages] };
};

const updateSecret: JsonHandler = (input, ctx) => {
  const secret = requireSecret(ctx, requireString(input, 'SecretId', { min: 1, max: 2048 }), { live: true });
  const token = readString(input, 'ClientRequestToken', { min: 32, max: 64 });
  const description = readString(input, 'Description', { max: 2048 });
  const kmsKeyId = readString(input, 'KmsKeyId', { max: 2048 });
  const value = readSecretValue(input);
  if (kmsKeyId !== undefined) checkSecretKey(ctx, kmsKeyId, 'encrypt');
  if (description !== undefined) secret.description = description;
  if (kmsKeyId !== undefined) secret.kmsKeyId = kmsKeyId;
  let versionId: string | undefined;
  if (value) {
    checkSecretKey(ctx, secret.kmsKeyId, 'encrypt');
    versionId = addVersion(secret, value, { token, now: ctx.now }).versionId;
  }
  secret.lastChangedDate = ctx.now;
  return { ARN: secret.arn, Name: secret.name, ...(versionId ? { VersionId: versionId } : {}) };
};

const deleteSecret: JsonHandler = (input, ctx) => {
  const secretId = requireString(input, 'SecretId', { min: 1, max: 2048 });
  const window = readInteger(input, 'RecoveryWindowInDays', -Infinity, Infinity);
  const force = readBoolean(input, 'ForceDeleteWithoutRecovery') ?? false;
  if (force && window !== undefined)
    throw new AwsError('InvalidParameterException', "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  if (window !== undefined && (window < 7 || window > 30))
    throw new AwsError('InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  const partition = partitionOf(ctx);
  const secret = findSecret(partition, secretId);
  if (force) {
    // AWS documents that force-deleting a missing secret does not fail.
    if (secret) partition.secrets.delete(secret.arn);
    return { ARN: secret?.arn ?? secretId, Name: secret?.name ?? secretId, DeletionDate: epochSeconds(ctx.now) };
  }
  if (!secret) throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  if (secret.deletedDate !== undefined)
    throw new AwsError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
  secret.deletedDate = ctx.now + (window ?? 30) * 86_400_000;
  return { ARN: secret.arn, Name: secret.name, DeletionDate: epochSeconds(secret.deletedDate) };
};

const restoreSecret: JsonHandler = (input, ctx) => {
  const secret = requireSecret(ctx, requireString(input, 'SecretId', { min: 1, max: 2048 }));
  delete secret.deletedDate;
  return { ARN: secret.arn, Name: secret.name };
};

/** Secrets Manager operations that change state, by operation name. */
export const writeOperations: Record<string, JsonHandler> = {
  CreateSecret: createSecret,
  PutSecretValue: putSecretValue,
  UpdateSecret: updateSecret,
  DeleteSecret: deleteSecret,
  RestoreSecret: restoreSecret,
};

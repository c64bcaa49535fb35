import { randomBytes, randomUUID } from 'node:crypto';
import { epochSeconds, type JsonHandler } from '../context.js';
import { AwsError } from '../errors.js';
import { readBoolean, readInteger, readString, readTags, requireString } from '../input.js';
import type { EmulatorState, KmsKey } from '../state.js';
import { keyHandle } from './ciphertext.js';
import { keyArn, keyMetadata, partitionOf, resolveKey } from './keys.js';
import { pageOf } from '../pagination.js';

/** Options for creating a key directly in state (CreateKey, seeding, control). */
export interface NewKey {
  accountId: string;
  region: string;
  keyId?: string;
  description?: string;
  enabled?: boolean;
  multiRegion?: boolean;
  tags?: Record<string, string>;
  /** 32 bytes; fixed material makes ciphertexts decryptable across emulator restarts. */
  material?: Buffer;
  creationDate: number;
}

/** Creates and stores a symmetric key. */
export function createKeyRecord(state: EmulatorState, options: NewKey): KmsKey {
  const keyId = options.keyId ?? (options.multiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID());
  const material = options.material ?? randomBytes(32);
  if (material.length !== 32) throw new Error(`key ${keyId}: key material must be 32 bytes`);
  const arn = keyArn(options.region, options.accountId, keyId);
  const key: KmsKey = {
    keyId,
    arn,
    accountId: options.accountId,
    region: options.region,
    description: options.description ?? '',
    keyState: options.enabled === false ? 'Disabled' : 'Enabled',
    creationDate: options.creationDate,
    multiRegion: options.multiRegion ?? keyId.startsWith('mrk-'),
    tags: options.tags ?? {},
    material,
    handle: keyHandle(material, arn),
  };
  state.addKey(key);
  return key;
}

const createKey: JsonHandler = (input, ctx) => {
  const spec = readString(input, 'KeySpec') ?? readString(input, 'CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
  const usage = readString(input, 'KeyUsage') ?? 'ENCRYPT_DECRYPT';
  if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT')
    throw new AwsError('UnsupportedOperationException', 'fnox-aws-emulator supports only SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys.');
  const origin = readString(input, 'Origin') ?? 'AWS_KMS';
  if (origin !== 'AWS_KMS') throw new AwsError('UnsupportedOperationException', `fnox-aws-emulator does not support Origin ${origin}.`);
  const key = createKeyRecord(ctx.state, {
    accountId: ctx.accountId,
    region: ctx.region,
    description: readString(input, 'Description', { max: 8192 }),
    multiRegion: readBoolean(input, 'MultiRegion') ?? false,
    tags: readTags(input, 'Tags', 'TagKey', 'TagValue'),
    creationDate: ctx.now,
  });
  return { KeyMetadata: keyMetadata(key) };
};

const describeKey: JsonHandler = (input, ctx) => ({
  KeyMetadata: keyMetadata(resolveKey(ctx, requireString(input, 'KeyId', { min: 1, max: 2048 }))),
});

const listKeys: JsonHandler = (input, ctx) => {
  const keys = [...partitionOf(ctx).keys.values()].map((k) => ({ KeyId: k.keyId, KeyArn: k.arn }));
  const page = pageOf(keys, readInteger(input, 'Limit', 1, 1000) ?? 100, readString(input, 'Marker'), 'InvalidMarkerException');
  return { Keys: page.items, Truncated: page.next !== undefined, ...(page.next ? { NextMarker: page.next } : {}) };
};

function setEnabled(enabled: boolean): JsonHandler {
  return (input, ctx) => {
    const key = resolveKey(ctx, requireString(input, 'KeyId', { min: 1, max: 2048 }), { allowAlias: false });
    if (key.keyState === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    key.keyState = enabled ? 'Enabled' : 'Disabled';
    return {};
  };
}

const scheduleKeyDeletion: JsonHandler = (input, ctx) => {
  const key = resolveKey(ctx, requireString(input, 'KeyId', { min: 1, max: 2048 }), { allowAlias: false });
  const days = readInteger(input, 'PendingWindowInDays', 7, 30) ?? 30;
  if (key.keyState === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  key.keyState = 'PendingDeletion';
  key.deletionDate = ctx.now + days * 86_400_000;
  key.pendingWindowInDays = days;
  return { KeyId: key.arn, DeletionDate: epochSeconds(key.deletionDate), KeyState: key.keyState, PendingWindowInDays: days };
};

const cancelKeyDeletion: JsonHandler = (input, ctx) => {
  const key = resolveKey(ctx, requireString(input, 'KeyId', { min: 1, max: 2048 }), { allowAlias: false });
  if (key.keyState !== 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is not pending deletion.`);
  // AWS leaves a key whose deletion was cancelled Disabled.
  key.keyState = 'Disabled';
  delete key.deletionDate;
  delete key.pendingWindowInDays;
  return { KeyId: key.arn };
};

/** KMS key lifecycle operations, by operation name. */
export const keyOperations: Record<string, JsonHandler> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: setEnabled(true),
  DisableKey: setEnabled(false),
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
};

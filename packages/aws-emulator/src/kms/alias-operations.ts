import { epochSeconds, type JsonHandler } from '../context.js';
import { AwsError } from '../errors.js';
import { readInteger, readString, requireString } from '../input.js';
import { pageOf } from '../pagination.js';
import type { KmsAlias, KmsKey, RegionState } from '../state.js';
import { aliasArn, partitionOf, resolveKey } from './keys.js';

const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;

/** Points `aliasName` at `key` (shared by CreateAlias and seeding). */
export function createAliasRecord(partition: RegionState, aliasName: string, key: KmsKey, now: number): KmsAlias {
  validateAliasName(aliasName);
  const arn = aliasArn(partition.region, partition.accountId, aliasName);
  if (partition.aliases.has(aliasName)) throw new AwsError('AlreadyExistsException', `An alias with the name ${arn} already exists`);
  const alias = { aliasName, aliasArn: arn, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now };
  partition.aliases.set(aliasName, alias);
  return alias;
}

function validateAliasName(aliasName: string): void {
  if (aliasName.startsWith('alias/aws/'))
    throw new AwsError('NotAuthorizedException', 'Cannot create or modify aliases in the reserved alias/aws/ namespace.');
  if (!ALIAS_NAME.test(aliasName) || aliasName.length > 256)
    throw new AwsError('InvalidAliasNameException', `Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`);
}

/** Aliases may only point at keys by key id or key ARN, and never at a key pending deletion. */
function targetKey(input: Record<string, unknown>, ctx: Parameters<JsonHandler>[1]): KmsKey {
  const target = requireString(input, 'TargetKeyId', { min: 1, max: 2048 });
  if (target.startsWith('alias/') || target.includes(':alias/'))
    throw new AwsError('ValidationException', 'Aliases must refer to keys. Not aliases');
  const key = resolveKey(ctx, target, { allowAlias: false });
  if (key.keyState === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  return key;
}

const createAlias: JsonHandler = (input, ctx) => {
  const aliasName = requireString(input, 'AliasName', { min: 1, max: 256 });
  validateAliasName(aliasName);
  createAliasRecord(partitionOf(ctx), aliasName, targetKey(input, ctx), ctx.now);
  return {};
};

const updateAlias: JsonHandler = (input, ctx) => {
  const aliasName = requireString(input, 'AliasName', { min: 1, max: 256 });
  const partition = partitionOf(ctx);
  const alias = partition.aliases.get(aliasName);
  if (!alias) throw new AwsError('NotFoundException', `Alias ${aliasArn(ctx.region, ctx.accountId, aliasName)} is not found.`);
  alias.targetKeyId = targetKey(input, ctx).keyId;
  alias.lastUpdatedDate = ctx.now;
  return {};
};

const deleteAlias: JsonHandler = (input, ctx) => {
  const aliasName = requireString(input, 'AliasName', { min: 1, max: 256 });
  const partition = partitionOf(ctx);
  if (!partition.aliases.delete(aliasName))
    throw new AwsError('NotFoundException', `Alias ${aliasArn(ctx.region, ctx.accountId, aliasName)} is not found.`);
  return {};
};

const listAliases: JsonHandler = (input, ctx) => {
  const keyId = readString(input, 'KeyId', { min: 1, max: 2048 });
  const only = keyId === undefined ? undefined : resolveKey(ctx, keyId, { allowAlias: false }).keyId;
  const aliases = [...partitionOf(ctx).aliases.values()]
    .filter((a) => only === undefined || a.targetKeyId === only)
    .sort((a, b) => (a.aliasName < b.aliasName ? -1 : 1))
    .map((a) => ({
      AliasName: a.aliasName,
      AliasArn: a.aliasArn,
      TargetKeyId: a.targetKeyId,
      CreationDate: epochSeconds(a.creationDate),
      LastUpdatedDate: epochSeconds(a.lastUpdatedDate),
    }));
  const page = pageOf(aliases, readInteger(input, 'Limit', 1, 100) ?? 50, readString(input, 'Marker'), 'InvalidMarkerException');
  return { Aliases: page.items, Truncated: page.next !== undefined, ...(page.next ? { NextMarker: page.next } : {}) };
};

/** KMS alias operations, by operation name. */
export const aliasOperations: Record<string, JsonHandler> = {
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
};

import type { JsonHandler, RequestContext } from '../context.js';
import { AwsError, isAwsError } from '../errors.js';
import { readBoolean, readInteger, readList, readString, requireString } from '../input.js';
import { pageOf } from '../pagination.js';
import type { Secret } from '../state.js';
import { matchesFilters, readFilters } from './filters.js';
import {
  accessDay,
  checkSecretKey,
  partitionOf,
  requireSecret,
  secretMetadata,
  selectVersion,
  valueEntry,
} from './secrets.js';

/** GetSecretValue's checks and result, shared with BatchGetSecretValue. */
function readValue(ctx: RequestContext, secret: Secret, versionId?: string, stage?: string): Record<string, unknown> {
  if (secret.deletedDate !== undefined)
    throw new AwsError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
  const version = selectVersion(secret, versionId, stage);
  checkSecretKey(ctx, secret.kmsKeyId, 'decrypt');
  secret.lastAccessedDate = accessDay(ctx.now);
  return valueEntry(secret, version);
}

const getSecretValue: JsonHandler = (input, ctx) => {
  const secret = requireSecret(ctx, requireString(input, 'SecretId', { min: 1, max: 2048 }));
  const versionId = readString(input, 'VersionId', { min: 32, max: 64 });
  const stage = readString(input, 'VersionStage', { min: 1, max: 256 });
  return readValue(ctx, secret, versionId, stage);
};

const batchGetSecretValue: JsonHandler = (input, ctx) => {
  const ids = readList(input, 'SecretIdList', { min: 1, max: 20 });
  const filters = readFilters(input);
  const maxResults = readInteger(input, 'MaxResults', 1, 20);
  const token = readString(input, 'NextToken');
  if ((ids === undefined) === (filters === undefined))
    throw new AwsError('InvalidParameterException', 'You must provide either SecretIdList or Filters, but not both.');
  if (ids !== undefined) {
    if (maxResults !== undefined) throw new AwsError('InvalidParameterException', 'MaxResults can only be used with Filters.');
    if (ids.some((id) => typeof id !== 'string')) throw new AwsError('SerializationException', "Unexpected value type for member 'SecretIdList'");
    // Real AWS fails the whole call on repeated ids (upstream fnox PR #296 had to de-duplicate).
    if (new Set(ids).size !== ids.length)
      throw new AwsError('InvalidParameterException', 'The SecretIdList contains duplicate secret IDs.');
    const values: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const id of ids as string[]) {
      try {
        values.push(readValue(ctx, requireSecret(ctx, id)));
      } catch (e) {
        if (!isAwsError(e)) throw e;
        errors.push({ SecretId: id, ErrorCode: e.type, Message: e.message });
      }
    }
    return { SecretValues: values, Errors: errors };
  }
  const matching = [...partitionOf(ctx).secrets.values()].filter(
    (s) => s.deletedDate === undefined && matchesFilters(s, filters ?? []),
  );
  const page = pageOf(matching, maxResults ?? 20, token, 'InvalidNextTokenException');
  const values: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const secret of page.items) {
    try {
      values.push(readValue(ctx, secret));
    } catch (e) {
      if (!isAwsError(e)) throw e;
      errors.push({ SecretId: secret.arn, ErrorCode: e.type, Message: e.message });
    }
  }
  return { SecretValues: values, Errors: errors, ...(page.next ? { NextToken: page.next } : {}) };
};

const describeSecret: JsonHandler = (input, ctx) => {
  const secret = requireSecret(ctx, requireString(input, 'SecretId', { min: 1, max: 2048 }));
  const { Tags, PrimaryRegion, ...rest } = secretMetadata(secret);
  const stages: Record<string, string[]> = {};
  for (const v of secret.versions.values()) if (v.stages.length) stages[v.versionId] = [...v.stages];
  return { ...rest, Tags, VersionIdsToStages: stages, PrimaryRegion };
};

const SORT_FIELDS: Record<string, (s: Secret) => number | string> = {
  'created-date': (s) => s.createdDate,
  'last-accessed-date': (s) => s.lastAccessedDate ?? 0,
  'last-changed-date': (s) => s.lastChangedDate,
  name: (s) => s.name,
};

const listSecrets: JsonHandler = (input, ctx) => {
  const maxResults = readInteger(input, 'MaxResults', 1, 100) ?? 100;
  const filters = readFilters(input) ?? [];
  const includeDeleted = readBoolean(input, 'IncludePlannedDeletion') ?? false;
  const sortBy = readString(input, 'SortBy') ?? 'created-date';
  const order = readString(input, 'SortOrder') ?? 'asc';
  const field = SORT_FIELDS[sortBy];
  if (!field || (order !== 'asc' && order !== 'desc'))
    throw new AwsError('ValidationException', '1 validation error detected: Value at \'sortBy\' or \'sortOrder\' failed to satisfy constraint: Member must satisfy enum value set');
  const secrets = [...partitionOf(ctx).secrets.values()]
    .filter((s) => (includeDeleted || s.deletedDate === undefined) && matchesFilters(s, filters))
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      const x = field(a.s);
      const y = field(b.s);
      const cmp = x < y ? -1 : x > y ? 1 : a.i - b.i;
      return order === 'asc' ? cmp : -cmp;
    })
    .map(({ s }) => s);
  const page = pageOf(secrets, maxResults, readString(input, 'NextToken'), 'InvalidNextTokenException');
  return {
    SecretList: page.items.map((s) => {
      const stages: Record<string, string[]> = {};
      for (const v of s.versions.values()) if (v.stages.length) stages[v.versionId] = [...v.stages];
      return { ...secretMetadata(s), SecretVersionsToStages: stages };
    }),
    ...(page.next ? { NextToken: page.next } : {}),
  };
};

const listSecretVersionIds: JsonHandler = (input, ctx) => {
  const secret = requireSecret(ctx, requireString(input, 'SecretId', { min: 1, max: 2048 }));
  const includeDeprecated = readBoolean(input, 'IncludeDeprecated') ?? false;
  const versions = [...secret.versions.values()]
    .filter((v) => includeDeprecated || v.stages.length > 0)
    .map((v) => ({ VersionId: v.versionId, VersionStages: [...v.stages], CreatedDate: v.createdDate / 1000 }));
  const page = pageOf(versions, readInteger(input, 'MaxResults', 1, 100) ?? 100, readString(input, 'NextToken'), 'InvalidNextTokenException');
  return { ARN: secret.arn, Name: secret.name, Versions: page.items, ...(page.next ? { NextToken: page.next } : {}) };
};

/** Secrets Manager read operations, by operation name. */
export const readOperations: Record<string, JsonHandler> = {
  GetSecretValue: getSecretValue,
  BatchGetSecretValue: batchGetSecretValue,
  DescribeSecret: describeSecret,
  ListSecrets: listSecrets,
  ListSecretVersionIds: listSecretVersionIds,
};

import { CreateKeyCommand, DisableKeyCommand } from '@aws-sdk/client-kms';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../src/index.js';
import { clients, rejection } from './helpers.js';

let emu: RunningEmulator;
let sm: ReturnType<typeof clients>['sm'];
const NOT_FOUND = "Secrets Manager can't find the specified secret.";
const MARKED = "You can't perform this operation on the secret because it was marked for deletion.";

beforeAll(async () => {
  emu = await start();
  sm = clients(emu.url).sm;
});
afterAll(() => emu.stop());

describe('Secrets Manager values', () => {
  it('creates and reads string and binary secrets by name, ARN and partial ARN', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'postgres://u:p@db/app', Description: 'db url' }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:app\/db-[A-Za-z0-9]{6}$/);
    for (const id of ['app/db', created.ARN, created.ARN?.slice(0, -7)]) {
      const got = await sm.send(new GetSecretValueCommand({ SecretId: id }));
      expect(got).toMatchObject({ Name: 'app/db', SecretString: 'postgres://u:p@db/app', VersionStages: ['AWSCURRENT'], VersionId: created.VersionId });
      expect(got.CreatedDate).toBeInstanceOf(Date);
    }
    const bin = Buffer.from([0, 1, 2, 255]);
    await sm.send(new CreateSecretCommand({ Name: 'app/bin', SecretBinary: bin }));
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'app/bin' }));
    expect(Buffer.from(got.SecretBinary ?? []).equals(bin)).toBe(true);
    expect(got.SecretString).toBeUndefined();
    const both = await rejection(sm.send(new CreateSecretCommand({ Name: 'x', SecretString: 'a', SecretBinary: bin })));
    expect(both.name).toBe('InvalidParameterException');
  });

  it('rejects duplicates and unknown ids with AWS types, messages and status 400', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'a' }));
    const dup = await rejection(sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'b' })));
    expect([dup.name, dup.message]).toEqual(['ResourceExistsException', 'The operation failed because the secret dup already exists.']);
    const missing = await rejection(sm.send(new GetSecretValueCommand({ SecretId: 'nope' })));
    expect([missing.name, missing.message, missing.$metadata?.httpStatusCode]).toEqual(['ResourceNotFoundException', NOT_FOUND, 400]);
    const wrongRegion = await rejection(clients(emu.url, { region: 'eu-west-1' }).sm.send(new GetSecretValueCommand({ SecretId: 'dup' })));
    expect(wrongRegion.name).toBe('ResourceNotFoundException');
  });

  it('moves AWSCURRENT/AWSPREVIOUS on PutSecretValue and UpdateSecret', async () => {
    const v1 = await sm.send(new CreateSecretCommand({ Name: 'rotating', SecretString: 'one' }));
    const v2 = await sm.send(new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'two' }));
    expect(v2.VersionStages).toEqual(['AWSCURRENT']);
    const prev = await sm.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPREVIOUS' }));
    expect([prev.SecretString, prev.VersionId]).toEqual(['one', v1.VersionId]);
    const v3 = await sm.send(new UpdateSecretCommand({ SecretId: 'rotating', SecretString: 'three', Description: 'rotated' }));
    expect(v3.VersionId).toBeDefined();
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'rotating' }));
    expect(described.Description).toBe('rotated');
    expect(described.VersionIdsToStages).toEqual({ [v2.VersionId ?? '']: ['AWSPREVIOUS'], [v3.VersionId ?? '']: ['AWSCURRENT'] });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionId: v1.VersionId }))).SecretString).toBe('one');
    const noValue = await sm.send(new UpdateSecretCommand({ SecretId: 'rotating', Description: 'only metadata' }));
    expect(noValue.VersionId).toBeUndefined();
    const versions = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'rotating', IncludeDeprecated: true }));
    expect(versions.Versions).toHaveLength(3);
    // A retried PutSecretValue (same ClientRequestToken, same value) is idempotent; another value is refused.
    const token = 'a'.repeat(32);
    const first = await sm.send(new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'four', ClientRequestToken: token }));
    const retry = await sm.send(new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'four', ClientRequestToken: token }));
    expect(retry.VersionId).toBe(first.VersionId);
    expect((await rejection(sm.send(new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'five', ClientRequestToken: token })))).name).toBe(
      'ResourceExistsException',
    );
    const noStage = await rejection(sm.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'NOPE' })));
    expect(noStage.name).toBe('ResourceNotFoundException');
  });

  it('deletes with a recovery window, refuses access while deleted, restores, and force-deletes', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'bye' }));
    const both = await rejection(sm.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })));
    expect(both.name).toBe('InvalidParameterException');
    expect((await rejection(sm.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 3 })))).name).toBe('InvalidParameterException');
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
    expect(deleted.DeletionDate?.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    for (const call of [
      sm.send(new GetSecretValueCommand({ SecretId: 'doomed' })),
      sm.send(new PutSecretValueCommand({ SecretId: 'doomed', SecretString: 'x' })),
      sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'x' })),
    ]) {
      const e = await rejection(call);
      expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['InvalidRequestException', 400]);
    }
    expect((await rejection(sm.send(new GetSecretValueCommand({ SecretId: 'doomed' })))).message).toBe(MARKED);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'doomed' }))).DeletedDate).toBeInstanceOf(Date);
    const listed = async (IncludePlannedDeletion?: boolean) =>
      (await sm.send(new ListSecretsCommand({ IncludePlannedDeletion }))).SecretList?.map((s) => s.Name);
    expect(await listed()).not.toContain('doomed');
    expect(await listed(true)).toContain('doomed');
    await sm.send(new RestoreSecretCommand({ SecretId: 'doomed' }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'doomed' }))).SecretString).toBe('bye');
    await sm.send(new DeleteSecretCommand({ SecretId: 'doomed', ForceDeleteWithoutRecovery: true }));
    expect((await rejection(sm.send(new GetSecretValueCommand({ SecretId: 'doomed' })))).name).toBe('ResourceNotFoundException');
    // AWS documents that force-deleting a missing secret succeeds.
    await sm.send(new DeleteSecretCommand({ SecretId: 'never-existed', ForceDeleteWithoutRecovery: true }));
    expect((await rejection(sm.send(new DeleteSecretCommand({ SecretId: 'never-existed' })))).name).toBe('ResourceNotFoundException');
  });

  it('purges a deleted secret after its window (emulated clock)', async () => {
    const local = await start();
    const c = clients(local.url).sm;
    await c.send(new CreateSecretCommand({ Name: 'temp', SecretString: 'x' }));
    await c.send(new DeleteSecretCommand({ SecretId: 'temp', RecoveryWindowInDays: 7 }));
    local.control.advanceClock(8 * 86_400_000);
    expect((await rejection(c.send(new DescribeSecretCommand({ SecretId: 'temp' })))).name).toBe('ResourceNotFoundException');
    await c.send(new CreateSecretCommand({ Name: 'temp', SecretString: 'new' }));
    await local.stop();
  });

  it('reports DecryptionFailure when the secret\'s KMS key is disabled', async () => {
    const { kms } = clients(emu.url);
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata;
    await sm.send(new CreateSecretCommand({ Name: 'kms-backed', SecretString: 'x', KmsKeyId: key?.Arn }));
    await kms.send(new DisableKeyCommand({ KeyId: key?.KeyId }));
    const e = await rejection(sm.send(new GetSecretValueCommand({ SecretId: 'kms-backed' })));
    expect([e.name, e.message]).toEqual(['DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key."]);
    expect((await rejection(sm.send(new PutSecretValueCommand({ SecretId: 'kms-backed', SecretString: 'y' })))).name).toBe('EncryptionFailure');
  });
});

describe('BatchGetSecretValue and ListSecrets', () => {
  let local: RunningEmulator;
  let c: typeof sm;
  const names = Array.from({ length: 45 }, (_, i) => `batch/s${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    local = await start({
      seed: {
        secrets: names.map((name, i) => ({ name, secretString: `value-${i}`, tags: { team: i % 2 ? 'odd' : 'even' }, description: `Batch ${i}` })),
      },
    });
    c = clients(local.url).sm;
  });
  afterAll(() => local.stop());

  it('returns 1 and 20 secrets, and rejects 0 and 21 ids as AWS does', async () => {
    const one = await c.send(new BatchGetSecretValueCommand({ SecretIdList: [names[0] ?? ''] }));
    expect(one.SecretValues?.map((v) => v.SecretString)).toEqual(['value-0']);
    const twenty = await c.send(new BatchGetSecretValueCommand({ SecretIdList: names.slice(0, 20) }));
    expect(twenty.SecretValues).toHaveLength(20);
    expect(twenty.Errors).toEqual([]);
    const zero = await rejection(c.send(new BatchGetSecretValueCommand({ SecretIdList: [] })));
    expect(zero.name).toBe('ValidationException');
    const tooMany = await rejection(c.send(new BatchGetSecretValueCommand({ SecretIdList: names.slice(0, 21) })));
    expect([tooMany.name, tooMany.message]).toEqual([
      'ValidationException',
      "1 validation error detected: Value at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to 20",
    ]);
    expect((await rejection(c.send(new BatchGetSecretValueCommand({})))).name).toBe('InvalidParameterException');
  });

  it('fetches 45 ids in chunks of 20 and rejects duplicate ids', async () => {
    const values: string[] = [];
    for (let i = 0; i < names.length; i += 20) {
      const out = await c.send(new BatchGetSecretValueCommand({ SecretIdList: names.slice(i, i + 20) }));
      values.push(...(out.SecretValues ?? []).map((v) => v.SecretString ?? ''));
    }
    expect(values).toEqual(names.map((_, i) => `value-${i}`));
    const dup = await rejection(c.send(new BatchGetSecretValueCommand({ SecretIdList: [names[0] ?? '', names[0] ?? ''] })));
    expect(dup.name).toBe('InvalidParameterException');
  });

  it('reports per-secret failures in Errors', async () => {
    await c.send(new CreateSecretCommand({ Name: 'batch-deleted', SecretString: 'x' }));
    await c.send(new DeleteSecretCommand({ SecretId: 'batch-deleted' }));
    const out = await c.send(new BatchGetSecretValueCommand({ SecretIdList: [names[1] ?? '', 'batch-missing', 'batch-deleted'] }));
    expect(out.SecretValues?.map((v) => v.Name)).toEqual([names[1]]);
    expect(out.Errors).toEqual([
      { SecretId: 'batch-missing', ErrorCode: 'ResourceNotFoundException', Message: NOT_FOUND },
      { SecretId: 'batch-deleted', ErrorCode: 'InvalidRequestException', Message: MARKED },
    ]);
  });

  it('batch-gets by filters with pagination', async () => {
    const first = await c.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'tag-value', Values: ['odd'] }], MaxResults: 20 }));
    expect(first.SecretValues).toHaveLength(20);
    const second = await c.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'tag-value', Values: ['odd'] }], MaxResults: 20, NextToken: first.NextToken }));
    expect(second.SecretValues).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
  });

  it('lists with filters, negation, sorting and pagination', async () => {
    const page1 = await c.send(new ListSecretsCommand({ MaxResults: 30, Filters: [{ Key: 'name', Values: ['batch/'] }] }));
    expect(page1.SecretList).toHaveLength(30);
    expect(page1.SecretList?.[0]).not.toHaveProperty('SecretString');
    const page2 = await c.send(new ListSecretsCommand({ MaxResults: 30, NextToken: page1.NextToken, Filters: [{ Key: 'name', Values: ['batch/'] }] }));
    expect(page2.SecretList).toHaveLength(15);
    expect(page2.NextToken).toBeUndefined();
    const even = await c.send(new ListSecretsCommand({ Filters: [{ Key: 'tag-value', Values: ['even'] }, { Key: 'name', Values: ['!batch/s0'] }] }));
    expect(even.SecretList?.map((s) => s.Name)).toEqual(names.filter((n, i) => i % 2 === 0 && !n.startsWith('batch/s0')));
    const described = await c.send(new ListSecretsCommand({ Filters: [{ Key: 'description', Values: ['BATCH 44'] }] }));
    expect(described.SecretList?.map((s) => s.Name)).toEqual(['batch/s44']);
    const desc = await c.send(new ListSecretsCommand({ SortBy: 'name', SortOrder: 'desc', MaxResults: 1 }));
    expect(desc.SecretList?.[0]?.Name).toBe('batch/s44');
    expect((await rejection(c.send(new ListSecretsCommand({ NextToken: 'garbage' })))).name).toBe('InvalidNextTokenException');
  });
});

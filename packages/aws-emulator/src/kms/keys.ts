import type { RequestContext } from '../context.js';
import { epochSeconds } from '../context.js';
import { AwsError } from '../errors.js';
import type { KmsKey, RegionState } from '../state.js';
import { applyDueRotations } from './rotation.js';

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

/** `arn:aws:kms:REGION:ACCOUNT:key/ID` */
export function keyArn(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

/** `arn:aws:kms:REGION:ACCOUNT:alias/NAME` for an `alias/NAME`. */
export function aliasArn(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}

/** The caller's partition. */
export function partitionOf(ctx: RequestContext): RegionState {
  return ctx.state.region(ctx.accountId, ctx.region);
}

/**
 * Resolves any KeyId form AWS accepts (key id, key ARN, alias name, alias ARN) to a key, with AWS's
 * NotFoundException wording. Keys of other accounts are visible but denied (no key policy is modelled).
 */
export function resolveKey(ctx: RequestContext, keyId: string, options: { allowAlias?: boolean } = {}): KmsKey {
  const key = findKey(ctx, keyId, options);
  applyDueRotations(ctx.state, key, ctx.now);
  return key;
}

function findKey(ctx: RequestContext, keyId: string, options: { allowAlias?: boolean }): KmsKey {
  const allowAlias = options.allowAlias ?? true;
  const partition = partitionOf(ctx);
  if (keyId.startsWith('alias/') && allowAlias) return aliasTarget(ctx, partition, keyId);
  if (KEY_ID.test(keyId)) {
    const key = partition.keys.get(keyId);
    if (!key) throw keyNotFound(keyArn(ctx.region, ctx.accountId, keyId));
    return key;
  }
  const arn = ARN.exec(keyId);
  if (arn) {
    const [, region = '', accountId = '', kind, name = ''] = arn;
    if (region !== ctx.region) throw new AwsError('NotFoundException', `Invalid arn ${region}`);
    if (kind === 'alias' && allowAlias) {
      if (accountId !== ctx.accountId) throw new AwsError('NotFoundException', `Alias ${keyId} is not found.`);
      return aliasTarget(ctx, partition, `alias/${name}`);
    }
    if (kind === 'key') {
      const key = ctx.state.region(accountId, region).keys.get(name);
      if (!key) throw keyNotFound(keyId);
      if (accountId !== ctx.accountId)
        throw new AwsError(
          'AccessDeniedException',
          `User: ${ctx.caller.arn} is not authorized to perform: kms:${ctx.operation} on resource: ${keyId} because no resource-based policy allows the kms:${ctx.operation} action`,
        );
      return key;
    }
  }
  throw new AwsError('NotFoundException', `Invalid keyId '${keyId}'`);
}

function aliasTarget(ctx: RequestContext, partition: RegionState, aliasName: string): KmsKey {
  const alias = partition.aliases.get(aliasName);
  const key = alias && partition.keys.get(alias.targetKeyId);
  if (!key) throw new AwsError('NotFoundException', `Alias ${aliasArn(ctx.region, ctx.accountId, aliasName)} is not found.`);
  return key;
}

function keyNotFound(arn: string): AwsError {
  return new AwsError('NotFoundException', `Key '${arn}' does not exist`);
}

/** Throws what AWS throws when a cryptographic operation uses a key that is not Enabled. */
export function assertUsable(key: KmsKey): void {
  if (key.keyState === 'Disabled') throw new AwsError('DisabledException', `${key.arn} is disabled.`);
  if (key.keyState === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

/** The `KeyMetadata` structure. */
export function keyMetadata(key: KmsKey): Record<string, unknown> {
  return {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: epochSeconds(key.creationDate),
    Enabled: key.keyState === 'Enabled',
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.keyState,
    ...(key.deletionDate !== undefined ? { DeletionDate: epochSeconds(key.deletionDate) } : {}),
    ...(key.pendingWindowInDays !== undefined ? { PendingDeletionWindowInDays: key.pendingWindowInDays } : {}),
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: key.multiRegion,
    ...(key.multiRegion
      ? { MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: key.arn, Region: key.region }, ReplicaKeys: [] } }
      : {}),
  };
}

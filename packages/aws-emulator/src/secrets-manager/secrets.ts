import { randomUUID } from 'node:crypto';
import { epochSeconds, type RequestContext } from '../context.js';
import { AwsError, isAwsError } from '../errors.js';
import { randomString } from '../ids.js';
import { readBlob, readString, type Input } from '../input.js';
import { assertUsable, resolveKey } from '../kms/keys.js';
import type { RegionState, Secret, SecretVersion } from '../state.js';

/** AWS's message for an unknown secret (AWS answers 400; moto's 404 is a divergence). */
export const SECRET_NOT_FOUND = "Secrets Manager can't find the specified secret.";
/** AWS's message for operating on a secret scheduled for deletion. */
export const MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion.";

const ARN = /^arn:aws:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;

/** The caller's partition. */
export function partitionOf(ctx: RequestContext): RegionState {
  return ctx.state.region(ctx.accountId, ctx.region);
}

/** A fresh secret ARN: `…:secret:NAME-XXXXXX`. */
export function newSecretArn(partition: RegionState, name: string): string {
  return `arn:aws:secretsmanager:${partition.region}:${partition.accountId}:secret:${name}-${randomString(6)}`;
}

/** Finds a secret by name, full ARN or partial ARN (ARN without the random suffix). */
export function findSecret(partition: RegionState, secretId: string): Secret | undefined {
  const arn = ARN.exec(secretId);
  if (arn) {
    if (arn[1] !== partition.region || arn[2] !== partition.accountId) return undefined;
    const exact = partition.secrets.get(secretId);
    if (exact) return exact;
    for (const secret of partition.secrets.values()) if (secret.arn.slice(0, -7) === secretId) return secret;
    return undefined;
  }
  for (const secret of partition.secrets.values()) if (secret.name === secretId) return secret;
  return undefined;
}

/** Like {@link findSecret} but throws ResourceNotFoundException; `live` also rejects deleted secrets. */
export function requireSecret(ctx: RequestContext, secretId: string, options: { live?: boolean } = {}): Secret {
  const secret = findSecret(partitionOf(ctx), secretId);
  if (!secret) throw new AwsError('ResourceNotFoundException', SECRET_NOT_FOUND);
  if (options.live && secret.deletedDate !== undefined) throw new AwsError('InvalidRequestException', MARKED_FOR_DELETION);
  return secret;
}

/** A value from a request: exactly one of SecretString / SecretBinary, or none. */
export interface SecretValue {
  secretString?: string;
  secretBinary?: Buffer;
}

/** Reads SecretString/SecretBinary with their model limits; undefined when neither was sent. */
export function readSecretValue(input: Input): SecretValue | undefined {
  const secretString = readString(input, 'SecretString', { max: 65536 });
  const secretBinary = readBlob(input, 'SecretBinary', { max: 65536 });
  if (secretString !== undefined && secretBinary !== undefined)
    throw new AwsError('InvalidParameterException', "You can't specify both a binary secret value and a string secret value in the same secret.");
  if (secretString !== undefined) return { secretString };
  if (secretBinary !== undefined) return { secretBinary };
  return undefined;
}

function sameValue(version: SecretVersion, value: SecretValue): boolean {
  if (value.secretString !== undefined) return version.secretString === value.secretString;
  return value.secretBinary !== undefined && version.secretBinary !== undefined && version.secretBinary.equals(value.secretBinary);
}

/**
 * Adds a version and moves staging labels the way AWS does: each requested label leaves the version
 * that had it; when AWSCURRENT moves, the old current version becomes AWSPREVIOUS. A repeated
 * ClientRequestToken with the same value is an idempotent retry; with another value it is an error.
 */
export function addVersion(secret: Secret, value: SecretValue, options: { token?: string; stages?: string[]; now: number }): SecretVersion {
  const versionId = options.token ?? randomUUID();
  const existing = secret.versions.get(versionId);
  if (existing) {
    if (sameValue(existing, value)) return existing;
    throw new AwsError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
  }
  const stages = options.stages ?? ['AWSCURRENT'];
  if (stages.includes('AWSCURRENT')) {
    for (const v of secret.versions.values()) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
    for (const v of secret.versions.values())
      if (v.stages.includes('AWSCURRENT')) v.stages = [...v.stages.filter((s) => s !== 'AWSCURRENT'), 'AWSPREVIOUS'];
  }
  for (const v of secret.versions.values()) v.stages = v.stages.filter((s) => !stages.includes(s));
  const version: SecretVersion = { versionId, ...value, stages: [...stages], createdDate: options.now };
  secret.versions.set(versionId, version);
  // AWS keeps at most ~100 versions; unlabelled ones are dropped oldest first.
  const unlabelled = [...secret.versions.values()].filter((v) => v.stages.length === 0);
  for (const old of unlabelled.slice(0, Math.max(0, secret.versions.size - 100))) secret.versions.delete(old.versionId);
  secret.lastChangedDate = options.now;
  return version;
}

/**
 * Checks the secret's customer-managed KMS key is usable, mapping KMS failures the way Secrets Manager
 * reports them (EncryptionFailure on write, DecryptionFailure on read).
 */
export function checkSecretKey(ctx: RequestContext, kmsKeyId: string | undefined, mode: 'encrypt' | 'decrypt'): void {
  if (kmsKeyId === undefined) return;
  try {
    assertUsable(resolveKey(ctx, kmsKeyId));
  } catch (e) {
    if (!isAwsError(e)) throw e;
    if (mode === 'decrypt')
      throw new AwsError('DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
    throw new AwsError(
      'EncryptionFailure',
      "Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check that the KMS key is available, enabled, and not in an invalid state.",
    );
  }
}

/** Selects a version by VersionId and/or VersionStage (default AWSCURRENT). */
export function selectVersion(secret: Secret, versionId: string | undefined, stage: string | undefined): SecretVersion {
  const wanted = stage ?? (versionId === undefined ? 'AWSCURRENT' : undefined);
  for (const v of secret.versions.values()) {
    if (versionId !== undefined && v.versionId !== versionId) continue;
    if (wanted !== undefined && !v.stages.includes(wanted)) continue;
    return v;
  }
  const what = versionId !== undefined ? `VersionId: ${versionId}` : `staging label: ${wanted ?? ''}`;
  throw new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${what}`);
}

/** The SecretValueEntry / GetSecretValue response for one version. */
export function valueEntry(secret: Secret, version: SecretVersion): Record<string, unknown> {
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    ...(version.secretString !== undefined ? { SecretString: version.secretString } : {}),
    ...(version.secretBinary !== undefined ? { SecretBinary: version.secretBinary.toString('base64') } : {}),
    VersionStages: [...version.stages],
    CreatedDate: epochSeconds(version.createdDate),
  };
}

/** Metadata shared by DescribeSecret and ListSecrets entries (never the value). */
export function secretMetadata(secret: Secret): Record<string, unknown> {
  const stages: Record<string, string[]> = {};
  for (const v of secret.versions.values()) if (v.stages.length) stages[v.versionId] = [...v.stages];
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
    LastChangedDate: epochSeconds(secret.lastChangedDate),
    ...(secret.lastAccessedDate !== undefined ? { LastAccessedDate: epochSeconds(secret.lastAccessedDate) } : {}),
    ...(secret.deletedDate !== undefined ? { DeletedDate: epochSeconds(secret.deletedDate) } : {}),
    Tags: secret.tags.map((t) => ({ ...t })),
    CreatedDate: epochSeconds(secret.createdDate),
    PrimaryRegion: secret.arn.split(':')[3],
  };
}

/** AWS records last access per day (midnight UTC), not per call. */
export function accessDay(now: number): number {
  return Math.floor(now / 86_400_000) * 86_400_000;
}

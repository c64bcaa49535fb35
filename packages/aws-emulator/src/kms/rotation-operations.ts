/**
 * Key rotation (EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand,
 * ListKeyRotations) with AWS's semantics: a rotation keeps the key id and ARN, gives the key new
 * material for new Encrypt calls, and keeps every earlier version so old ciphertexts still decrypt.
 * On-demand rotation completes at once here (AWS finishes it asynchronously).
 */
import { epochSeconds, type JsonHandler, type RequestContext } from '../context.js';
import { AwsError } from '../errors.js';
import { readInteger, readString, requireString } from '../input.js';
import { pageOf } from '../pagination.js';
import type { KmsKey } from '../state.js';
import { resolveKey } from './keys.js';
import { days, rotateMaterial } from './rotation.js';

/** AWS's defaults and bounds for RotationPeriodInDays. */
export const ROTATION_PERIOD = { default: 365, min: 90, max: 2560 } as const;
/** On-demand rotations allowed per key (a fixed AWS quota, not adjustable). */
export const ON_DEMAND_ROTATION_LIMIT = 25;

/** Rotation operations take a key id or key ARN, never an alias, and need a key that is not pending deletion. */
function rotationKey(input: Record<string, unknown>, ctx: RequestContext): KmsKey {
  const key = resolveKey(ctx, requireString(input, 'KeyId', { min: 1, max: 2048 }), { allowAlias: false });
  if (key.keyState === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  return key;
}

/** Changing rotation needs an enabled key. */
function enabledRotationKey(input: Record<string, unknown>, ctx: RequestContext): KmsKey {
  const key = rotationKey(input, ctx);
  if (key.keyState === 'Disabled') throw new AwsError('DisabledException', `${key.arn} is disabled.`);
  return key;
}

const enableKeyRotation: JsonHandler = (input, ctx) => {
  const periodInDays = readInteger(input, 'RotationPeriodInDays', ROTATION_PERIOD.min, ROTATION_PERIOD.max) ?? ROTATION_PERIOD.default;
  const key = enabledRotationKey(input, ctx);
  key.rotation = { periodInDays, nextRotationDate: ctx.now + days(periodInDays) };
  return {};
};

const disableKeyRotation: JsonHandler = (input, ctx) => {
  delete enabledRotationKey(input, ctx).rotation;
  return {};
};

const getKeyRotationStatus: JsonHandler = (input, ctx) => {
  const key = resolveKey(ctx, requireString(input, 'KeyId', { min: 1, max: 2048 }), { allowAlias: false });
  // AWS reports rotation as off while a key is pending deletion (it comes back if deletion is cancelled).
  const schedule = key.keyState === 'PendingDeletion' ? undefined : key.rotation;
  return {
    KeyRotationEnabled: schedule !== undefined,
    KeyId: key.arn,
    ...(schedule ? { RotationPeriodInDays: schedule.periodInDays, NextRotationDate: epochSeconds(schedule.nextRotationDate) } : {}),
  };
};

const rotateKeyOnDemand: JsonHandler = (input, ctx) => {
  const key = enabledRotationKey(input, ctx);
  const done = (key.rotations ?? []).filter((r) => r.type === 'ON_DEMAND').length;
  if (done >= ON_DEMAND_ROTATION_LIMIT)
    throw new AwsError('LimitExceededException', `The on-demand rotation limit (${ON_DEMAND_ROTATION_LIMIT}) has been reached for ${key.arn}.`);
  rotateMaterial(ctx.state, key, 'ON_DEMAND', ctx.now);
  return { KeyId: key.keyId };
};

const listKeyRotations: JsonHandler = (input, ctx) => {
  const key = resolveKey(ctx, requireString(input, 'KeyId', { min: 1, max: 2048 }), { allowAlias: false });
  const rotations = (key.rotations ?? []).map((r) => ({ KeyId: key.keyId, RotationDate: epochSeconds(r.date), RotationType: r.type }));
  const page = pageOf(rotations, readInteger(input, 'Limit', 1, 1000) ?? 100, readString(input, 'Marker'), 'InvalidMarkerException');
  return { Rotations: page.items, Truncated: page.next !== undefined, ...(page.next ? { NextMarker: page.next } : {}) };
};

/** KMS key rotation operations, by operation name. */
export const rotationOperations: Record<string, JsonHandler> = {
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  RotateKeyOnDemand: rotateKeyOnDemand,
  ListKeyRotations: listKeyRotations,
};

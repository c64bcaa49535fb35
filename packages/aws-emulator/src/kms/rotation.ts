import { randomBytes } from 'node:crypto';
import type { EmulatorState, KmsKey } from '../state.js';
import { keyHandle } from './ciphertext.js';

const DAY_MS = 86_400_000;

/**
 * Gives `key` new backing material, as AWS rotation does: same key id and ARN, new Encrypt calls use
 * the new material, and the old material is kept so every earlier ciphertext still decrypts.
 */
export function rotateMaterial(state: EmulatorState, key: KmsKey, type: 'AUTOMATIC' | 'ON_DEMAND', date: number): void {
  (key.previous ??= []).push({ material: key.material, handle: key.handle });
  key.material = randomBytes(32);
  key.handle = keyHandle(key.material, key.arn);
  state.indexHandle(key, key.handle);
  (key.rotations ??= []).push({ date, type });
}

/**
 * Performs the automatic rotations that fell due by emulated time `now` (see `control.advanceClock`),
 * each dated when it was due. Only Enabled keys rotate, like AWS.
 */
export function applyDueRotations(state: EmulatorState, key: KmsKey, now: number): void {
  const schedule = key.rotation;
  if (!schedule || key.keyState !== 'Enabled') return;
  while (schedule.nextRotationDate <= now) {
    rotateMaterial(state, key, 'AUTOMATIC', schedule.nextRotationDate);
    schedule.nextRotationDate += schedule.periodInDays * DAY_MS;
  }
}

/** The material that made ciphertexts carrying `handle`, or undefined if `key` never had it. */
export function materialFor(key: KmsKey, handle: Buffer): Buffer | undefined {
  if (key.handle.equals(handle)) return key.material;
  return key.previous?.find((b) => b.handle.equals(handle))?.material;
}

/** Days → ms, for rotation schedules. */
export function days(n: number): number {
  return n * DAY_MS;
}

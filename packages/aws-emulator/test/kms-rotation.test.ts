import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  CancelKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../src/index.js';
import { clients, rejection } from './helpers.js';

const DAY = 86_400_000;
let emu: RunningEmulator;
let kms: ReturnType<typeof clients>['kms'];
const text = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('utf8');
/** The 32-byte backing-key handle inside our blob framing (after the 5 version bytes). */
const handleOf = (blob: Uint8Array | undefined) => Buffer.from(blob ?? []).subarray(5, 37).toString('hex');

beforeAll(async () => {
  emu = await start();
  kms = clients(emu.url).kms;
});
afterAll(() => emu.stop());

async function newKey(): Promise<{ KeyId: string; Arn: string }> {
  return (await kms.send(new CreateKeyCommand({}))).KeyMetadata as { KeyId: string; Arn: string };
}
const encrypt = async (keyId: string, value: string) => (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(value) }))).CiphertextBlob!;
const decrypt = async (blob: Uint8Array, keyId?: string) => {
  const out = await kms.send(new DecryptCommand({ CiphertextBlob: blob, ...(keyId ? { KeyId: keyId } : {}) }));
  return { keyId: out.KeyId, text: text(out.Plaintext) };
};

describe('KMS key rotation', () => {
  it('RotateKeyOnDemand: same key id, new material for new ciphertexts, every older ciphertext still decrypts', async () => {
    const key = await newKey();
    const before = await encrypt(key.KeyId, 'before');
    expect(await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyId: key.KeyId });
    const middle = await encrypt(key.KeyId, 'middle');
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.Arn }));
    const after = await encrypt(key.KeyId, 'after');
    expect(new Set([handleOf(before), handleOf(middle), handleOf(after)]).size).toBe(3);
    for (const [blob, value] of [[before, 'before'], [middle, 'middle'], [after, 'after']] as const) {
      expect(await decrypt(blob, key.KeyId)).toEqual({ keyId: key.Arn, text: value });
      expect(await decrypt(blob)).toEqual({ keyId: key.Arn, text: value });
    }
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({ KeyId: key.KeyId, Arn: key.Arn, KeyState: 'Enabled' });
    const listed = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
    expect(listed.Rotations?.map((r) => [r.KeyId, r.RotationType])).toEqual([[key.KeyId, 'ON_DEMAND'], [key.KeyId, 'ON_DEMAND']]);
    expect(listed.Truncated).toBe(false);
    const paged = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 1 }));
    expect(paged).toMatchObject({ Truncated: true });
    expect((await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Marker: paged.NextMarker }))).Rotations).toHaveLength(1);
  });

  it('automatic rotation: off by default; enabled with a period, it rotates when due and keeps old material', async () => {
    const key = await newKey();
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: false, KeyId: key.Arn });
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const yearly = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    expect(yearly).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    expect(Math.abs(yearly.NextRotationDate!.getTime() - (Date.now() + 365 * DAY))).toBeLessThan(60_000);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.Arn, RotationPeriodInDays: 90 }));
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ RotationPeriodInDays: 90 });
    const old = await encrypt(key.KeyId, 'old material');
    emu.control.advanceClock(181 * DAY);
    try {
      const fresh = await encrypt(key.KeyId, 'new material');
      expect(handleOf(fresh)).not.toBe(handleOf(old));
      expect((await decrypt(old, key.KeyId)).text).toBe('old material');
      expect((await decrypt(fresh, key.KeyId)).text).toBe('new material');
      const rotations = (await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations ?? [];
      expect(rotations.map((r) => r.RotationType)).toEqual(['AUTOMATIC', 'AUTOMATIC']);
      expect(rotations[1]!.RotationDate!.getTime() - rotations[0]!.RotationDate!.getTime()).toBe(90 * DAY);
      await kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId }));
      expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toEqual(expect.objectContaining({ KeyRotationEnabled: false }));
      expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).NextRotationDate).toBeUndefined();
    } finally {
      emu.control.advanceClock(-181 * DAY);
    }
  });

  it("AWS's errors: period bounds, aliases, disabled and pending-deletion keys, the on-demand limit", async () => {
    const key = await newKey();
    const low = await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 89 })));
    expect([low.name, low.message]).toEqual(['ValidationException', "1 validation error detected: Value at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90"]);
    expect((await rejection(kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 2561 })))).name).toBe('ValidationException');
    expect((await rejection(kms.send(new RotateKeyOnDemandCommand({ KeyId: 'alias/anything' })))).name).toBe('NotFoundException');
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    for (const command of [new EnableKeyRotationCommand({ KeyId: key.KeyId }), new RotateKeyOnDemandCommand({ KeyId: key.KeyId })]) {
      const error = await rejection(kms.send(command as EnableKeyRotationCommand));
      expect([error.name, error.message]).toEqual(['DisabledException', `${key.Arn} is disabled.`]);
    }
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: false });
    expect((await rejection(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })))).name).toBe('KMSInvalidStateException');
    await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).toMatchObject({ KeyRotationEnabled: true });

    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    for (let i = 0; i < 25; i++) await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    const limit = await rejection(kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })));
    expect(limit.name).toBe('LimitExceededException');
    expect(limit.$metadata?.httpStatusCode).toBe(400);
  });

  it('rotated-out material survives a restart from the --state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fnox-emu-rotation-'));
    const statePath = join(dir, 'state.json');
    try {
      const first = await start({ statePath });
      const client = clients(first.url).kms;
      const { KeyId } = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
      const before = (await client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('before') }))).CiphertextBlob!;
      await client.send(new RotateKeyOnDemandCommand({ KeyId }));
      const after = (await client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('after') }))).CiphertextBlob!;
      client.destroy();
      await first.stop();
      const second = await start({ statePath });
      try {
        const again = clients(second.url).kms;
        expect(text((await again.send(new DecryptCommand({ CiphertextBlob: before, KeyId }))).Plaintext)).toBe('before');
        expect(text((await again.send(new DecryptCommand({ CiphertextBlob: after, KeyId }))).Plaintext)).toBe('after');
        expect((await again.send(new ListKeyRotationsCommand({ KeyId }))).Rotations).toHaveLength(1);
        again.destroy();
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../src/index.js';
import { aws, clients } from './helpers.js';

// Each `aws` invocation costs ~0.7-1 s of Python start-up, so calls are grouped into few tests.
let emu: RunningEmulator;
let dir: string;
let keyId = '';
let keyArn = '';

beforeAll(async () => {
  emu = await start();
  dir = mkdtempSync(join(tmpdir(), 'fnox-emu-cli-kms-'));
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('aws CLI (botocore v1) against the KMS emulator', () => {
  it('creates a key and an alias, and reads them back', async () => {
    const created = await aws(emu.url, ['kms', 'create-key', '--description', 'cli key']);
    expect(created.code, created.stderr).toBe(0);
    keyId = created.json.KeyMetadata.KeyId;
    keyArn = created.json.KeyMetadata.Arn;
    expect(created.json.KeyMetadata).toMatchObject({ KeyState: 'Enabled', Description: 'cli key' });
    expect((await aws(emu.url, ['kms', 'create-alias', '--alias-name', 'alias/cli', '--target-key-id', keyId])).code).toBe(0);
    const [described, keys, aliases] = await Promise.all([
      aws(emu.url, ['kms', 'describe-key', '--key-id', 'alias/cli']),
      aws(emu.url, ['kms', 'list-keys']),
      aws(emu.url, ['kms', 'list-aliases', '--key-id', keyId]),
    ]);
    expect(described.json.KeyMetadata.Arn).toBe(keyArn);
    expect(keys.json.Keys).toEqual([{ KeyId: keyId, KeyArn: keyArn }]);
    expect(aliases.json.Aliases).toMatchObject([{ AliasName: 'alias/cli', TargetKeyId: keyId }]);
  });

  it('encrypts with the CLI and decrypts with the SDK, and the other way round', async () => {
    const { kms } = clients(emu.url);
    writeFileSync(join(dir, 'plain.txt'), 'from the cli');
    const enc = await aws(emu.url, ['kms', 'encrypt', '--key-id', 'alias/cli', '--plaintext', `fileb://${join(dir, 'plain.txt')}`, '--encryption-context', 'purpose=test']);
    expect(enc.code, enc.stderr).toBe(0);
    expect(enc.json.CiphertextBlob).toMatch(/^AQICAHh/);
    expect(enc.json.KeyId).toBe(keyArn);
    const dec = await kms.send(
      new DecryptCommand({ CiphertextBlob: Buffer.from(enc.json.CiphertextBlob, 'base64'), EncryptionContext: { purpose: 'test' } }),
    );
    expect(Buffer.from(dec.Plaintext ?? []).toString()).toBe('from the cli');

    const sdkBlob = (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('from the sdk') }))).CiphertextBlob;
    writeFileSync(join(dir, 'blob.bin'), sdkBlob ?? new Uint8Array());
    const cliDec = await aws(emu.url, ['kms', 'decrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob.bin')}`, '--key-id', keyId]);
    expect(cliDec.code, cliDec.stderr).toBe(0);
    expect(Buffer.from(cliDec.json.Plaintext, 'base64').toString()).toBe('from the sdk');
    expect(cliDec.json.KeyId).toBe(keyArn);
  });

  it('re-encrypts and generates a data key', async () => {
    const second = await aws(emu.url, ['kms', 'create-key']);
    const target = second.json.KeyMetadata.KeyId;
    const [re, dk] = await Promise.all([
      aws(emu.url, ['kms', 're-encrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob.bin')}`, '--destination-key-id', target]),
      aws(emu.url, ['kms', 'generate-data-key', '--key-id', 'alias/cli', '--key-spec', 'AES_256']),
    ]);
    expect(re.code, re.stderr).toBe(0);
    expect([re.json.SourceKeyId, re.json.KeyId]).toEqual([keyArn, second.json.KeyMetadata.Arn]);
    const { kms } = clients(emu.url);
    const back = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(re.json.CiphertextBlob, 'base64') }));
    expect(Buffer.from(back.Plaintext ?? []).toString()).toBe('from the sdk');
    expect(Buffer.from(dk.json.Plaintext, 'base64')).toHaveLength(32);
  });

  it('rotates: enable-key-rotation, get-key-rotation-status, rotate-key-on-demand, list-key-rotations; old and new ciphertexts decrypt', async () => {
    const created = await aws(emu.url, ['kms', 'create-key', '--description', 'rotating']);
    const rotating = created.json.KeyMetadata.KeyId as string;
    writeFileSync(join(dir, 'rot-plain.txt'), 'before rotation');
    const encryptFile = async (file: string) =>
      (await aws(emu.url, ['kms', 'encrypt', '--key-id', rotating, '--plaintext', `fileb://${join(dir, file)}`])).json.CiphertextBlob as string;
    const before = await encryptFile('rot-plain.txt');
    expect((await aws(emu.url, ['kms', 'enable-key-rotation', '--key-id', rotating, '--rotation-period-in-days', '180'])).code).toBe(0);
    const status = await aws(emu.url, ['kms', 'get-key-rotation-status', '--key-id', rotating]);
    expect(status.json).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180, KeyId: created.json.KeyMetadata.Arn });
    expect(Math.abs(status.json.NextRotationDate * 1000 - (Date.now() + 180 * 86_400_000))).toBeLessThan(10 * 60_000);
    const rotated = await aws(emu.url, ['kms', 'rotate-key-on-demand', '--key-id', rotating]);
    expect(rotated.json).toEqual({ KeyId: rotating });
    writeFileSync(join(dir, 'rot-plain.txt'), 'after rotation');
    const after = await encryptFile('rot-plain.txt');
    const listed = await aws(emu.url, ['kms', 'list-key-rotations', '--key-id', rotating]);
    expect(listed.json.Rotations).toMatchObject([{ KeyId: rotating, RotationType: 'ON_DEMAND' }]);
    const { kms } = clients(emu.url);
    const cases = [[before, 'before rotation', 'rot-before.bin'], [after, 'after rotation', 'rot-after.bin']] as const;
    await Promise.all(
      cases.map(async ([blob, value, file]) => {
        writeFileSync(join(dir, file), Buffer.from(blob, 'base64'));
        const dec = await aws(emu.url, ['kms', 'decrypt', '--ciphertext-blob', `fileb://${join(dir, file)}`, '--key-id', rotating]);
        expect(Buffer.from(dec.json.Plaintext, 'base64').toString()).toBe(value);
        const sdk = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(blob, 'base64'), KeyId: rotating }));
        expect(Buffer.from(sdk.Plaintext ?? []).toString()).toBe(value);
      }),
    );
    expect((await aws(emu.url, ['kms', 'disable-key-rotation', '--key-id', rotating])).code).toBe(0);
    expect((await aws(emu.url, ['kms', 'get-key-rotation-status', '--key-id', rotating])).json).toMatchObject({ KeyRotationEnabled: false });
  }, 180_000);

  it('disables, enables, schedules deletion and deletes the alias, with AWS error output', async () => {
    expect((await aws(emu.url, ['kms', 'disable-key', '--key-id', keyId])).code).toBe(0);
    const disabled = await aws(emu.url, ['kms', 'decrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob.bin')}`]);
    expect(disabled.code).not.toBe(0);
    expect(disabled.stderr).toContain(`An error occurred (DisabledException) when calling the Decrypt operation: ${keyArn} is disabled.`);
    expect((await aws(emu.url, ['kms', 'enable-key', '--key-id', keyId])).code).toBe(0);
    const scheduled = await aws(emu.url, ['kms', 'schedule-key-deletion', '--key-id', keyId, '--pending-window-in-days', '7']);
    expect(scheduled.json).toMatchObject({ KeyId: keyArn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    const [deleted, missing] = await Promise.all([
      aws(emu.url, ['kms', 'delete-alias', '--alias-name', 'alias/cli']),
      aws(emu.url, ['kms', 'describe-key', '--key-id', 'alias/nope']),
    ]);
    expect(deleted.code).toBe(0);
    expect(missing.stderr).toContain('An error occurred (NotFoundException) when calling the DescribeKey operation: Alias arn:aws:kms:us-east-1:000000000000:alias/nope is not found.');
  });
});

import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  CancelKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../src/index.js';
import { clients, rejection } from './helpers.js';

let emu: RunningEmulator;
let kms: ReturnType<typeof clients>['kms'];
const text = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('utf8');

beforeAll(async () => {
  emu = await start();
  kms = clients(emu.url).kms;
});
afterAll(() => emu.stop());

async function newKey(description = 'test key') {
  const out = await kms.send(new CreateKeyCommand({ Description: description }));
  return out.KeyMetadata as { KeyId: string; Arn: string };
}

describe('KMS key lifecycle', () => {
  it('creates, describes and lists keys by every identifier form', async () => {
    const key = await newKey('lifecycle');
    expect(key.Arn).toBe(`arn:aws:kms:us-east-1:000000000000:key/${key.KeyId}`);
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/lifecycle', TargetKeyId: key.KeyId }));
    for (const id of [key.KeyId, key.Arn, 'alias/lifecycle', 'arn:aws:kms:us-east-1:000000000000:alias/lifecycle']) {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: id }));
      expect(KeyMetadata).toMatchObject({ KeyId: key.KeyId, KeyState: 'Enabled', Enabled: true, KeyUsage: 'ENCRYPT_DECRYPT', Description: 'lifecycle' });
      expect(KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    }
    const listed = await kms.send(new ListKeysCommand({}));
    expect(listed.Keys?.map((k) => k.KeyId)).toContain(key.KeyId);
  });

  it('paginates ListKeys and ListAliases with markers', async () => {
    const local = await start();
    const c = clients(local.url).kms;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { KeyMetadata } = await c.send(new CreateKeyCommand({}));
      ids.push(KeyMetadata?.KeyId ?? '');
      await c.send(new CreateAliasCommand({ AliasName: `alias/p${i}`, TargetKeyId: KeyMetadata?.KeyId }));
    }
    const first = await c.send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Truncated).toBe(true);
    const second = await c.send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect(second.Truncated).toBe(false);
    expect([...(first.Keys ?? []), ...(second.Keys ?? [])].map((k) => k.KeyId)).toEqual(ids);
    const aliases = await c.send(new ListAliasesCommand({ Limit: 2 }));
    expect(aliases.Aliases?.map((a) => a.AliasName)).toEqual(['alias/p0', 'alias/p1']);
    const rest = await c.send(new ListAliasesCommand({ Limit: 2, Marker: aliases.NextMarker }));
    expect(rest.Aliases?.map((a) => a.AliasName)).toEqual(['alias/p2']);
    const byKey = await c.send(new ListAliasesCommand({ KeyId: ids[1] }));
    expect(byKey.Aliases).toHaveLength(1);
    expect(byKey.Aliases?.[0]).toMatchObject({ AliasName: 'alias/p1', TargetKeyId: ids[1], AliasArn: 'arn:aws:kms:us-east-1:000000000000:alias/p1' });
    await local.stop();
  });

  it('manages aliases with AWS errors for duplicates, bad names and missing aliases', async () => {
    const key = await newKey();
    const other = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/dup', TargetKeyId: key.Arn }));
    const dup = await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/dup', TargetKeyId: key.KeyId })));
    expect(dup.name).toBe('AlreadyExistsException');
    expect(dup.message).toBe('An alias with the name arn:aws:kms:us-east-1:000000000000:alias/dup already exists');
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'dup', TargetKeyId: key.KeyId })))).name).toBe('InvalidAliasNameException');
    expect((await rejection(kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/x', TargetKeyId: key.KeyId })))).name).toBe('NotAuthorizedException');
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/dup', TargetKeyId: other.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/dup' }))).KeyMetadata?.KeyId).toBe(other.KeyId);
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/dup' }));
    const gone = await rejection(kms.send(new DeleteAliasCommand({ AliasName: 'alias/dup' })));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.message).toBe('Alias arn:aws:kms:us-east-1:000000000000:alias/dup is not found.');
    const unknown = await rejection(kms.send(new EncryptCommand({ KeyId: 'alias/dup', Plaintext: Buffer.from('x') })));
    expect([unknown.name, unknown.message]).toEqual(['NotFoundException', 'Alias arn:aws:kms:us-east-1:000000000000:alias/dup is not found.']);
  });

  it('reports unknown keys with NotFoundException and AWS wording', async () => {
    const id = '11111111-2222-3333-4444-555555555555';
    const e = await rejection(kms.send(new DescribeKeyCommand({ KeyId: id })));
    expect(e.name).toBe('NotFoundException');
    expect(e.message).toBe(`Key 'arn:aws:kms:us-east-1:000000000000:key/${id}' does not exist`);
    expect(e.$metadata?.httpStatusCode).toBe(400);
    expect(e.$metadata?.attempts).toBe(1);
    expect((await rejection(kms.send(new DescribeKeyCommand({ KeyId: 'not-a-key' })))).message).toBe("Invalid keyId 'not-a-key'");
  });

  it('disables, enables and schedules deletion with the matching error types', async () => {
    const key = await newKey();
    const blob = (await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('v') }))).CiphertextBlob;
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    for (const call of [
      kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })),
      kms.send(new DecryptCommand({ CiphertextBlob: blob })),
    ]) {
      const e = await rejection(call);
      expect([e.name, e.message, e.$metadata?.httpStatusCode]).toEqual(['DisabledException', `${key.Arn} is disabled.`, 400]);
    }
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(scheduled.DeletionDate?.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const pending = await rejection(kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: key.KeyId })));
    expect([pending.name, pending.message]).toEqual(['KMSInvalidStateException', `${key.Arn} is pending deletion.`]);
    expect((await rejection(kms.send(new EnableKeyCommand({ KeyId: key.KeyId })))).name).toBe('KMSInvalidStateException');
    expect((await rejection(kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 3 })))).name).toBe('ValidationException');
    await kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState).toBe('Disabled');
  });

  it('purges a key once its deletion window passes (emulated clock)', async () => {
    const local = await start();
    const c = clients(local.url).kms;
    const { KeyMetadata } = await c.send(new CreateKeyCommand({}));
    const blob = (await c.send(new EncryptCommand({ KeyId: KeyMetadata?.KeyId, Plaintext: Buffer.from('x') }))).CiphertextBlob;
    await c.send(new ScheduleKeyDeletionCommand({ KeyId: KeyMetadata?.KeyId, PendingWindowInDays: 7 }));
    local.control.advanceClock(8 * 86_400_000);
    expect((await rejection(c.send(new DescribeKeyCommand({ KeyId: KeyMetadata?.KeyId })))).name).toBe('NotFoundException');
    expect((await rejection(c.send(new DecryptCommand({ CiphertextBlob: blob })))).name).toBe('AccessDeniedException');
    await local.stop();
  });
});

describe('KMS cryptography', () => {
  it('encrypts to AWS-framed blobs (AQICAHh…) and decrypts with or without KeyId', async () => {
    const key = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/crypto', TargetKeyId: key.KeyId }));
    const enc = await kms.send(new EncryptCommand({ KeyId: 'alias/crypto', Plaintext: Buffer.from('hunter2') }));
    expect(enc.KeyId).toBe(key.Arn);
    expect(enc.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    const b64 = Buffer.from(enc.CiphertextBlob ?? []).toString('base64');
    expect(b64.startsWith('AQICAHh')).toBe(true);
    expect(b64).not.toContain(Buffer.from(key.KeyId).toString('base64').slice(0, 12));
    for (const KeyId of [undefined, key.KeyId, key.Arn, 'alias/crypto']) {
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId }));
      expect([text(dec.Plaintext), dec.KeyId]).toEqual(['hunter2', key.Arn]);
    }
    const again = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('hunter2') }));
    expect(Buffer.from(again.CiphertextBlob ?? []).equals(Buffer.from(enc.CiphertextBlob ?? []))).toBe(false);
  });

  it('binds the EncryptionContext as AAD', async () => {
    const key = await newKey();
    const context = { app: 'fnox', env: 'prod' };
    const enc = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('ctx'), EncryptionContext: context }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { env: 'prod', app: 'fnox' } }));
    expect(text(dec.Plaintext)).toBe('ctx');
    const contexts: (Record<string, string> | undefined)[] = [undefined, { app: 'fnox' }, { app: 'fnox', env: 'dev' }];
    for (const EncryptionContext of contexts) {
      const e = await rejection(kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext })));
      expect(e.name).toBe('InvalidCiphertextException');
      expect(e.$metadata?.httpStatusCode).toBe(400);
    }
  });

  it('rejects tampered and foreign ciphertexts', async () => {
    const key = await newKey();
    const other = await newKey();
    const blob = Buffer.from((await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('secret') }))).CiphertextBlob ?? []);
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 0x01;
    expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: tampered })))).name).toBe('InvalidCiphertextException');
    expect((await rejection(kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from('not a kms blob') })))).name).toBe('InvalidCiphertextException');
    const wrong = await rejection(kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: other.KeyId })));
    expect([wrong.name, wrong.message]).toEqual([
      'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.',
    ]);
    // The same blob presented in another region: the key is not there.
    const eu = clients(emu.url, { region: 'eu-west-1' }).kms;
    const denied = await rejection(eu.send(new DecryptCommand({ CiphertextBlob: blob })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
  });

  it('enforces the 4096-byte plaintext limit without echoing the value', async () => {
    const key = await newKey();
    const ok = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.alloc(4096, 0x61) }));
    expect(Buffer.from(ok.CiphertextBlob ?? []).length).toBeLessThanOrEqual(6144);
    const e = await rejection(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.alloc(4097, 0x62) })));
    expect(e.name).toBe('ValidationException');
    expect(e.message).toBe(
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
  });

  it('re-encrypts under another key and generates data keys', async () => {
    const a = await newKey();
    const b = await newKey();
    const enc = await kms.send(new EncryptCommand({ KeyId: a.KeyId, Plaintext: Buffer.from('move me'), EncryptionContext: { k: 'v' } }));
    const re = await kms.send(
      new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { k: 'v' }, DestinationKeyId: b.Arn }),
    );
    expect([re.SourceKeyId, re.KeyId]).toEqual([a.Arn, b.Arn]);
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, KeyId: b.KeyId }))).Plaintext)).toBe('move me');
    expect((await rejection(kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: b.KeyId })))).name).toBe(
      'InvalidCiphertextException',
    );
    const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: a.KeyId, KeySpec: 'AES_256' }));
    expect(dk.Plaintext).toHaveLength(32);
    const round = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }));
    expect(Buffer.from(round.Plaintext ?? []).equals(Buffer.from(dk.Plaintext ?? []))).toBe(true);
    expect((await kms.send(new GenerateDataKeyCommand({ KeyId: a.KeyId, NumberOfBytes: 7 }))).Plaintext).toHaveLength(7);
    expect((await rejection(kms.send(new GenerateDataKeyCommand({ KeyId: a.KeyId })))).name).toBe('ValidationException');
  });

  it('denies another account\'s key by ARN', async () => {
    const key = await newKey();
    emu.control.addCredentials({ accessKeyId: 'other', secretAccessKey: 'other', accountId: '222222222222' });
    const other = clients(emu.url, { accessKeyId: 'other', secretAccessKey: 'other' }).kms;
    const e = await rejection(other.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: Buffer.from('x') })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toContain('is not authorized to perform: kms:Encrypt');
    expect((await rejection(other.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).name).toBe('NotFoundException');
  });
});

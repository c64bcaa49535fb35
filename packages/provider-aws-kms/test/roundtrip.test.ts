import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disposeAll, emulatorEnv, kmsOps, makeContext, makeProvider, startKms, type KmsFixture } from './support/kms.js';

let fx: KmsFixture;
beforeAll(async () => {
  fx = await startKms();
});
afterEach(async () => {
  await disposeAll();
  fx.emu.control.clearFaults();
});
afterAll(async () => {
  await fx.emu.stop();
});

const SAMPLES = ['postgres://u:p@db/app', 'ünïcödé ✓ 秘密 🔑', 'line1\nline2\r\n', 'x'.repeat(4096)];

describe('aws-kms against the emulator with the real SDK', () => {
  it.each([
    ['key id', () => fx.keyId],
    ['key ARN', () => fx.keyArn],
    ['alias/NAME', () => fx.alias],
    ['alias ARN', () => fx.aliasArn],
  ])('round-trips values with key_id as a %s, storing a plain base64 CiphertextBlob', async (_form, keyId) => {
    const kms = await makeProvider({ key_id: keyId(), region: 'us-east-1', endpoint: fx.emu.url }, makeContext({ env: emulatorEnv(fx.emu.url) }));
    for (const sample of SAMPLES) {
      const stored = await kms.put!('K', sample);
      expect(stored).toMatch(/^AQICAHh[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(stored, 'base64').toString('base64')).toBe(stored);
      expect(stored).not.toContain(sample.slice(0, 8));
      expect(await kms.get({ key: 'K', value: stored })).toBe(sample);
    }
  });

  it('sends KeyId on Decrypt and no encryption context, on the endpoint from AWS_ENDPOINT_URL_KMS', async () => {
    fx.emu.control.clearRequests();
    const env = emulatorEnv('http://127.0.0.1:9', { AWS_ENDPOINT_URL_KMS: fx.emu.url });
    const kms = await makeProvider({ key_id: fx.alias, region: 'us-east-1' }, makeContext({ env }));
    const stored = await kms.put!('K', 'value');
    expect(await kms.get({ key: 'K', value: stored })).toBe('value');
    const [encrypt, decrypt] = kmsOps(fx.emu);
    expect(encrypt).toMatchObject({ operation: 'Encrypt', resources: [fx.alias], region: 'us-east-1', accessKeyId: 'test' });
    expect(decrypt).toMatchObject({ operation: 'Decrypt', resources: [fx.alias] });
  });

  it('signs for the provider region, not AWS_REGION', async () => {
    const [west] = fx.emu.control.seed({ region: 'us-west-2', keys: [{ aliases: ['alias/west'] }] }).keys;
    fx.emu.control.clearRequests();
    const env = emulatorEnv(fx.emu.url, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' });
    const kms = await makeProvider({ key_id: 'alias/west', region: 'us-west-2', endpoint: fx.emu.url }, makeContext({ env }));
    expect(await kms.get({ key: 'K', value: await kms.put!('K', 'west') })).toBe('west');
    expect(kmsOps(fx.emu).map((r) => r.region)).toEqual(['us-west-2', 'us-west-2']);
    expect(west!.arn).toContain(':us-west-2:');
  });

  it('batches decrypts in parallel through getMany, one Decrypt per distinct value, failures per key', async () => {
    const kms = await makeProvider({ key_id: fx.alias, region: 'us-east-1', endpoint: fx.emu.url }, makeContext({ env: emulatorEnv(fx.emu.url) }));
    const requests = [];
    for (let i = 0; i < 30; i++) requests.push({ key: `K${i}`, value: await kms.put!(`K${i}`, `value-${i}`) });
    requests.push({ key: 'COPY', value: requests[0]!.value });
    requests.push({ key: 'BROKEN', value: 'not-base64!' });
    fx.emu.control.clearRequests();
    fx.emu.control.setLatency(20, { service: 'kms' });
    const outcomes = await kms.getMany!(requests);
    fx.emu.control.setLatency(0, { service: 'kms' });
    expect(outcomes.size).toBe(32);
    for (let i = 0; i < 30; i++) expect(outcomes.get(`K${i}`)).toEqual({ ok: true, value: `value-${i}` });
    expect(outcomes.get('COPY')).toEqual({ ok: true, value: 'value-0' });
    const broken = outcomes.get('BROKEN');
    expect(broken?.ok).toBe(false);
    if (broken && !broken.ok) expect(broken.error.code).toBe('decrypt');
    expect(kmsOps(fx.emu, 'Decrypt')).toHaveLength(30);
  });

  it('after key_id changed, values under the old key still decrypt (Decrypt without KeyId) and ONE warning names them at dispose', async () => {
    const [old] = fx.emu.control.seed({ keys: [{ aliases: ['alias/old-key'] }] }).keys;
    const env = emulatorEnv(fx.emu.url);
    const writer = await makeProvider({ key_id: 'alias/old-key', region: 'us-east-1' }, makeContext({ env }));
    const requests = [];
    for (const key of ['A', 'B', 'C']) requests.push({ key, value: await writer.put!(key, `value-${key}`) });
    const current = await makeProvider({ key_id: fx.alias, region: 'us-east-1' }, makeContext({ env }));
    requests.push({ key: 'NEW', value: await current.put!('NEW', 'under the new key') });
    requests.push({ key: 'COPY_OF_A', value: requests[0]!.value });

    const ctx = makeContext({ env });
    const reader = await makeProvider({ key_id: fx.alias, region: 'us-east-1' }, ctx);
    fx.emu.control.clearRequests();
    const outcomes = await reader.getMany!(requests);
    expect(Object.fromEntries([...outcomes].map(([k, o]) => [k, o.ok && o.value]))).toEqual({
      A: 'value-A', B: 'value-B', C: 'value-C', NEW: 'under the new key', COPY_OF_A: 'value-A',
    });
    expect(await reader.get(requests[1]!)).toBe('value-B');
    const decrypts = kmsOps(fx.emu, 'Decrypt');
    // 4 distinct values in the batch + 1 get; the 3 (then 1) old-key values are retried without KeyId.
    expect(decrypts.filter((r) => r.resources.includes(fx.alias))).toHaveLength(5);
    expect(decrypts.filter((r) => r.resources.length === 0)).toHaveLength(4);
    expect(ctx.warnings).toEqual([]);
    await reader.dispose!();
    expect(ctx.warnings).toEqual([
      `Warning: AWS KMS provider 'kms': A, B, C, COPY_OF_A are still encrypted with KMS key '${old!.arn}', not key_id '${fx.alias}' ` +
        '(decrypted with the key named in the ciphertext). Re-encrypt under the current key with: fnox reencrypt --provider kms',
    ]);
  });

  it('uses the credentials of the provider profile (shared credentials file)', async () => {
    fx.emu.control.addCredentials({ accessKeyId: 'AKIAPROFILEOTHER', secretAccessKey: 'other-secret' });
    const dir = mkdtempSync(join(tmpdir(), 'fnox-kms-profile-'));
    const saved = process.env.AWS_SHARED_CREDENTIALS_FILE;
    try {
      writeFileSync(join(dir, 'credentials'), '[other]\naws_access_key_id = AKIAPROFILEOTHER\naws_secret_access_key = other-secret\n');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
      fx.emu.control.clearRequests();
      // Static keys in the env too: a configured profile wins over them, as in the SDK chain.
      const kms = await makeProvider({ key_id: fx.alias, region: 'us-east-1', endpoint: fx.emu.url, profile: 'other' }, makeContext({ env: emulatorEnv(fx.emu.url) }));
      expect(await kms.get({ key: 'K', value: await kms.put!('K', 'via profile') })).toBe('via profile');
      expect(kmsOps(fx.emu).map((r) => r.accessKeyId)).toEqual(['AKIAPROFILEOTHER', 'AKIAPROFILEOTHER']);
    } finally {
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('assumes role_arn through STS (session name fnox) on the provider endpoint, and uses the role account', async () => {
    fx.emu.control.seed({ accountId: '111122223333', keys: [{ aliases: ['alias/role-key'] }] });
    fx.emu.control.clearRequests();
    const role = 'arn:aws:iam::111122223333:role/kms-user';
    // No STS endpoint variable: the provider `endpoint` must apply to STS too.
    const env = emulatorEnv(fx.emu.url);
    delete env.AWS_ENDPOINT_URL_STS;
    delete env.AWS_ENDPOINT_URL;
    delete env.AWS_ENDPOINT_URL_KMS;
    const kms = await makeProvider({ key_id: 'alias/role-key', region: 'us-east-1', endpoint: fx.emu.url, role_arn: role }, makeContext({ env }));
    const stored = await kms.put!('K', 'as role');
    expect(await kms.get({ key: 'K', value: stored })).toBe('as role');
    const assume = fx.emu.control.requests({ service: 'sts', operation: 'AssumeRole' });
    expect(assume).toHaveLength(1);
    expect(assume[0]!.resources).toContain(role);
    const calls = kmsOps(fx.emu);
    expect(calls.map((r) => r.accountId)).toEqual(['111122223333', '111122223333']);
    expect(calls.every((r) => r.accessKeyId?.startsWith('ASIA'))).toBe(true);
  });

  it('honours AWS_MAX_ATTEMPTS from ctx.env', async () => {
    const kms = await makeProvider({ key_id: fx.alias, region: 'us-east-1', endpoint: fx.emu.url }, makeContext({ env: emulatorEnv(fx.emu.url, { AWS_MAX_ATTEMPTS: '5' }) }));
    const stored = await kms.put!('K', 'retry me');
    fx.emu.control.clearRequests();
    fx.emu.control.addFault({ service: 'kms', operation: 'Decrypt', times: 4, action: { type: 'error', errorType: 'KMSInternalException', status: 500 } });
    expect(await kms.get({ key: 'K', value: stored })).toBe('retry me');
    expect(kmsOps(fx.emu, 'Decrypt').map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5]);
  });

  it('check() describes the key', async () => {
    fx.emu.control.clearRequests();
    const kms = await makeProvider({ key_id: fx.aliasArn, region: 'us-east-1', endpoint: fx.emu.url }, makeContext({ env: emulatorEnv(fx.emu.url) }));
    await kms.check!();
    expect(kmsOps(fx.emu).map((r) => r.operation)).toEqual(['DescribeKey']);
  });
});

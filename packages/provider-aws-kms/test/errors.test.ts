import { awsClientConfig, start, type RunningEmulator } from '@fnox/aws-emulator';
import { DisableKeyCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import type { ProviderInstance } from '@fnox/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import provider from '../src/provider.js';
import { expectProviderError, visibleText } from '@fnox/test-kit/aws';
import { disposeAll, emulatorEnv, kmsOps, makeContext, makeProvider, startKms, type KmsFixture } from './support/kms.js';

const CANARY = `S3CR3T-CANARY-${Math.random().toString(36).slice(2)}`;
let fx: KmsFixture;
let admin: KMSClient;
/** Every error seen, checked for the canary at the end. */
const seen: unknown[] = [];

beforeAll(async () => {
  fx = await startKms();
  admin = new KMSClient(awsClientConfig(fx.emu.url));
});
afterEach(async () => {
  await disposeAll();
  fx.emu.control.clearFaults();
});
afterAll(async () => {
  admin.destroy();
  await fx.emu.stop();
});

async function kms(table: Record<string, unknown> = {}, env: Record<string, string> = {}, signal?: AbortSignal): Promise<ProviderInstance> {
  return makeProvider(
    { key_id: fx.alias, region: 'us-east-1', endpoint: fx.emu.url, ...table },
    makeContext({ env: emulatorEnv(fx.emu.url, env), ...(signal ? { signal } : {}) }),
  );
}

async function failing(promise: Promise<unknown>, expected: Parameters<typeof expectProviderError>[1]) {
  const error = await expectProviderError(promise, expected);
  seen.push(error);
  return error;
}

/** A fresh key with one value encrypted under it. */
async function keyWithValue(): Promise<{ keyId: string; provider: ProviderInstance; stored: string }> {
  const [key] = fx.emu.control.seed({ keys: [{}] }).keys;
  const p = await kms({ key_id: key!.keyId });
  return { keyId: key!.keyId, provider: p, stored: await p.put!('DB_URL', CANARY) };
}

describe('credentials and authentication', () => {
  it('no credentials anywhere → auth, suggesting keys, a profile or aws sso login; nothing reaches AWS', async () => {
    fx.emu.control.clearRequests();
    const env = emulatorEnv(fx.emu.url);
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const p = await makeProvider({ key_id: fx.alias, region: 'us-east-1', endpoint: fx.emu.url }, makeContext({ env }));
    await failing(p.put!('K', CANARY), {
      code: 'auth',
      message: /^AWS KMS: authentication failed: no usable AWS credentials \(Could not load credentials from any providers\)$/,
      hint: 'aws sso login',
      diagnostic: 'fnox::provider::auth_failed',
    });
    await failing(p.get({ key: 'K', value: 'AQICAHhA' }), { code: 'auth', message: 'authentication failed' });
    expect(kmsOps(fx.emu)).toHaveLength(0);
  });

  it('an unknown profile → auth naming the profile', async () => {
    const env = emulatorEnv(fx.emu.url);
    const p = await makeProvider({ key_id: fx.alias, region: 'us-east-1', endpoint: fx.emu.url, profile: 'no-such-profile' }, makeContext({ env }));
    await failing(p.put!('K', CANARY), { code: 'auth', message: 'authentication failed', hint: "profile 'no-such-profile'" });
  });

  it('rejected keys → auth with the AWS error name', async () => {
    const p = await kms({}, { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN', AWS_SECRET_ACCESS_KEY: 'nope' });
    await failing(p.put!('K', CANARY), {
      code: 'auth',
      message: 'AWS KMS: authentication failed: UnrecognizedClientException: The security token included in the request is invalid.',
      hint: 'AWS_ACCESS_KEY_ID',
    });
  });

  it('expired session credentials → auth, suggesting a refresh', async () => {
    fx.emu.control.addCredentials({ accessKeyId: 'ASIAEXPIRED', secretAccessKey: 's', sessionToken: 'tok', expiration: Date.now() - 60_000 });
    const p = await kms({}, { AWS_ACCESS_KEY_ID: 'ASIAEXPIRED', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'tok' });
    await failing(p.put!('K', CANARY), { code: 'auth', message: 'ExpiredTokenException', hint: 'aws sso login' });
  });

  it('AssumeRole denied → denied, naming the role and sts:AssumeRole', async () => {
    fx.emu.control.addFault({ service: 'sts', operation: 'AssumeRole', action: { type: 'error', errorType: 'AccessDenied', status: 403, message: 'not authorized to perform sts:AssumeRole' } });
    const role = 'arn:aws:iam::111122223333:role/locked';
    const p = await kms({ role_arn: role });
    await failing(p.put!('K', CANARY), {
      code: 'denied',
      message: `AWS KMS: could not assume role '${role}': access denied: sts:AssumeRole on role '${role}'`,
      hint: 'Check IAM permissions for sts:AssumeRole',
    });
  });
});

describe('key problems', () => {
  it('access denied on a key of another account → denied with the action, the key and an IAM hint', async () => {
    const [foreign] = fx.emu.control.seed({ accountId: '999988887777', keys: [{}] }).keys;
    const p = await kms({ key_id: foreign!.arn });
    await failing(p.put!('K', CANARY), {
      code: 'denied',
      message: `AWS KMS: access denied: kms:Encrypt on key '${foreign!.arn}': User: arn:aws:iam::000000000000:root is not authorized`,
      hint: `Check IAM permissions for kms:Encrypt on key '${foreign!.arn}' (region us-east-1)`,
    });
  });

  it('access denied on Decrypt (IAM) → denied naming kms:Decrypt', async () => {
    const p = await kms();
    const stored = await p.put!('K', CANARY);
    fx.emu.control.addFault({ service: 'kms', operation: 'Decrypt', action: { type: 'error', errorType: 'AccessDeniedException', status: 400, message: 'User: arn:aws:iam::000000000000:user/dev is not authorized to perform: kms:Decrypt' } });
    await failing(p.get({ key: 'K', value: stored }), { code: 'denied', message: 'access denied: kms:Decrypt', hint: 'Check IAM permissions for kms:Decrypt' });
  });

  it('unknown key → not-found naming key_id; a bare name hints at the alias/ prefix', async () => {
    const p = await kms({ key_id: 'alias/missing' });
    await failing(p.put!('K', CANARY), {
      code: 'not-found',
      message: /^AWS KMS: key 'alias\/missing' not found/,
      hint: "Check key_id and region of provider 'kms': keys are regional (region us-east-1)",
      diagnostic: 'fnox::provider::secret_not_found',
    });
    const bare = await kms({ key_id: 'fnox-test' });
    const stored = await (await kms()).put!('K', CANARY);
    await failing(bare.get({ key: 'K', value: stored }), { code: 'not-found', message: "key 'fnox-test' not found", hint: 'alias/NAME' });
    await failing(bare.check!(), { code: 'not-found', message: "key 'fnox-test' not found" });
  });

  it('disabled key → decrypt/encrypt/config by operation, with the enable-key command', async () => {
    const { keyId, provider: p, stored } = await keyWithValue();
    await admin.send(new DisableKeyCommand({ KeyId: keyId }));
    const message = `AWS KMS: key '${keyId}' is disabled`;
    await failing(p.get({ key: 'DB_URL', value: stored }), { code: 'decrypt', message, hint: 'aws kms enable-key' });
    await failing(p.put!('DB_URL', CANARY), { code: 'encrypt', message, hint: 'aws kms enable-key' });
    await failing(p.check!(), { code: 'config', message, hint: 'aws kms enable-key' });
  });

  it('key pending deletion → clear message with the cancel command', async () => {
    const { keyId, provider: p, stored } = await keyWithValue();
    await admin.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    const message = `AWS KMS: key '${keyId}' is pending deletion`;
    await failing(p.get({ key: 'DB_URL', value: stored }), { code: 'decrypt', message, hint: 'aws kms cancel-key-deletion' });
    await failing(p.check!(), { code: 'config', message, hint: 'cannot be recovered' });
  });

  it('a value under a disabled other key → the wrong-key error naming the secret, the configured key and why the other key refused', async () => {
    const { keyId, stored } = await keyWithValue();
    await admin.send(new DisableKeyCommand({ KeyId: keyId }));
    const p = await kms();
    await failing(p.get({ key: 'DB_URL', value: stored }), {
      code: 'decrypt',
      message: `AWS KMS: DB_URL was encrypted with a different KMS key than '${fx.alias}' (the key that encrypted it refused too: DisabledException: arn:aws:kms:us-east-1:000000000000:key/${keyId} is disabled.)`,
      hint: "Set key_id of provider 'kms' to the key that encrypted it",
    });
  });

  it('a value under a key of another account (no access) or a deleted key → the wrong-key error, nothing decrypted', async () => {
    const [foreign] = fx.emu.control.seed({ accountId: '999988887777', keys: [{}] }).keys;
    fx.emu.control.addCredentials({ accessKeyId: 'AKIAFOREIGN', secretAccessKey: 'foreign-secret', accountId: '999988887777' });
    const writer = await kms({ key_id: foreign!.keyId }, { AWS_ACCESS_KEY_ID: 'AKIAFOREIGN', AWS_SECRET_ACCESS_KEY: 'foreign-secret' });
    const stored = await writer.put!('K', CANARY);
    const p = await kms();
    await failing(p.get({ key: 'DB_URL', value: stored }), {
      code: 'decrypt',
      message: `AWS KMS: DB_URL was encrypted with a different KMS key than '${fx.alias}' (the key that encrypted it refused too: AccessDeniedException`,
    });
    const gone = await keyWithValue();
    await admin.send(new ScheduleKeyDeletionCommand({ KeyId: gone.keyId, PendingWindowInDays: 7 }));
    fx.emu.control.advanceClock(8 * 86_400_000);
    try {
      await failing(p.get({ key: 'DB_URL', value: gone.stored }), { code: 'decrypt', message: `was encrypted with a different KMS key than '${fx.alias}'` });
    } finally {
      fx.emu.control.advanceClock(-8 * 86_400_000);
    }
  });

  it('throttling on the follow-up Decrypt is reported as throttling, not as a wrong key', async () => {
    const { stored } = await keyWithValue();
    const p = await kms({}, { AWS_MAX_ATTEMPTS: '1' });
    fx.emu.control.addFault({ service: 'kms', operation: 'Decrypt', skip: 1, action: { type: 'throttle' } });
    await failing(p.get({ key: 'DB_URL', value: stored }), { code: 'throttled', message: /throttl/i });
  });
});

describe('stored values', () => {
  it('a tampered ciphertext → decrypt, "corrupted or was modified"', async () => {
    const p = await kms();
    const stored = await p.put!('K', CANARY);
    const tampered = stored.slice(0, 60) + (stored[60] === 'A' ? 'B' : 'A') + stored.slice(61);
    await failing(p.get({ key: 'DB_URL', value: tampered }), {
      code: 'decrypt',
      message: 'AWS KMS: could not decrypt DB_URL: the ciphertext is corrupted or was modified',
      hint: 'fnox set',
    });
  });

  it.each([
    ['AQICAHh-abc', 'Invalid symbol "-" at offset 7'],
    ['AQICAHhA\n', 'Invalid symbol "\\n" at offset 8'],
    ['AQICAHh', 'Invalid input length 7'],
    ['AQ=CAHhA', 'Invalid padding at offset 2'],
    ['AR==', 'Invalid last symbol at offset 1'],
    ['', 'the value is empty'],
  ])('bad base64 %j → upstream wording, code decrypt, no call to KMS', async (value, detail) => {
    fx.emu.control.clearRequests();
    const p = await kms();
    await failing(p.get({ key: 'DB_URL', value }), {
      code: 'decrypt',
      message: `AWS KMS: invalid response: Failed to decode base64 ciphertext: ${detail}`,
      hint: 'fnox set DB_URL',
      diagnostic: 'fnox::provider::invalid_response',
    });
    expect(kmsOps(fx.emu)).toHaveLength(0);
  });

  it('plaintext over 4096 bytes → encrypt error before calling KMS, with a hint to use age; exactly 4096 works', async () => {
    const p = await kms();
    expect(await p.get({ key: 'K', value: await p.put!('K', 'é'.repeat(2048)) })).toBe('é'.repeat(2048));
    fx.emu.control.clearRequests();
    await failing(p.put!('BIG', CANARY + 'é'.repeat(2048)), {
      code: 'encrypt',
      message: `AWS KMS can encrypt at most 4096 bytes; BIG is ${CANARY.length + 4096} bytes`,
      hint: 'age provider',
    });
    await failing(p.put!('EMPTY', ''), { code: 'encrypt', message: 'AWS KMS cannot encrypt an empty value (EMPTY)' });
    expect(kmsOps(fx.emu)).toHaveLength(0);
  });
});

describe('service and network failures', () => {
  it('throttling that outlasts the retries → throttled, with the attempt count', async () => {
    const p = await kms();
    const stored = await p.put!('K', CANARY);
    fx.emu.control.clearRequests();
    fx.emu.control.addFault({ service: 'kms', operation: 'Decrypt', action: { type: 'throttle' } });
    await failing(p.get({ key: 'K', value: stored }), {
      code: 'throttled',
      message: 'AWS KMS: request throttled after 3 attempts (ThrottlingException: Rate exceeded)',
      hint: 'AWS_MAX_ATTEMPTS',
    });
    expect(kmsOps(fx.emu, 'Decrypt')).toHaveLength(3);
  });

  it('throttling twice then success → the value, 3 requests', async () => {
    const p = await kms();
    const stored = await p.put!('K', 'eventually');
    fx.emu.control.clearRequests();
    fx.emu.control.addFault({ service: 'kms', operation: 'Decrypt', times: 2, action: { type: 'throttle' } });
    expect(await p.get({ key: 'K', value: stored })).toBe('eventually');
    expect(kmsOps(fx.emu, 'Decrypt')).toHaveLength(3);
  });

  it('server errors that outlast the retries → api error', async () => {
    const p = await kms();
    fx.emu.control.addFault({ service: 'kms', action: { type: 'error', errorType: 'KMSInternalException', status: 500, message: 'internal' } });
    await failing(p.put!('K', CANARY), { code: 'api', message: 'AWS KMS: API error: KMSInternalException: internal (after 3 attempts)', hint: 'try again later' });
  });

  it('an AWS error that echoes the plaintext back is redacted in message, hint and cause', async () => {
    const p = await kms();
    for (const [errorType, status, code] of [['ValidationException', 400, 'api'], ['KMSInternalException', 500, 'api'], ['AccessDeniedException', 400, 'denied']] as const) {
      fx.emu.control.addFault({ service: 'kms', operation: 'Encrypt', action: { type: 'error', errorType, status, message: `bad plaintext ${CANARY} (echoed)` } });
      const error = await failing(p.put!('K', CANARY), { code, message: /^AWS KMS/ });
      expect(visibleText(error)).toContain('<redacted>');
      expect(visibleText(error)).not.toContain(CANARY);
      fx.emu.control.clearFaults();
    }
  });

  it('a server that never answers → timeout naming the endpoint and the limit', async () => {
    const p = await kms({}, { FNOX_AWS_TIMEOUT_MS: '300', AWS_MAX_ATTEMPTS: '2' });
    fx.emu.control.addFault({ service: 'kms', action: { type: 'hang' } });
    await failing(p.put!('K', CANARY), {
      code: 'timeout',
      message: `AWS KMS: request to ${fx.emu.url} timed out after 2 attempts (no answer within 300 ms each)`,
      hint: 'FNOX_AWS_TIMEOUT_MS',
    });
  });

  it('a cancelled command → timeout "cancelled", promptly', async () => {
    const controller = new AbortController();
    const p = await kms({}, {}, controller.signal);
    fx.emu.control.addFault({ service: 'kms', action: { type: 'hang' } });
    const pending = p.put!('K', CANARY);
    setTimeout(() => controller.abort(), 50);
    await failing(pending, { code: 'timeout', message: `AWS KMS: request to ${fx.emu.url} was cancelled` });
  });

  it('connection refused → network naming the endpoint', async () => {
    const dead: RunningEmulator = await start();
    const url = dead.url;
    await dead.stop();
    const p = await makeProvider({ key_id: fx.alias, region: 'us-east-1', endpoint: url }, makeContext({ env: emulatorEnv(url) }));
    await failing(p.put!('K', CANARY), { code: 'network', message: `AWS KMS: cannot reach ${url} after 3 attempts: connection refused (ECONNREFUSED)`, hint: 'AWS_ENDPOINT_URL_KMS' });
  });

  it('connection reset on every attempt → network', async () => {
    const p = await kms();
    fx.emu.control.addFault({ service: 'kms', action: { type: 'reset' } });
    await failing(p.put!('K', CANARY), { code: 'network', message: `AWS KMS: cannot reach ${fx.emu.url} after 3 attempts: connection reset (ECONNRESET)` });
  });

  it('an answer that is not KMS JSON → invalid-response', async () => {
    const p = await kms();
    fx.emu.control.addFault({ service: 'kms', action: { type: 'garbage' } });
    await failing(p.put!('K', CANARY), {
      code: 'invalid-response',
      message: `AWS KMS: invalid response: ${fx.emu.url} did not answer with a valid AWS KMS response (SyntaxError)`,
      hint: 'endpoint',
    });
  });
});

describe('configuration', () => {
  it.each([
    [{ key_id: 'k', region: 'us-east-1', role_arn: 'arn:aws:iam::123:role/x' }, "'arn:aws:iam::123:role/x' is not a valid IAM role ARN - expected arn:aws:iam::123456789012:role/my-role"],
    [{ key_id: 'k', region: 'us-east-1', endpoint: 'localhost:4566' }, "'localhost:4566' is not a valid endpoint URL"],
    [{ key_id: 'k', region: 'US East' }, "'US East' is not a valid AWS region"],
    [{ key_id: '', region: 'us-east-1' }, 'key_id must not be empty'],
    [{ region: 'us-east-1' }, 'missing field `key_id`'],
    [{ key_id: 'k', region: 'us-east-1', keyid: 'x' }, 'unknown field `keyid`'],
  ])('rejects %j', async (table, message) => {
    const result = await provider.configSchema['~standard'].validate(table);
    expect(result.issues?.map((i) => i.message)).toContainEqual(expect.stringContaining(message));
  });

  it('accepts a role in another partition and a role path', async () => {
    const result = await provider.configSchema['~standard'].validate({ key_id: 'k', region: 'cn-north-1', role_arn: 'arn:aws-cn:iam::123456789012:role/team/kms' });
    expect(result.issues).toBeUndefined();
  });

  it('exposes the auth command and never leaks the canary in any error, hint, stack or the request log', () => {
    expect(provider.authCommand).toBe('aws sso login');
    expect(seen.length).toBeGreaterThan(20);
    for (const error of seen) expect(visibleText(error)).not.toContain(CANARY);
    expect(JSON.stringify(fx.emu.control.requests())).not.toContain(CANARY);
  });
});

import { start } from '@fnox/aws-emulator';
import type { ProviderInstance } from '@fnox/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import provider from '../src/provider.js';
import { expectProviderError, visibleText } from '@fnox/test-kit/aws';
import { disposeAll, emulatorEnv, makeContext, makeProvider, smOps, startSm, type SmFixture } from './support/sm.js';

const CANARY = `S3CR3T-CANARY-${Math.random().toString(36).slice(2)}`;
let fx: SmFixture;
const seen: unknown[] = [];

beforeAll(async () => {
  fx = await startSm();
  fx.emu.control.seed({ secrets: [{ name: 'app/db', secretString: CANARY }] });
});
afterEach(async () => {
  await disposeAll();
  fx.emu.control.clearFaults();
});
afterAll(async () => {
  await fx.stop();
});

async function sm(table: Record<string, unknown> = {}, env: Record<string, string> = {}, signal?: AbortSignal): Promise<ProviderInstance> {
  return makeProvider(
    { region: 'us-east-1', prefix: 'app/', endpoint: fx.emu.url, ...table },
    makeContext({ env: emulatorEnv(fx.emu.url, env), ...(signal ? { signal } : {}) }),
  );
}

async function failing(promise: Promise<unknown>, expected: Parameters<typeof expectProviderError>[1]) {
  const error = await expectProviderError(promise, expected);
  seen.push(error);
  return error;
}

describe('an AWS error that echoes the value back', () => {
  it('is redacted in message, hint and cause', async () => {
    const p = await sm();
    for (const [errorType, status, code] of [['InvalidParameterException', 400, 'api'], ['InternalServiceError', 500, 'api'], ['AccessDeniedException', 400, 'denied']] as const) {
      fx.emu.control.addFault({ service: 'secretsmanager', operation: 'PutSecretValue', action: { type: 'error', errorType, status, message: `bad value ${CANARY} (echoed)` } });
      const error = await failing(p.put!('db', CANARY), { code, message: /^AWS Secrets Manager/ });
      expect(visibleText(error)).toContain('<redacted>');
      expect(visibleText(error)).not.toContain(CANARY);
      fx.emu.control.clearFaults();
    }
  });
});

describe('secret problems', () => {
  it('not found → not-found with the full id including the prefix', async () => {
    await failing((await sm()).get({ key: 'DB', value: 'nope' }), {
      code: 'not-found',
      message: "AWS Secrets Manager: secret 'app/nope' not found",
      hint: "region us-east-1 of provider 'sm'",
      diagnostic: 'fnox::provider::secret_not_found',
    });
  });

  it('scheduled for deletion → not-found with the restore command', async () => {
    fx.emu.control.seed({ secrets: [{ name: 'app/old', secretString: CANARY }] });
    const p = await sm();
    await p.remove!({ key: 'OLD', value: 'old' });
    await failing(p.get({ key: 'OLD', value: 'old' }), {
      code: 'not-found',
      message: "AWS Secrets Manager: secret 'app/old' is scheduled for deletion",
      hint: "aws secretsmanager restore-secret --secret-id 'app/old' --region us-east-1",
    });
    await failing(p.put!('old', CANARY), { code: 'not-found', message: 'scheduled for deletion' });
  });

  it('access denied → denied with the IAM action', async () => {
    fx.emu.control.addFault({ service: 'secretsmanager', operation: 'GetSecretValue', action: { type: 'error', errorType: 'AccessDeniedException', status: 400, message: 'User: arn:aws:iam::000000000000:user/dev is not authorized to perform: secretsmanager:GetSecretValue' } });
    await failing((await sm()).get({ key: 'DB', value: 'db' }), {
      code: 'denied',
      message: "AWS Secrets Manager: access denied: secretsmanager:GetSecretValue on secret 'app/db': User: arn:aws:iam::000000000000:user/dev is not authorized",
      hint: "Check IAM permissions for secretsmanager:GetSecretValue on secret 'app/db' (region us-east-1); a secret encrypted with a customer managed KMS key also needs kms:Decrypt",
    });
  });

  it('access denied on write → denied naming PutSecretValue', async () => {
    fx.emu.control.addFault({ service: 'secretsmanager', operation: 'PutSecretValue', action: { type: 'error', errorType: 'AccessDeniedException', status: 400, message: 'denied' } });
    await failing((await sm()).put!('db', CANARY), { code: 'denied', message: 'secretsmanager:PutSecretValue', hint: 'Check IAM permissions for secretsmanager:PutSecretValue' });
  });

  it('the KMS key behind the secret is unusable → decrypt on read, encrypt on write', async () => {
    const [key] = fx.emu.control.seed({ keys: [{ enabled: false }] }).keys;
    fx.emu.control.seed({ secrets: [{ name: 'app/locked', secretString: CANARY, kmsKeyId: key!.keyId }] });
    const p = await sm();
    await failing(p.get({ key: 'LOCKED', value: 'locked' }), { code: 'decrypt', message: "AWS Secrets Manager: cannot decrypt secret 'app/locked'", hint: 'kms:Decrypt' });
    await failing(p.put!('locked', CANARY), { code: 'encrypt', message: "AWS Secrets Manager: cannot encrypt secret 'app/locked'", hint: 'KMS key' });
  });

  it('a binary secret → invalid-response (fnox reads SecretString only)', async () => {
    fx.emu.control.seed({ secrets: [{ name: 'app/bin', secretBinary: Buffer.from('bytes').toString('base64') }] });
    await failing((await sm()).get({ key: 'BIN', value: 'bin' }), {
      code: 'invalid-response',
      message: "AWS Secrets Manager: invalid response: Secret 'app/bin' has no string value",
      hint: 'SecretString',
    });
  });

  it('a value over 65536 bytes → unsupported before calling', async () => {
    fx.emu.control.clearRequests();
    await failing((await sm()).put!('big', CANARY + 'x'.repeat(65_536)), { code: 'unsupported', message: 'AWS Secrets Manager stores at most 65536 bytes per secret; big is' });
    expect(smOps(fx.emu)).toHaveLength(0);
  });
});

describe('credentials, service and network', () => {
  it('no credentials → auth with the aws sso login hint; nothing reaches AWS', async () => {
    fx.emu.control.clearRequests();
    const env = emulatorEnv(fx.emu.url);
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const p = await makeProvider({ region: 'us-east-1', endpoint: fx.emu.url }, makeContext({ env }));
    await failing(p.get({ key: 'DB', value: 'app/db' }), { code: 'auth', message: 'AWS Secrets Manager: authentication failed: no usable AWS credentials', hint: 'aws sso login' });
    const batch = await p.getMany!([{ key: 'DB', value: 'app/db' }]);
    expect(batch.get('DB')).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(smOps(fx.emu)).toHaveLength(0);
  });

  it('throttling that outlasts the retries → throttled', async () => {
    fx.emu.control.clearRequests();
    fx.emu.control.addFault({ service: 'secretsmanager', action: { type: 'throttle' } });
    await failing((await sm()).get({ key: 'DB', value: 'db' }), {
      code: 'throttled',
      message: 'AWS Secrets Manager: request throttled after 3 attempts (ThrottlingException: Rate exceeded)',
      hint: 'AWS_MAX_ATTEMPTS',
    });
    expect(smOps(fx.emu, 'GetSecretValue')).toHaveLength(3);
  });

  it('a server that never answers → timeout naming the endpoint', async () => {
    fx.emu.control.addFault({ service: 'secretsmanager', action: { type: 'hang' } });
    const p = await sm({}, { FNOX_AWS_TIMEOUT_MS: '300', AWS_MAX_ATTEMPTS: '1' });
    await failing(p.get({ key: 'DB', value: 'db' }), {
      code: 'timeout',
      message: `AWS Secrets Manager: request to ${fx.emu.url} timed out (no answer within 300 ms)`,
      hint: 'FNOX_AWS_TIMEOUT_MS',
    });
    await failing(p.put!('db', CANARY), { code: 'timeout', message: 'timed out' });
  });

  it('connection refused → network naming the endpoint', async () => {
    const dead = await start();
    const url = dead.url;
    await dead.stop();
    const p = await makeProvider({ region: 'us-east-1', endpoint: url }, makeContext({ env: emulatorEnv(url) }));
    await failing(p.put!('db', CANARY), { code: 'network', message: `AWS Secrets Manager: cannot reach ${url} after 3 attempts: connection refused (ECONNREFUSED)`, hint: 'AWS_ENDPOINT_URL_SECRETS_MANAGER' });
  });

  it('garbage → invalid-response', async () => {
    fx.emu.control.addFault({ service: 'secretsmanager', action: { type: 'garbage' } });
    await failing((await sm()).get({ key: 'DB', value: 'db' }), { code: 'invalid-response', message: 'did not answer with a valid AWS Secrets Manager response' });
  });
});

describe('configuration and hygiene', () => {
  it.each([
    [{ region: 'us-east-1', role_arn: 'arn:aws:iam::12345678901:role/x' }, 'is not a valid IAM role ARN - expected arn:aws:iam::123456789012:role/my-role'],
    [{ prefix: 'x/' }, 'missing field `region`'],
    [{ region: 'us-east-1', key_id: 'k' }, 'unknown field `key_id`'],
  ])('rejects %j', async (table, message) => {
    const result = await provider.configSchema['~standard'].validate(table);
    expect(result.issues?.map((i) => i.message)).toContainEqual(expect.stringContaining(message));
  });

  it('exposes the auth command and never leaks the canary in any error or the request log', () => {
    expect(provider.authCommand).toBe('aws sso login');
    expect(seen.length).toBeGreaterThan(12);
    for (const error of seen) expect(visibleText(error)).not.toContain(CANARY);
    expect(JSON.stringify(fx.emu.control.requests())).not.toContain(CANARY);
  });
});

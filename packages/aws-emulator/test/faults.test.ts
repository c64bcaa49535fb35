import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, start, type RunningEmulator } from '../src/index.js';
import { clients, rejection } from './helpers.js';

let emu: RunningEmulator;
let keyId: string;
let blob: Uint8Array | undefined;

beforeAll(async () => {
  emu = await start({ seed: { secrets: [{ name: 'svc/token', secretString: 'S3CR3T-CANARY-faults' }] } });
  const { kms } = clients(emu.url);
  keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? '';
  blob = (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('S3CR3T-CANARY-faults') }))).CiphertextBlob;
});
afterEach(() => {
  emu.control.clearFaults();
  emu.control.clearRequests();
});
afterAll(() => emu.stop());

describe('fault injection', () => {
  it('throttles twice, then the SDK\'s third attempt succeeds (3 requests, one invocation id)', async () => {
    emu.control.addFault({ service: 'kms', operation: 'Decrypt', times: 2, action: { type: 'throttle' } });
    const out = await clients(emu.url).kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: keyId }));
    expect(Buffer.from(out.Plaintext ?? []).toString()).toBe('S3CR3T-CANARY-faults');
    expect(out.$metadata.attempts).toBe(3);
    const log = emu.control.requests({ operation: 'Decrypt' });
    expect(log.map((r) => [r.status, r.errorType, r.fault, r.attempt])).toEqual([
      [400, 'ThrottlingException', 'throttle', 1],
      [400, 'ThrottlingException', 'throttle', 2],
      [200, undefined, undefined, 3],
    ]);
    expect(new Set(log.map((r) => r.invocationId)).size).toBe(1);
    expect(emu.control.faults()[0]).toMatchObject({ hits: 2, seen: 3 });
  });

  it('throttles forever: ThrottlingException "Rate exceeded" after 3 attempts (STS: Throttling)', async () => {
    emu.control.addFault({ service: 'kms', action: { type: 'throttle' } });
    emu.control.addFault({ service: 'sts', times: 1, action: { type: 'throttle' } });
    const e = await rejection(clients(emu.url).kms.send(new ListKeysCommand({})));
    expect([e.name, e.message, e.$metadata?.httpStatusCode, e.$metadata?.attempts]).toEqual(['ThrottlingException', 'Rate exceeded', 400, 3]);
    const sts = await clients(emu.url, { maxAttempts: 1 }).sts.send(new GetCallerIdentityCommand({})).catch((err: Error) => err);
    expect((sts as Error).name).toBe('Throttling');
  });

  it('keeps failing with 503 until the SDK gives up after its attempts', async () => {
    emu.control.addFault({ operation: 'GetSecretValue', action: { type: 'error', errorType: 'ServiceUnavailableException', status: 503, message: 'Service unavailable' } });
    const e = await rejection(clients(emu.url).sm.send(new GetSecretValueCommand({ SecretId: 'svc/token' })));
    expect([e.name, e.$metadata?.httpStatusCode, e.$metadata?.attempts, e.$fault]).toEqual(['ServiceUnavailableException', 503, 3, 'server']);
    expect(emu.control.requests()).toHaveLength(3);
    emu.control.clearRequests();
    const five = await rejection(clients(emu.url, { maxAttempts: 5 }).sm.send(new GetSecretValueCommand({ SecretId: 'svc/token' })));
    expect(five.$metadata?.attempts).toBe(5);
  });

  it('does not retry a 501 or a modeled 4xx', async () => {
    emu.control.addFault({ service: 'kms', action: { type: 'error', errorType: 'NotImplemented', status: 501 } });
    expect((await rejection(clients(emu.url).kms.send(new ListKeysCommand({})))).$metadata?.attempts).toBe(1);
    emu.control.clearFaults();
    emu.control.addFault({ service: 'kms', action: { type: 'error', errorType: 'AccessDeniedException', status: 400, message: 'no' } });
    expect((await rejection(clients(emu.url).kms.send(new ListKeysCommand({})))).name).toBe('AccessDeniedException');
    expect(emu.control.requests()).toHaveLength(2);
  });

  it('hangs until the client\'s requestTimeout fires (throwOnRequestTimeout), retried 3 times', async () => {
    emu.control.addFault({ operation: 'ListKeys', action: { type: 'hang' } });
    const kms = new KMSClient({ ...awsClientConfig(emu.url), requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true } });
    const e = await rejection(kms.send(new ListKeysCommand({})));
    expect(e.name).toBe('TimeoutError');
    expect(emu.control.requests().map((r) => r.fault)).toEqual(['hang', 'hang', 'hang']);
  });

  it('hangs until an AbortSignal deadline fires (not retried)', async () => {
    emu.control.addFault({ operation: 'ListKeys', action: { type: 'hang' } });
    // Abort once the emulator holds the request (a fixed deadline could fire before the request is
    // even sent on a loaded machine).
    const controller = new AbortController();
    const poll = setInterval(() => {
      if (emu.control.requests().length > 0) controller.abort();
    }, 10);
    const e = await rejection(clients(emu.url).kms.send(new ListKeysCommand({}), { abortSignal: controller.signal }));
    clearInterval(poll);
    expect(e.name).toBe('AbortError');
    expect(emu.control.requests()).toHaveLength(1);
  });

  it('resets the connection: retried, and succeeds once the fault is spent', async () => {
    emu.control.addFault({ operation: 'ListKeys', action: { type: 'reset' } });
    const e = await rejection(clients(emu.url).kms.send(new ListKeysCommand({})));
    expect(e.message).toMatch(/socket hang up|ECONNRESET/);
    expect(emu.control.requests().map((r) => [r.status, r.fault])).toEqual([[0, 'reset'], [0, 'reset'], [0, 'reset']]);
    emu.control.clearFaults();
    emu.control.clearRequests();
    emu.control.addFault({ operation: 'ListKeys', times: 1, action: { type: 'reset' } });
    const ok = await clients(emu.url).kms.send(new ListKeysCommand({}));
    expect(ok.$metadata.attempts).toBe(2);
  });

  it('sends a garbage body: a deserialization error, not retried', async () => {
    emu.control.addFault({ operation: 'GetSecretValue', action: { type: 'garbage' } });
    const e = await rejection(clients(emu.url).sm.send(new GetSecretValueCommand({ SecretId: 'svc/token' })));
    expect(e.name).toBe('SyntaxError');
    expect(e.message).not.toContain('S3CR3T');
    expect(emu.control.requests()).toHaveLength(1);
    emu.control.clearFaults();
    emu.control.addFault({ service: 'sts', action: { type: 'garbage', body: '{"not":"xml"' } });
    await rejection(clients(emu.url).sts.send(new GetCallerIdentityCommand({})));
  });

  it('truncates a response mid-body', async () => {
    emu.control.addFault({ operation: 'ListKeys', times: 1, action: { type: 'truncate' } });
    const out = await clients(emu.url).kms.send(new ListKeysCommand({}));
    expect(out.$metadata.attempts).toBe(2);
  });

  it('matches on resource, every k-th call, attempt number and a seeded probability', async () => {
    emu.control.addFault({ operation: 'GetSecretValue', resource: 'other', action: { type: 'throttle' } });
    await clients(emu.url).sm.send(new GetSecretValueCommand({ SecretId: 'svc/token' }));
    emu.control.clearFaults();
    emu.control.addFault({ service: 'kms', every: 2, action: { type: 'error', errorType: 'AccessDeniedException', status: 400 } });
    const kms = clients(emu.url).kms;
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) outcomes.push(await kms.send(new ListKeysCommand({})).then(() => 'ok', (e: Error) => e.name));
    expect(outcomes).toEqual(['ok', 'AccessDeniedException', 'ok', 'AccessDeniedException']);
    emu.control.clearFaults();
    emu.control.addFault({ service: 'kms', maxAttempt: 1, action: { type: 'error', errorType: 'KMSInternalException', status: 500 } });
    expect((await kms.send(new ListKeysCommand({}))).$metadata.attempts).toBe(2);
    emu.control.clearFaults();
    const run = async () => {
      const local = await start();
      local.control.addFault({ probability: 0.5, seed: 42, action: { type: 'error', errorType: 'AccessDeniedException', status: 400 } });
      const c = clients(local.url).kms;
      const seen: string[] = [];
      for (let i = 0; i < 8; i++) seen.push(await c.send(new ListKeysCommand({})).then(() => 'ok', () => 'x'));
      await local.stop();
      return seen.join('');
    };
    const first = await run();
    expect(first).toMatch(/ok/);
    expect(first).toMatch(/x/);
    expect(await run()).toBe(first);
  });

  it('adds latency per operation without failing requests', async () => {
    emu.control.setLatency(30, { operation: 'ListKeys' });
    await clients(emu.url).kms.send(new ListKeysCommand({}));
    await clients(emu.url).sm.send(new GetSecretValueCommand({ SecretId: 'svc/token' }));
    expect(emu.control.faults()).toMatchObject([{ rule: { operation: 'ListKeys', action: { type: 'latency', ms: 30 } }, hits: 1 }]);
    emu.control.setLatency(0, { operation: 'ListKeys' });
    expect(emu.control.faults()).toEqual([]);
  });

  it('is controllable over HTTP under /__emu/', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/__emu/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await fetch(`${emu.url}/__emu/health`)).json()).toEqual({ ok: true });
    const { id } = (await (await post('faults', { operation: 'ListKeys', times: 1, action: { type: 'throttle' } })).json()) as { id: string };
    expect(id).toBeTruthy();
    await clients(emu.url).kms.send(new ListKeysCommand({}));
    const log = (await (await fetch(`${emu.url}/__emu/requests?operation=ListKeys`)).json()) as { status: number }[];
    expect(log.map((r) => r.status)).toEqual([400, 200]);
    const seeded = (await (await post('seed', { keys: [{ aliases: ['alias/http'] }] })).json()) as { keys: { arn: string }[] };
    expect(seeded.keys[0]?.arn).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\//);
    const bad = await post('faults', { action: { type: 'explode' } });
    expect(bad.status).toBe(400);
    expect((await fetch(`${emu.url}/__emu/faults`, { method: 'DELETE' })).status).toBe(200);
  });

  it('never records secret values in the request log', async () => {
    await clients(emu.url).sm.send(new GetSecretValueCommand({ SecretId: 'svc/token' }));
    await clients(emu.url).kms.send(new DecryptCommand({ CiphertextBlob: blob }));
    expect(JSON.stringify(emu.control.requests())).not.toContain('S3CR3T');
  });
});

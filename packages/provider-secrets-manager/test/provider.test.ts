import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disposeAll, emulatorEnv, makeContext, makeProvider, smOps, startSm, type SmFixture } from './support/sm.js';

let fx: SmFixture;
beforeAll(async () => {
  fx = await startSm();
  fx.emu.control.seed({
    secrets: [
      { name: 'myapp/database-url', secretString: 'postgres://prefixed' },
      { name: 'database-url', secretString: 'postgres://bare' },
      ...Array.from({ length: 45 }, (_, i) => ({ name: `batch/s${i}`, secretString: `value-${i}` })),
    ],
  });
});
afterEach(async () => {
  await disposeAll();
  fx.emu.control.clearFaults();
});
afterAll(async () => {
  await fx.stop();
});

const sm = (table: Record<string, unknown> = {}, env: Record<string, string> = {}) =>
  makeProvider({ region: 'us-east-1', endpoint: fx.emu.url, ...table }, makeContext({ env: emulatorEnv(fx.emu.url, env) }));

describe('reads', () => {
  it('gets a secret with and without prefix (id = prefix + value)', async () => {
    fx.emu.control.clearRequests();
    expect(await (await sm({ prefix: 'myapp/' })).get({ key: 'DB', value: 'database-url' })).toBe('postgres://prefixed');
    expect(await (await sm()).get({ key: 'DB', value: 'database-url' })).toBe('postgres://bare');
    expect(smOps(fx.emu).map((r) => [r.operation, r.resources[0]])).toEqual([
      ['GetSecretValue', 'myapp/database-url'],
      ['GetSecretValue', 'database-url'],
    ]);
  });

  it('reads 45 secrets in 3 BatchGetSecretValue calls of at most 20 ids, in parallel', async () => {
    const p = await sm({ prefix: 'batch/' });
    fx.emu.control.clearRequests();
    const requests = Array.from({ length: 45 }, (_, i) => ({ key: `S${i}`, value: `s${i}` }));
    const outcomes = await p.getMany!(requests);
    for (let i = 0; i < 45; i++) expect(outcomes.get(`S${i}`)).toEqual({ ok: true, value: `value-${i}` });
    const calls = smOps(fx.emu);
    expect(calls.map((r) => r.operation)).toEqual(['BatchGetSecretValue', 'BatchGetSecretValue', 'BatchGetSecretValue']);
    expect(calls.map((r) => r.resources.length).sort((a, b) => a - b)).toEqual([5, 20, 20]);
  });

  it.each([
    [0, 0],
    [1, 1],
    [20, 1],
    [21, 2],
  ])('%i secrets → %i calls', async (count, calls) => {
    const p = await sm({ prefix: 'batch/' });
    fx.emu.control.clearRequests();
    const outcomes = await p.getMany!(Array.from({ length: count }, (_, i) => ({ key: `S${i}`, value: `s${i}` })));
    expect([...outcomes.values()].every((o) => o.ok)).toBe(true);
    expect(outcomes.size).toBe(count);
    expect(smOps(fx.emu, 'BatchGetSecretValue')).toHaveLength(calls);
  });

  it('de-duplicates ids: 45 keys naming 15 secrets take one call, every key gets its value', async () => {
    const p = await sm({ prefix: 'batch/' });
    fx.emu.control.clearRequests();
    const requests = Array.from({ length: 45 }, (_, i) => ({ key: `K${i}`, value: `s${i % 15}` }));
    const outcomes = await p.getMany!(requests);
    for (let i = 0; i < 45; i++) expect(outcomes.get(`K${i}`)).toEqual({ ok: true, value: `value-${i % 15}` });
    const calls = smOps(fx.emu, 'BatchGetSecretValue');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.resources).toHaveLength(15);
  });

  it('matches batch results by ARN and partial ARN as well as by name', async () => {
    const arn = (await fx.admin.send(new DescribeSecretCommand({ SecretId: 'database-url' }))).ARN!;
    const p = await sm();
    const outcomes = await p.getMany!([
      { key: 'BY_NAME', value: 'database-url' },
      { key: 'BY_ARN', value: arn },
      { key: 'BY_PARTIAL_ARN', value: arn.slice(0, -7) },
    ]);
    for (const key of ['BY_NAME', 'BY_ARN', 'BY_PARTIAL_ARN']) expect(outcomes.get(key)).toEqual({ ok: true, value: 'postgres://bare' });
  });

  it('reports failures per key while the others resolve', async () => {
    const [disabled] = fx.emu.control.seed({ keys: [{ enabled: false }] }).keys;
    fx.emu.control.seed({
      secrets: [
        { name: 'partial/ok', secretString: 'fine' },
        { name: 'partial/binary', secretBinary: Buffer.from([0, 1, 2]).toString('base64') },
        { name: 'partial/deleted', secretString: 'gone soon' },
        { name: 'partial/undecryptable', secretString: 'locked', kmsKeyId: disabled!.keyId },
      ],
    });
    await fx.admin.send(new DeleteSecretCommand({ SecretId: 'partial/deleted' }));
    const p = await sm({ prefix: 'partial/' });
    const outcomes = await p.getMany!([
      { key: 'OK', value: 'ok' },
      { key: 'MISSING', value: 'missing' },
      { key: 'BINARY', value: 'binary' },
      { key: 'DELETED', value: 'deleted' },
      { key: 'UNDECRYPTABLE', value: 'undecryptable' },
    ]);
    expect(outcomes.get('OK')).toEqual({ ok: true, value: 'fine' });
    const failed = (key: string) => {
      const outcome = outcomes.get(key);
      if (!outcome || outcome.ok) throw new Error(`${key} should have failed`);
      return { code: outcome.error.code, message: outcome.error.message };
    };
    expect(failed('MISSING')).toEqual({ code: 'not-found', message: "AWS Secrets Manager: secret 'partial/missing' not found" });
    expect(failed('BINARY')).toEqual({ code: 'invalid-response', message: "AWS Secrets Manager: invalid response: Secret 'partial/binary' has no string value" });
    expect(failed('DELETED')).toEqual({ code: 'not-found', message: "AWS Secrets Manager: secret 'partial/deleted' is scheduled for deletion" });
    expect(failed('UNDECRYPTABLE')).toMatchObject({ code: 'decrypt', message: expect.stringContaining("AWS Secrets Manager: cannot decrypt secret 'partial/undecryptable'") });
    // Batch and single reads agree on every key.
    for (const key of ['MISSING', 'BINARY', 'DELETED', 'UNDECRYPTABLE']) {
      const value = key.toLowerCase();
      await expect(p.get({ key, value })).rejects.toMatchObject({ code: failed(key).code, message: failed(key).message });
    }
  });

  it('a whole batch call that fails gives every key of that call the error', async () => {
    const p = await sm({ prefix: 'batch/' });
    fx.emu.control.addFault({ service: 'secretsmanager', operation: 'BatchGetSecretValue', action: { type: 'error', errorType: 'InternalServiceError', status: 500, message: 'boom' } });
    const outcomes = await p.getMany!([{ key: 'A', value: 's1' }, { key: 'B', value: 's2' }]);
    for (const outcome of outcomes.values()) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'api', message: 'AWS Secrets Manager: API error: InternalServiceError: boom (after 3 attempts)' });
    }
  });

  it('falls back to GetSecretValue per secret when BatchGetSecretValue is denied by IAM', async () => {
    const ctx = makeContext({ env: emulatorEnv(fx.emu.url) });
    const p = await makeProvider({ region: 'us-east-1', endpoint: fx.emu.url, prefix: 'batch/' }, ctx);
    fx.emu.control.addFault({ service: 'secretsmanager', operation: 'BatchGetSecretValue', action: { type: 'error', errorType: 'AccessDeniedException', status: 400, message: 'not authorized to perform: secretsmanager:BatchGetSecretValue' } });
    fx.emu.control.clearRequests();
    const outcomes = await p.getMany!(Array.from({ length: 25 }, (_, i) => ({ key: `S${i}`, value: `s${i}` })));
    for (let i = 0; i < 25; i++) expect(outcomes.get(`S${i}`)).toEqual({ ok: true, value: `value-${i}` });
    expect(smOps(fx.emu, 'GetSecretValue')).toHaveLength(25);
    expect(smOps(fx.emu, 'BatchGetSecretValue').length).toBeGreaterThanOrEqual(1);
    expect(ctx.debugs.join('\n')).toContain('reading');
  });
});

describe('writes', () => {
  it('put creates a missing secret, then adds a version (AWSPREVIOUS kept); returns the name without prefix', async () => {
    const p = await sm({ prefix: 'writes/' });
    fx.emu.control.clearRequests();
    expect(await p.put!('api-key', 'first')).toBe('api-key');
    expect(await p.put!('api-key', 'second')).toBe('api-key');
    expect(smOps(fx.emu).map((r) => r.operation)).toEqual(['PutSecretValue', 'CreateSecret', 'PutSecretValue']);
    expect(await p.get({ key: 'API_KEY', value: 'api-key' })).toBe('second');
    const described = await fx.admin.send(new DescribeSecretCommand({ SecretId: 'writes/api-key' }));
    expect(Object.values(described.VersionIdsToStages ?? {}).flat().sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
    const previous = await fx.admin.send(new GetSecretValueCommand({ SecretId: 'writes/api-key', VersionStage: 'AWSPREVIOUS' }));
    expect(previous.SecretString).toBe('first');
  });

  it('put writes a new version when the secret was created concurrently between the two calls', async () => {
    const p = await sm({ prefix: 'race/' });
    // PutSecretValue says not found, then someone else creates it: CreateSecret fails with ResourceExists.
    fx.emu.control.addFault({ service: 'secretsmanager', operation: 'PutSecretValue', times: 1, action: { type: 'error', errorType: 'ResourceNotFoundException', status: 400, message: "Secrets Manager can't find the specified secret." } });
    await fx.admin.send(new CreateSecretCommand({ Name: 'race/token', SecretString: 'theirs' }));
    expect(await p.put!('token', 'ours')).toBe('token');
    expect(await p.get({ key: 'T', value: 'token' })).toBe('ours');
  });

  it('remove deletes the remote secret with a recovery window; removing a missing one is fine', async () => {
    const p = await sm({ prefix: 'remove/' });
    await p.put!('temp', 'short-lived');
    await p.remove!({ key: 'TEMP', value: 'temp' });
    await expect(p.get({ key: 'TEMP', value: 'temp' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('scheduled for deletion') });
    await p.remove!({ key: 'NONE', value: 'never-existed' });
  });

  it('list pages through ListSecrets and returns names under the prefix only, prefix stripped', async () => {
    fx.emu.control.seed({
      secrets: [
        ...Array.from({ length: 130 }, (_, i) => ({ name: `listed/n${String(i).padStart(3, '0')}`, secretString: 'x' })),
        { name: 'LISTED/upper', secretString: 'x' },
        { name: 'other/n1', secretString: 'x' },
      ],
    });
    const p = await sm({ prefix: 'listed/' });
    fx.emu.control.clearRequests();
    const names: string[] = [];
    for await (const name of p.list!()) names.push(name);
    expect(names.sort()).toEqual(Array.from({ length: 130 }, (_, i) => `n${String(i).padStart(3, '0')}`));
    expect(smOps(fx.emu, 'ListSecrets').length).toBeGreaterThanOrEqual(2);
  });

  it('check() lists one secret', async () => {
    const p = await sm();
    fx.emu.control.clearRequests();
    await p.check!();
    expect(smOps(fx.emu).map((r) => r.operation)).toEqual(['ListSecrets']);
  });
});

import { CreateKeyCommand, DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { KMSClient } from '@aws-sdk/client-kms';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, start, type RunningEmulator } from '../src/index.js';
import { amzStamp, computeSignature } from '../src/sigv4.js';
import { clients, rejection } from './helpers.js';

const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());

describe('SigV4 verification', () => {
  it('rejects an unknown access key like AWS (JSON services and STS)', async () => {
    const c = clients(emu.url, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' });
    const kms = await rejection(c.kms.send(new ListKeysCommand({})));
    expect([kms.name, kms.message, kms.$metadata?.httpStatusCode]).toEqual([
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      400,
    ]);
    expect((await rejection(c.sm.send(new GetSecretValueCommand({ SecretId: 'x' })))).name).toBe('UnrecognizedClientException');
    const sts = await rejection(c.sts.send(new GetCallerIdentityCommand({})));
    expect([sts.name, sts.message, sts.$metadata?.httpStatusCode]).toEqual([
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
    ]);
  });

  it('rejects a wrong secret key with the signature-mismatch message', async () => {
    const c = clients(emu.url, { accessKeyId: 'test', secretAccessKey: 'wrong' });
    const e = await rejection(c.kms.send(new ListKeysCommand({})));
    expect([e.name, e.message]).toEqual(['InvalidSignatureException', BAD_SIGNATURE]);
    expect((await rejection(c.sts.send(new GetCallerIdentityCommand({})))).name).toBe('SignatureDoesNotMatch');
  });

  it('in strict mode rejects a request signed for another region', async () => {
    const strict = await start({ regions: ['us-east-1'] });
    await clients(strict.url, { region: 'us-east-1' }).kms.send(new ListKeysCommand({}));
    const eu = clients(strict.url, { region: 'eu-west-1' });
    const e = await rejection(eu.kms.send(new ListKeysCommand({})));
    expect(e.name).toBe('InvalidSignatureException');
    expect(e.message.trim()).toBe("Credential should be scoped to a valid region, not 'eu-west-1'.");
    expect((await rejection(eu.sts.send(new GetCallerIdentityCommand({})))).name).toBe('SignatureDoesNotMatch');
    expect(strict.control.requests().map((r) => [r.region, r.status])).toEqual([
      ['us-east-1', 200],
      ['eu-west-1', 400],
      ['eu-west-1', 403],
    ]);
    await strict.stop();
  });

  it('partitions state by region so a wrong region surfaces as NotFound (default mode)', async () => {
    const west = clients(emu.url, { region: 'us-west-2' }).kms;
    const key = (await west.send(new CreateKeyCommand({}))).KeyMetadata;
    expect(key?.Arn).toContain(':us-west-2:');
    const east = clients(emu.url, { region: 'us-east-1' }).kms;
    expect((await rejection(east.send(new DescribeKeyCommand({ KeyId: key?.KeyId })))).name).toBe('NotFoundException');
    const byArn = await rejection(east.send(new DescribeKeyCommand({ KeyId: key?.Arn })));
    expect([byArn.name, byArn.message]).toEqual(['NotFoundException', 'Invalid arn us-west-2']);
  });

  it('requires the session token of temporary credentials and expires them', async () => {
    const local = await start({
      credentials: [{ accessKeyId: 'ASIATEMP', secretAccessKey: 's', sessionToken: 'tok', expiration: Date.now() + 3_600_000 }],
    });
    const withToken = clients(local.url, { accessKeyId: 'ASIATEMP', secretAccessKey: 's', sessionToken: 'tok' });
    await withToken.kms.send(new ListKeysCommand({}));
    const without = clients(local.url, { accessKeyId: 'ASIATEMP', secretAccessKey: 's' });
    expect((await rejection(without.kms.send(new ListKeysCommand({})))).name).toBe('UnrecognizedClientException');
    local.control.advanceClock(2 * 3_600_000);
    const expired = await rejection(withToken.kms.send(new ListKeysCommand({})));
    expect([expired.name, expired.message]).toEqual(['ExpiredTokenException', 'The security token included in the request is expired']);
    expect((await rejection(withToken.sts.send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
    await local.stop();
  });

  it('answers clock skew with "Signature expired", which the SDK corrects and retries', async () => {
    const local = await start();
    const skewed = new KMSClient({ ...awsClientConfig(local.url), systemClockOffset: -15 * 60_000 });
    await skewed.send(new ListKeysCommand({}));
    const log = local.control.requests();
    expect(log.map((r) => [r.status, r.errorType])).toEqual([
      [400, 'InvalidSignatureException'],
      [200, undefined],
    ]);
    await local.stop();
  });

  it('answers raw requests: missing auth, malformed auth, wrong service scope', async () => {
    const post = (headers: Record<string, string>, body = '{}') =>
      fetch(emu.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys', ...headers }, body });
    const missing = await post({});
    expect([missing.status, await missing.json()]).toEqual([400, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' }]);
    const malformed = await post({ authorization: 'AWS4-HMAC-SHA256 Credential=test' });
    expect(((await malformed.json()) as { __type: string }).__type).toBe('IncompleteSignatureException');

    // Correctly signed, but scoped to secretsmanager while calling KMS.
    const amzDate = amzStamp(Date.now());
    const host = new URL(emu.url).host;
    const headers: Record<string, string> = { host, 'x-amz-date': amzDate, 'x-amz-target': 'TrentService.ListKeys' };
    const claims = { accessKeyId: 'test', date: amzDate.slice(0, 8), region: 'us-east-1', service: 'secretsmanager', signedHeaders: ['host', 'x-amz-date', 'x-amz-target'], signature: '' };
    const signature = computeSignature({ method: 'POST', url: '/', headers, body: Buffer.from('{}') }, claims, 'test', amzDate);
    const scoped = await post({
      'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=test/${claims.date}/us-east-1/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=${signature}`,
    });
    const body = (await scoped.json()) as { __type: string; message: string };
    expect([body.__type, body.message.trim()]).toEqual(['InvalidSignatureException', "Credential should be scoped to correct service: 'kms'."]);
  });

  it('logs which access key and region signed each request', async () => {
    emu.control.addCredentials({ accessKeyId: 'AKIAPROFILEB', secretAccessKey: 'b', accountId: '333333333333' });
    emu.control.clearRequests();
    await clients(emu.url, { accessKeyId: 'AKIAPROFILEB', secretAccessKey: 'b', region: 'ap-south-1' }).kms.send(new ListKeysCommand({}));
    expect(emu.control.requests()).toMatchObject([
      { service: 'kms', operation: 'ListKeys', target: 'TrentService.ListKeys', accessKeyId: 'AKIAPROFILEB', accountId: '333333333333', region: 'ap-south-1', status: 200, attempt: 1 },
    ]);
  });
});

import { CreateKeyCommand, DescribeKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../src/index.js';
import { clients, rejection } from './helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ credentials: [{ accessKeyId: 'AKIAALICE', secretAccessKey: 'alice', accountId: '123456789012', userName: 'alice' }] });
});
afterAll(() => emu.stop());

describe('STS', () => {
  it('reports the caller identity of root and IAM-user keys', async () => {
    expect(await clients(emu.url).sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:root',
      UserId: '000000000000',
    });
    const alice = await clients(emu.url, { accessKeyId: 'AKIAALICE', secretAccessKey: 'alice' }).sts.send(new GetCallerIdentityCommand({}));
    expect(alice).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice' });
    expect(alice.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it('assumes a role whose temporary credentials are then accepted, in the role\'s account', async () => {
    const { sts } = clients(emu.url);
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/deploy', RoleSessionName: 'ci-run', DurationSeconds: 900 }));
    const creds = out.Credentials;
    expect(creds?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds?.Expiration).toBeInstanceOf(Date);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111111111111:assumed-role/deploy/ci-run');
    const role = clients(emu.url, {
      accessKeyId: creds?.AccessKeyId,
      secretAccessKey: creds?.SecretAccessKey,
      sessionToken: creds?.SessionToken,
    });
    expect(await role.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: '111111111111',
      Arn: 'arn:aws:sts::111111111111:assumed-role/deploy/ci-run',
      UserId: `${out.AssumedRoleUser?.AssumedRoleId}`,
    });
    const key = (await role.kms.send(new CreateKeyCommand({}))).KeyMetadata;
    expect(key?.AWSAccountId).toBe('111111111111');
    await role.sm.send(new CreateSecretCommand({ Name: 'role-secret', SecretString: 'r' }));
    expect((await role.sm.send(new GetSecretValueCommand({ SecretId: 'role-secret' }))).ARN).toContain(':111111111111:');
    // The default account does not see the role account's resources.
    expect((await rejection(clients(emu.url).kms.send(new DescribeKeyCommand({ KeyId: key?.KeyId })))).name).toBe('NotFoundException');
    expect(emu.control.requests({ operation: 'CreateKey' }).at(-1)).toMatchObject({ accessKeyId: creds?.AccessKeyId, accountId: '111111111111' });
    // After DurationSeconds the credentials expire.
    emu.control.advanceClock(901_000);
    expect((await rejection(role.kms.send(new ListKeysCommand({})))).name).toBe('ExpiredTokenException');
  });

  it('issues session tokens and validates AssumeRole input', async () => {
    const { sts } = clients(emu.url);
    const session = await sts.send(new GetSessionTokenCommand({}));
    const fromSession = clients(emu.url, {
      accessKeyId: session.Credentials?.AccessKeyId,
      secretAccessKey: session.Credentials?.SecretAccessKey,
      sessionToken: session.Credentials?.SessionToken,
    });
    expect((await fromSession.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::000000000000:root');
    const bad = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn-at-all-xx', RoleSessionName: 'x1' })));
    expect([bad.name, bad.$metadata?.httpStatusCode]).toEqual(['ValidationError', 400]);
    const short = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/r', RoleSessionName: 'x', DurationSeconds: 60 })));
    expect(short.name).toBe('ValidationError');
  });
});

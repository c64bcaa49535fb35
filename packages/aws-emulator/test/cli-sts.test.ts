import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../src/index.js';
import { aws } from './helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());

describe('aws CLI (botocore v1) against STS and SigV4 checks', () => {
  it('assumes a role and uses the returned temporary credentials', async () => {
    const me = await aws(emu.url, ['sts', 'get-caller-identity']);
    expect(me.json).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
    const assumed = await aws(emu.url, ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::444455556666:role/ci', '--role-session-name', 'cli-test']);
    expect(assumed.code, assumed.stderr).toBe(0);
    const c = assumed.json.Credentials;
    const asRole = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    const [identity, created] = await Promise.all([
      aws(emu.url, ['sts', 'get-caller-identity'], asRole),
      aws(emu.url, ['secretsmanager', 'create-secret', '--name', 'role/secret', '--secret-string', 'x'], asRole),
    ]);
    expect(identity.json).toMatchObject({ Account: '444455556666', Arn: 'arn:aws:sts::444455556666:assumed-role/ci/cli-test' });
    expect(created.json.ARN).toContain(':444455556666:secret:role/secret-');
    expect(emu.control.requests({ operation: 'CreateSecret' })).toMatchObject([{ accessKeyId: c.AccessKeyId, accountId: '444455556666' }]);
  });

  it('fails like AWS for an unknown key and (strict mode) a wrong region', async () => {
    const strict = await start({ regions: ['us-east-1'] });
    const [unknownSts, unknownKms, wrongRegion] = await Promise.all([
      aws(strict.url, ['sts', 'get-caller-identity'], { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' }),
      aws(strict.url, ['kms', 'list-keys'], { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' }),
      aws(strict.url, ['kms', 'list-keys'], { region: 'eu-west-1' }),
    ]);
    await strict.stop();
    expect(unknownSts.stderr).toContain(
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    );
    expect(unknownKms.stderr).toContain(
      'An error occurred (UnrecognizedClientException) when calling the ListKeys operation: The security token included in the request is invalid.',
    );
    expect(wrongRegion.stderr).toContain(
      "An error occurred (InvalidSignatureException) when calling the ListKeys operation: Credential should be scoped to a valid region, not 'eu-west-1'.",
    );
  });
});

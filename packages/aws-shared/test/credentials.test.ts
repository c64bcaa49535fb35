import { start, type RunningEmulator } from '@fnox/aws-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsSettings, credentialSource, lazySdkClient, ROLE_SESSION_NAME, sdkModuleLoader, type AwsService, type CredentialSource } from '../src/index.js';
import { emulatorEnv, expectProviderError } from '@fnox/test-kit/aws';

const SERVICE: AwsService = { display: 'AWS Test', prefix: 'test', envId: 'TEST' };
const ROLE = 'arn:aws:iam::111122223333:role/reader';
let emu: RunningEmulator;
const open: CredentialSource[] = [];

beforeAll(async () => {
  emu = await start();
});
afterEach(() => {
  for (const source of open.splice(0)) source.dispose();
  emu.control.clearFaults();
  emu.control.clearRequests();
});
afterAll(async () => {
  await emu.stop();
});

function source(fields: { role_arn?: string } = {}, signal = new AbortController().signal): CredentialSource {
  const settings = awsSettings(SERVICE, { region: 'us-east-1', endpoint: emu.url, ...fields }, emulatorEnv(emu.url), () => {});
  const made = credentialSource(settings, 'p', signal);
  open.push(made);
  return made;
}

describe('credentialSource', () => {
  it('without role_arn hands the static keys of ctx.env to the client', () => {
    expect(source().credentials).toMatchObject({ accessKeyId: emulatorEnv(emu.url).AWS_ACCESS_KEY_ID });
  });

  it('with role_arn assumes the role once (session name fnox), shared by concurrent callers', async () => {
    const credentials = source({ role_arn: ROLE }).credentials as () => Promise<{ accessKeyId: string }>;
    const [a, b] = await Promise.all([credentials(), credentials()]);
    expect(a.accessKeyId).toMatch(/^ASIA/);
    expect(b).toEqual(a);
    expect(await credentials()).toEqual(a);
    const calls = emu.control.requests({ service: 'sts', operation: 'AssumeRole' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.resources).toContain(ROLE);
    expect(ROLE_SESSION_NAME).toBe('fnox');
  });

  it('a denied AssumeRole names the role and is retried on the next call', async () => {
    emu.control.addFault({ service: 'sts', operation: 'AssumeRole', times: 1, action: { type: 'error', errorType: 'AccessDenied', status: 403, message: 'not authorized' } });
    const credentials = source({ role_arn: ROLE }).credentials as () => Promise<unknown>;
    await expectProviderError(credentials(), {
      code: 'denied',
      message: `AWS Test: could not assume role '${ROLE}': access denied: sts:AssumeRole on role '${ROLE}'`,
      hint: "trust policy",
    });
    await expect(credentials()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });
});

describe('lazySdkClient', () => {
  const settings = () => awsSettings(SERVICE, { region: 'us-east-1' }, {}, () => {});
  const fake = () => {
    const made: { options: Record<string, unknown>; destroyed: boolean }[] = [];
    const construct = (_sdk: string, options: Record<string, unknown>) => {
      const client = { options, destroyed: false, destroy: () => void (client.destroyed = true) };
      made.push(client);
      return client;
    };
    return { made, construct };
  };

  it('loads and builds once on first use, applies overrides last, destroys on dispose', async () => {
    const { made, construct } = fake();
    let loads = 0;
    const lazy = lazySdkClient(settings(), 'p', new AbortController().signal, { load: async () => `sdk${++loads}`, construct }, { clientConfig: { region: 'eu-north-1' } });
    expect(made).toHaveLength(0);
    const [first, second] = await Promise.all([lazy.get(), lazy.get()]);
    expect(first).toBe(second);
    expect(first.sdk).toBe('sdk1');
    expect(made[0]!.options).toMatchObject({ region: 'eu-north-1', requestHandler: { throwOnRequestTimeout: true } });
    await lazy.dispose();
    expect(made[0]!.destroyed).toBe(true);
  });

  it('uses a client given by the caller and never destroys it', async () => {
    const own = { destroyed: false, destroy() { this.destroyed = true; } };
    const lazy = lazySdkClient(settings(), 'p', new AbortController().signal, { load: async () => 'sdk', construct: () => ({ destroy() {} }) }, { client: own });
    expect((await lazy.get()).client).toBe(own);
    await lazy.dispose();
    expect(own.destroyed).toBe(false);
  });

  it('a module that cannot load is a config error with a reinstall hint, and the next call tries again', async () => {
    let attempt = 0;
    const load = sdkModuleLoader(SERVICE, '@aws-sdk/client-test', async () => {
      if (++attempt === 1) throw new Error("Cannot find package '@aws-sdk/client-test'\nRequire stack: ...");
      return 'sdk';
    });
    await expectProviderError(load(), { code: 'config', message: "AWS Test: cannot load @aws-sdk/client-test (Cannot find package '@aws-sdk/client-test')", hint: 'Reinstall the provider plugin' });
    expect(await load()).toBe('sdk');
  });
});

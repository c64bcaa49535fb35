import { describe, expect, it } from 'vitest';
import { awsClientConfig, hermeticAwsEnv } from '../src/index.js';

describe('hermeticAwsEnv', () => {
  it('drops every inherited AWS_* and proxy variable and points all endpoints at the emulator', () => {
    const env = hermeticAwsEnv('http://127.0.0.1:4566', {
      base: {
        PATH: '/usr/bin',
        HOME: '/home/dev',
        AWS_PROFILE: 'prod',
        AWS_SESSION_TOKEN: 'real',
        AWS_ROLE_ARN: 'arn:aws:iam::1:role/x',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
        HTTPS_PROXY: 'http://proxy:3128',
      },
      region: 'eu-central-1',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/dev',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'eu-central-1',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
      NO_PROXY: '127.0.0.1,localhost,::1',
      no_proxy: '127.0.0.1,localhost,::1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_KMS: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4566',
    });
  });

  it('can carry session credentials and leave endpoints unset', () => {
    const env = hermeticAwsEnv('http://127.0.0.1:1', { base: {}, accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't', endpoints: false });
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAX', AWS_SESSION_TOKEN: 't' });
    expect(env).not.toHaveProperty('AWS_ENDPOINT_URL');
  });

  it('builds SDK client config with explicit credentials', () => {
    expect(awsClientConfig('http://127.0.0.1:9', { region: 'us-west-2' })).toEqual({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-west-2',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
});

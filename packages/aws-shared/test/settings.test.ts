import { describe, expect, it } from 'vitest';
import { awsFieldIssues, awsSettings, clientOptions, constructQuietly, DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, type AwsService } from '../src/index.js';

const SERVICE: AwsService = { display: 'AWS Test', prefix: 'test', envId: 'TEST' };

function settings(fields: Record<string, string> = {}, env: Record<string, string> = {}) {
  const warnings: string[] = [];
  return { warnings, settings: awsSettings(SERVICE, { region: 'eu-west-1', ...fields }, env, (m) => void warnings.push(m)) };
}

describe('awsSettings', () => {
  it('defaults: the AWS endpoint label, fnox timeouts, the SDK decides attempts and credentials', () => {
    const { settings: s } = settings();
    expect(s).toMatchObject({ endpoint: undefined, endpointLabel: 'https://test.eu-west-1.amazonaws.com', profile: undefined, roleArn: undefined, maxAttempts: undefined, credentials: undefined });
    expect(s.connectionTimeoutMs).toBe(DEFAULT_CONNECTION_TIMEOUT_MS);
    expect(s.requestTimeoutMs).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
  });

  it('endpoint: the table beats AWS_ENDPOINT_URL_<ID>, which beats AWS_ENDPOINT_URL; the table endpoint serves STS too', () => {
    const env = { AWS_ENDPOINT_URL: 'http://all', AWS_ENDPOINT_URL_TEST: 'http://test', AWS_ENDPOINT_URL_STS: 'http://sts' };
    expect(settings({}, env).settings).toMatchObject({ endpoint: 'http://test', stsEndpoint: 'http://sts' });
    expect(settings({}, { AWS_ENDPOINT_URL: 'http://all' }).settings).toMatchObject({ endpoint: 'http://all', stsEndpoint: 'http://all' });
    expect(settings({ endpoint: 'http://table' }, env).settings).toMatchObject({ endpoint: 'http://table', stsEndpoint: 'http://table', endpointLabel: 'http://table' });
    expect(settings({}, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).settings).toMatchObject({ endpoint: undefined, stsEndpoint: undefined });
  });

  it('static keys from ctx.env are used only when no profile is in play', () => {
    const keys = { AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' };
    expect(settings({}, keys).settings.credentials).toEqual({ accessKeyId: 'AKIA1', secretAccessKey: 's', sessionToken: 't' });
    expect(settings({ profile: 'dev' }, keys).settings).toMatchObject({ profile: 'dev', credentials: undefined });
    expect(settings({}, { ...keys, AWS_PROFILE: 'env-profile' }).settings).toMatchObject({ profile: 'env-profile', credentials: undefined });
  });

  it('reads AWS_MAX_ATTEMPTS and the fnox timeouts; a bad value warns and keeps the default', () => {
    const ok = settings({}, { AWS_MAX_ATTEMPTS: '5', FNOX_AWS_CONNECT_TIMEOUT_MS: '250', FNOX_AWS_TIMEOUT_MS: '900' }).settings;
    expect(ok).toMatchObject({ maxAttempts: 5, connectionTimeoutMs: 250, requestTimeoutMs: 900 });
    const bad = settings({}, { AWS_MAX_ATTEMPTS: '0', FNOX_AWS_TIMEOUT_MS: 'soon' });
    expect(bad.settings).toMatchObject({ maxAttempts: undefined, requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS });
    expect(bad.warnings).toEqual(["Ignoring AWS_MAX_ATTEMPTS='0': expected a positive integer", "Ignoring FNOX_AWS_TIMEOUT_MS='soon': expected a positive integer"]);
  });
});

describe('clientOptions', () => {
  it('always sets explicit timeouts and pooled sockets; sets endpoint, profile and attempts only when known', () => {
    const { settings: s } = settings({ profile: 'dev' }, { AWS_MAX_ATTEMPTS: '2' });
    expect(clientOptions(s, 'http://x')).toMatchObject({
      region: 'eu-west-1',
      endpoint: 'http://x',
      profile: 'dev',
      maxAttempts: 2,
      requestHandler: { connectionTimeout: DEFAULT_CONNECTION_TIMEOUT_MS, requestTimeout: DEFAULT_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    });
    expect(Object.keys(clientOptions(settings().settings, undefined)).sort()).toEqual(['region', 'requestHandler']);
  });
});

describe('awsFieldIssues', () => {
  it('names each malformed field; well-formed fields (any partition, role paths) pass', () => {
    expect(awsFieldIssues({ region: 'US East', endpoint: 'localhost:4566', role_arn: 'arn:aws:iam::123:role/x' }).map(([field]) => field)).toEqual(['region', 'endpoint', 'role_arn']);
    expect(awsFieldIssues({ region: 'cn-north-1', endpoint: 'http://localhost:4566', role_arn: 'arn:aws-cn:iam::123456789012:role/team/kms' })).toEqual([]);
  });
});

describe('constructQuietly', () => {
  const NAME = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

  it('silences the SDK Node-version warning during construction only, and leaves a user setting alone', () => {
    const saved = process.env[NAME];
    try {
      delete process.env[NAME];
      expect(constructQuietly(() => process.env[NAME])).toBe('true');
      expect(process.env[NAME]).toBeUndefined();
      process.env[NAME] = 'false';
      expect(constructQuietly(() => process.env[NAME])).toBe('false');
      expect(process.env[NAME]).toBe('false');
    } finally {
      if (saved === undefined) delete process.env[NAME];
      else process.env[NAME] = saved;
    }
  });
});

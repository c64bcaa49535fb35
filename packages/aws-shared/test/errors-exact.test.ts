/**
 * Every branch of the common AWS error mapping, asserted to the exact message and hint users see:
 * a hint that silently goes empty or a detail that drifts is a support ticket. (Found by mutation
 * testing: `npm run mutation -- aws-shared`.)
 */
import { describe, expect, it } from 'vitest';
import { attemptCount, awsSettings, errorName, mapAwsError, safeCause, type AwsCallContext } from '../src/index.js';

const service = { display: 'AWS Test', prefix: 'test', envId: 'TEST' };
const settings = awsSettings(service, { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }, {}, () => {});
const ctx: AwsCallContext = { settings, providerName: 'p', action: 'test:Read', subject: "thing 'a'" };

function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name }, extra);
}

const mapped = (error: unknown, context: AwsCallContext = ctx) => {
  const e = mapAwsError(error, context);
  return { code: e.code, message: e.message, hint: e.hint, diagnostic: e.diagnostic };
};

const REJECTED = "The credentials were rejected: check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile, and that region 'us-east-1' is right";
const EXPIRED = 'Your AWS session expired: refresh your credentials or run `aws sso login`';
const NETWORK_HINT = "Check the endpoint (provider 'endpoint', AWS_ENDPOINT_URL_TEST or AWS_ENDPOINT_URL), the region and your network or proxy";

describe('credentials and authentication', () => {
  it('no credentials, no detail: says so, and suggests keys, a profile or sso', () => {
    expect(mapped(sdkError('CredentialsProviderError', ''))).toEqual({
      code: 'auth',
      message: 'AWS Test: authentication failed: no AWS credentials found',
      hint: "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pick a profile (AWS_PROFILE or the provider's `profile`), or run `aws sso login`",
      diagnostic: 'fnox::provider::auth_failed',
    });
  });

  it('with a profile, the hint names the profile and its sso login', () => {
    const withProfile = awsSettings(service, { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', profile: 'dev' }, {}, () => {});
    expect(mapped(sdkError('TokenProviderError', 'sso token missing'), { ...ctx, settings: withProfile })).toMatchObject({
      message: 'AWS Test: authentication failed: no usable AWS credentials (sso token missing)',
      hint: "Check profile 'dev' in your AWS config files, or run `aws sso login --profile dev`",
    });
  });

  it('rejected credentials: the name and message, and a hint about keys and region', () => {
    expect(mapped(sdkError('InvalidSignatureException', 'bad sig'))).toEqual({
      code: 'auth',
      message: 'AWS Test: authentication failed: InvalidSignatureException: bad sig',
      hint: REJECTED,
      diagnostic: 'fnox::provider::auth_failed',
    });
  });

  it('expiry is recognised by the error name alone, or by the message alone', () => {
    expect(mapped(sdkError('ExpiredTokenException', 'token is old')).hint).toBe(EXPIRED);
    expect(mapped(sdkError('UnrecognizedClientException', 'The token has Expired')).hint).toBe(EXPIRED);
  });
});

describe('access denied', () => {
  it('without a message: action and subject only; the hint names them and the region', () => {
    expect(mapped(sdkError('AccessDeniedException', ''))).toEqual({
      code: 'denied',
      message: "AWS Test: access denied: test:Read on thing 'a'",
      hint: "Check IAM permissions for test:Read on thing 'a' (region us-east-1)",
      diagnostic: undefined,
    });
  });

  it("adds the provider's own denied hint after a semicolon", () => {
    expect(mapped(sdkError('AccessDenied', 'nope'), { ...ctx, deniedHint: 'grant kms:Decrypt' }).hint).toBe(
      "Check IAM permissions for test:Read on thing 'a' (region us-east-1); grant kms:Decrypt",
    );
  });
});

describe('throttling, cancellation, network, timeouts, TLS, garbage', () => {
  it('HTTP 429 under any name is throttling; one attempt is not called a retry', () => {
    expect(mapped(sdkError('Whatever', 'slow down', { $metadata: { httpStatusCode: 429, attempts: 1 } }))).toEqual({
      code: 'throttled',
      message: 'AWS Test: request throttled (Whatever: slow down)',
      hint: 'AWS is rate-limiting this account and region: try again shortly, or raise AWS_MAX_ATTEMPTS to retry longer',
      diagnostic: undefined,
    });
  });

  it('cancelled: names the endpoint; the hint says why it can happen', () => {
    expect(mapped(sdkError('AbortError', 'aborted')).hint).toBe('The command was interrupted or ran out of time');
  });

  it('a network code: the endpoint settings to check', () => {
    expect(mapped(sdkError('Error', 'socket hang up', { code: 'ECONNRESET' }))).toMatchObject({
      message: 'AWS Test: cannot reach http://127.0.0.1:9: connection reset (ECONNRESET)',
      hint: NETWORK_HINT,
    });
  });

  it('ETIMEDOUT under any name is a request timeout, with the setting to raise', () => {
    expect(mapped(sdkError('Error', 'x', { code: 'ETIMEDOUT' }))).toMatchObject({
      code: 'timeout',
      message: 'AWS Test: request to http://127.0.0.1:9 timed out (no answer within 15000 ms)',
      hint: 'Check network access to http://127.0.0.1:9; set FNOX_AWS_TIMEOUT_MS (milliseconds) to wait longer',
    });
  });

  it('a connect timeout after retries says "each" and names the connect setting', () => {
    expect(mapped(sdkError('TimeoutError', 'could not establish a connection', { $metadata: { attempts: 2 } }))).toMatchObject({
      message: 'AWS Test: could not connect to http://127.0.0.1:9 after 2 attempts (5000 ms each)',
      hint: 'Check network access to http://127.0.0.1:9; set FNOX_AWS_CONNECT_TIMEOUT_MS (milliseconds) to wait longer',
    });
  });

  it('TLS: the proxy CA hint', () => {
    expect(mapped(sdkError('Error', 'x', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })).hint).toBe(
      'Check the endpoint URL; behind a TLS-inspecting proxy set NODE_EXTRA_CA_CERTS',
    );
  });

  it('a deserialization failure under any name is an invalid response', () => {
    expect(mapped(sdkError('Error', 'Deserialization error: to see the raw response, inspect the hidden field'))).toEqual({
      code: 'invalid-response',
      message: 'AWS Test: invalid response: http://127.0.0.1:9 did not answer with a valid AWS Test response (Error)',
      hint: 'Check that the endpoint points at AWS Test (or a compatible emulator)',
      diagnostic: 'fnox::provider::invalid_response',
    });
  });
});

describe('the API-error fallback', () => {
  it('a client error: the action was rejected, check the provider', () => {
    expect(mapped(sdkError('ValidationException', 'bad input', { $metadata: { httpStatusCode: 400 } }))).toEqual({
      code: 'api',
      message: 'AWS Test: API error: ValidationException: bad input',
      hint: "test:Read on thing 'a' was rejected; check provider 'p' (region us-east-1)",
      diagnostic: 'fnox::provider::api_error',
    });
  });

  it('HTTP 500 exactly, without a $fault, is a server failure', () => {
    expect(mapped(sdkError('Weird', 'x', { $metadata: { httpStatusCode: 500 } })).hint).toBe('AWS Test failed internally; try again later');
    expect(mapped(sdkError('Weird', 'x', { $metadata: { httpStatusCode: 499 } })).hint).toContain('was rejected');
  });

  it('an empty, UnknownError or name-only message adds nothing after the name', () => {
    for (const message of ['', 'UnknownError', 'Weird']) expect(mapped(sdkError('Weird', message)).message).toBe('AWS Test: API error: Weird');
  });

  it('only the first line of a message, trimmed', () => {
    expect(mapped(sdkError('Weird', '  first line  \nsecond line')).message).toBe('AWS Test: API error: Weird: first line');
  });

  it('a thrown non-Error, and an Error without a name, are reported as Error', () => {
    expect(mapped('boom string').message).toBe('AWS Test: API error: Error: boom string');
    expect(errorName(Object.assign(new Error('m'), { name: '' }))).toBe('Error');
    expect(errorName('plain')).toBe('Error');
  });
});

describe('redaction and the safe cause', () => {
  it('redacts a secret of 4 characters or more; shorter ones would redact ordinary words', () => {
    expect(mapped(sdkError('Weird', 'has abcd and xyz'), { ...ctx, secrets: ['abcd', 'xyz'] }).message).toBe('AWS Test: API error: Weird: has <redacted> and xyz');
  });

  it('the cause keeps name, first line, code and metadata, and nothing of the request', () => {
    const cause = safeCause(sdkError('X', 'm1 s3cr3t\nm2', { code: 'C', $metadata: { attempts: 2 }, $response: { body: 'b' } }), ['s3cr3t']) as Error & Record<string, unknown>;
    expect({ name: cause.name, message: cause.message, code: cause.code, $metadata: cause.$metadata, $response: cause.$response }).toEqual({
      name: 'X',
      message: 'X: m1 <redacted>',
      code: 'C',
      $metadata: { attempts: 2 },
      $response: undefined,
    });
    expect(safeCause('thrown text').message).toBe('Error: thrown text');
  });

  it('attempt counts only when the SDK gives a number', () => {
    expect(attemptCount(sdkError('X', '', { $metadata: { attempts: 3 } }))).toBe(3);
    expect(attemptCount(sdkError('X', '', { $metadata: { attempts: '3' } }))).toBeUndefined();
    expect(attemptCount(sdkError('X', ''))).toBeUndefined();
  });
});

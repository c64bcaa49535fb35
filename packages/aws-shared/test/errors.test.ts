import { ProviderError } from '@fnox/contract';
import { describe, expect, it } from 'vitest';
import { awsSettings, DIAGNOSTICS, mapAwsError, safeCause, type AwsCallContext } from '../src/index.js';
import { visibleText } from '@fnox/test-kit/aws';

const SECRET = 'hunter2-plaintext';
const settings = awsSettings({ display: 'AWS Test', prefix: 'test', envId: 'TEST' }, { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }, {}, () => {});
const ctx: AwsCallContext = { settings, providerName: 'p', action: 'test:Read', subject: "thing 'a'", secrets: [SECRET] };

/** An error shaped like the SDK's. */
function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name }, extra);
}

describe('mapAwsError', () => {
  it.each([
    [sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), 'auth', 'AWS Test: authentication failed: no usable AWS credentials (Could not load credentials from any providers)', DIAGNOSTICS.authFailed],
    [sdkError('ExpiredTokenException', 'The security token included in the request is expired'), 'auth', 'AWS Test: authentication failed: ExpiredTokenException: The security token included in the request is expired', DIAGNOSTICS.authFailed],
    [sdkError('AccessDeniedException', 'not authorized'), 'denied', "AWS Test: access denied: test:Read on thing 'a': not authorized", undefined],
    [sdkError('AccessDenied', 'not authorized'), 'denied', "AWS Test: access denied: test:Read on thing 'a': not authorized", undefined],
    [sdkError('ThrottlingException', 'Rate exceeded', { $metadata: { attempts: 3 } }), 'throttled', 'AWS Test: request throttled after 3 attempts (ThrottlingException: Rate exceeded)', undefined],
    [sdkError('AbortError', 'aborted'), 'timeout', 'AWS Test: request to http://127.0.0.1:9 was cancelled', undefined],
    [sdkError('Error', 'connect ECONNREFUSED', { code: 'ECONNREFUSED', $metadata: { attempts: 2 } }), 'network', 'AWS Test: cannot reach http://127.0.0.1:9 after 2 attempts: connection refused (ECONNREFUSED)', undefined],
    [sdkError('TimeoutError', 'Connection timed out: could not establish a connection'), 'timeout', 'AWS Test: could not connect to http://127.0.0.1:9 (5000 ms)', undefined],
    [sdkError('TimeoutError', 'Request timed out'), 'timeout', 'AWS Test: request to http://127.0.0.1:9 timed out (no answer within 15000 ms)', undefined],
    [sdkError('Error', 'self-signed', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'network', 'AWS Test: TLS failure talking to http://127.0.0.1:9 (DEPTH_ZERO_SELF_SIGNED_CERT)', undefined],
    [sdkError('SyntaxError', 'Unexpected token <'), 'invalid-response', 'AWS Test: invalid response: http://127.0.0.1:9 did not answer with a valid AWS Test response (SyntaxError)', DIAGNOSTICS.invalidResponse],
    [sdkError('InternalFailure', 'boom', { $fault: 'server', $metadata: { attempts: 3 } }), 'api', 'AWS Test: API error: InternalFailure: boom (after 3 attempts)', DIAGNOSTICS.apiError],
  ])('%s → %s', (error, code, message, diagnostic) => {
    const mapped = mapAwsError(error, ctx);
    expect(mapped).toMatchObject({ code, message });
    expect(mapped.hint).toBeTruthy();
    expect(mapped.diagnostic).toBe(diagnostic);
  });

  it('asks the service-specific mapper only for what is not common, and passes ProviderErrors through', () => {
    const specific = (name: string, message: string) => (name === 'NotFoundException' ? new ProviderError('not-found', `gone: ${message}`) : undefined);
    expect(mapAwsError(sdkError('NotFoundException', 'no such thing'), ctx, specific)).toMatchObject({ code: 'not-found', message: 'gone: no such thing' });
    expect(mapAwsError(sdkError('AccessDeniedException', ''), ctx, specific).code).toBe('denied');
    const own = new ProviderError('config', 'mine');
    expect(mapAwsError(own, ctx, specific)).toBe(own);
  });

  it('never lets the plaintext through: message, hint, cause and stack are redacted', () => {
    const mapped = mapAwsError(sdkError('ValidationException', `value ${SECRET} rejected`, { $response: { body: SECRET } }), ctx);
    expect(mapped.message).toBe('AWS Test: API error: ValidationException: value <redacted> rejected');
    expect(visibleText(mapped)).not.toContain(SECRET);
    expect(visibleText(safeCause(sdkError('X', SECRET), [SECRET]))).not.toContain(SECRET);
  });
});
